"""The film's display typeface (MARQUEE_FILM["typeface"]): titles and headings set in it, served
from the site itself (WOFF2, no font service). Either a Fontsource package the theme installs
(theme/package.json: "fraunces", "bebas-neue" …) or the producer's own .woff2 under content/.
Without one, the theme's system fonts."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .fields import Problem
from .pictures import content_file

FOLDER = "fonts"  # under THEME_STATIC_DIR in the output
FAMILY = "Marquee Display"  # the producer's own file is named this in the CSS
_FACE = re.compile(r"@font-face\s*{(.*?)}", re.S)
_SRC = re.compile(r"url\(\./files/([\w.-]+\.woff2)\)")
_RANGE = re.compile(r"unicode-range:\s*([^;]+);")


@dataclass(frozen=True)
class Typeface:
    family: str
    faces: tuple[tuple[str, str], ...]  # (file name, unicode-range or "") per WOFF2 file
    files: tuple[Path, ...]  # where each file is, in faces' order
    weight: int = 400

    def css(self, base: str) -> str:
        """@font-face rules for `base` (the folder's URL) and the variable the theme's titles use."""
        rules = [
            f'@font-face{{font-family:"{self.family}";font-style:normal;font-display:swap;font-weight:{self.weight};'
            f'src:url({css_url(f"{base}/{quote(name)}")}) format("woff2");{f"unicode-range:{urange};" if urange else ""}}}'
            for name, urange in self.faces
        ]
        return "".join(rules) + f':root{{--display:"{self.family}",var(--serif);--display-weight:{self.weight};}}'

    @property
    def preload(self) -> str:
        """The file most pages need (Latin), preloaded so titles do not change font late."""
        latin = [name for name, _ in self.faces if "-latin-" in name and "-latin-ext-" not in name]
        return (latin or [self.faces[0][0]])[0]


def css_url(url: str) -> str:
    """A URL as a quoted CSS string: a space, ) or " in a file's name cannot end it."""
    escaped = url.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("\r", "")
    return f'"{escaped}"'


def woff2_problem(path: Path) -> str:
    """Why the file is not a usable WOFF2 font ("" when it is): parsed with fontTools, not just its
    first four bytes."""
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path) as font:
            if font.flavor != "woff2":
                return "is a font but not WOFF2 (expected a .woff2 file; convert a TTF or OTF with fonttools)"
            if not font["cmap"].getBestCmap():
                return "has no characters (expected a font with Latin letters)"
    except Exception as error:  # noqa: BLE001 (fontTools and brotli raise many kinds: any of them means not a usable font)
        return f"is not a WOFF2 font ({type(error).__name__}; expected a .woff2 file)"
    return ""


def packages(theme: Path) -> Path:
    return theme / "node_modules" / "@fontsource"


def offered(theme: Path) -> list[str]:
    """The Fontsource typefaces the theme declares (theme/package.json)."""
    try:
        declared = json.loads((theme / "package.json").read_text())["dependencies"]
    except (OSError, ValueError, KeyError):
        return []
    return sorted(name.removeprefix("@fontsource/") for name in declared if name.startswith("@fontsource/"))


def read(value: str, content: Path, theme: Path, weight: int | None = None) -> Typeface | Problem | None:
    """The typeface `value` names, or the Problem that says why it cannot be used."""
    field = "MARQUEE_FILM typeface"
    if not value:
        return None
    if not isinstance(value, str):
        return Problem(
            "pelicanconf.py",
            field,
            f'{value!r} is not a typeface (expected a name such as "fraunces" or a .woff2 file under content/)',
        )
    if value.lower().endswith(".woff2"):
        path = content_file(content, value)
        if path is None:
            return Problem(
                "pelicanconf.py",
                field,
                f'"{value}" is not a file under content/ (expected a path such as fonts/title.woff2)',
            )
        if problem := woff2_problem(path):
            return Problem("pelicanconf.py", field, f'"{value}" {problem}')
        return Typeface(FAMILY, ((path.name, ""),), (path,), weight or 400)
    choices = offered(theme)
    if value not in choices:
        return Problem(
            "pelicanconf.py",
            field,
            f'"{value}" is not a typeface the theme offers (expected one of {", ".join(choices)}, or a .woff2 file under content/)',
        )
    folder = packages(theme) / value
    try:
        metadata = json.loads((folder / "metadata.json").read_text())
    except (OSError, ValueError):
        return Problem(
            "pelicanconf.py",
            field,
            f'"{value}" is not installed (run `make site`, which installs the theme\'s typefaces)',
        )
    weights = metadata.get("weights") or [400]
    chosen = weight or (700 if 700 in weights else 400 if 400 in weights else weights[-1])
    if chosen not in weights:
        return Problem(
            "pelicanconf.py",
            "MARQUEE_FILM typeface_weight",
            f"{chosen} is not a weight of {metadata['family']} (expected one of {', '.join(map(str, weights))})",
        )
    faces = []
    for block in _FACE.findall((folder / f"{chosen}.css").read_text()):
        name, urange = _SRC.search(block), _RANGE.search(block)
        if name:
            faces.append((name[1], urange[1].strip() if urange else ""))
    return Typeface(metadata["family"], tuple(faces), tuple(folder / "files" / name for name, _ in faces), chosen)
