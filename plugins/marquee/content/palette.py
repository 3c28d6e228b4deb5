"""The film's colours (MARQUEE_FILM["colours"]): theme colours set per film, light and dark, each
checked at build for WCAG AA contrast (4.5:1 for text) against what it is drawn on."""

from __future__ import annotations

import re

from .fields import Problem

# name -> (the CSS variable, what it is drawn on, per scheme); the theme's own backgrounds.
ROLES = {
    "accent": "--accent",  # dates, status words: text on the page
    "link": "--link",  # links on the page
    "night": "--night",  # the header and footer, under --night-text
}
BACKGROUND = {"light": "#f7f5f0", "dark": "#0e1620"}
NIGHT_TEXT = "#eef2f6"
SCHEMES = ("light", "dark")
AA = 4.5


def channels(colour: str) -> list[float]:
    """ "#rrggbb" -> [red, green, blue], each 0–1."""
    return [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]


def luminance(colour: str) -> float:
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def problems(colours: dict) -> list[Problem]:
    found = []
    where = "MARQUEE_FILM colours"
    for scheme, chosen in (colours or {}).items():
        if scheme not in SCHEMES or not isinstance(chosen, dict):
            found.append(
                Problem(
                    "pelicanconf.py",
                    where,
                    f'"{scheme}" is not a colour scheme (expected light and dark, each {{"accent": "#rrggbb", …}})',
                )
            )
            continue
        for name, colour in chosen.items():
            field = f"{where} {scheme} {name}"
            if name not in ROLES:
                found.append(
                    Problem("pelicanconf.py", field, f"is not a theme colour (expected one of {', '.join(ROLES)})")
                )
            elif not (isinstance(colour, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", colour)):
                found.append(Problem("pelicanconf.py", field, f'"{colour}" is not a colour (expected #rrggbb)'))
            else:
                text, ground = (NIGHT_TEXT, colour) if name == "night" else (colour, BACKGROUND[scheme])
                ratio = contrast(text, ground)
                if ratio < AA:
                    under = (
                        f"under the header's text {NIGHT_TEXT}"
                        if name == "night"
                        else f"on the page's background {ground}"
                    )
                    found.append(
                        Problem(
                            "pelicanconf.py",
                            field,
                            (
                                f'"{colour}" has a contrast of {ratio:.1f}:1 {under} (expected at least {AA}:1, WCAG AA for text)'
                            ),
                        )
                    )
    return found


def css(colours: dict) -> str:
    """The chosen colours as CSS custom properties (values already checked to be #rrggbb)."""
    rules = []
    for scheme in SCHEMES:
        chosen = {ROLES[n]: c for n, c in (colours or {}).get(scheme, {}).items() if n in ROLES}
        if scheme == "light" and "--accent" in chosen:  # buttons: white text on the light accent, in both schemes
            chosen["--action"] = chosen["--accent"]
        if chosen:
            body = ":root{" + "".join(f"{var}:{value};" for var, value in chosen.items()) + "}"
            rules.append(body if scheme == "light" else f"@media (prefers-color-scheme: dark){{{body}}}")
    return "".join(rules)


def _mix(colour: str, towards: str, amount: float) -> str:
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(towards[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=False))


def fitted(colour: str, ground: str, ratio: float) -> str:
    """`colour`, darkened or lightened (away from `ground`) just enough to reach `ratio` on it."""
    towards = "#000000" if luminance(ground) > 0.18 else "#ffffff"
    for step in range(101):
        candidate = _mix(colour, towards, step / 100)
        if contrast(candidate, ground) >= ratio:
            return candidate
    return towards


def from_colour(colour: str) -> dict:
    """A film's palette from one colour: accents that pass AA on both schemes' backgrounds and a
    deep header/footer of the same hue (also the home page's hero)."""
    return {
        "light": {"accent": fitted(colour, BACKGROUND["light"], AA + 0.1), "night": fitted(colour, NIGHT_TEXT, 12)},
        "dark": {"accent": fitted(colour, BACKGROUND["dark"], AA + 0.1), "night": fitted(colour, NIGHT_TEXT, 14)},
    }
