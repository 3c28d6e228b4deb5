"""The site's languages (read by marquee.settings from DEFAULT_LANG and MARQUEE_LANGUAGES).

DEFAULT_LANG's edition is the site's root; each other language is an edition under /<code>/
with its own home, sections, feeds, calendar and sitemap, made of the posts written in it
(a translation: the same slug and `Lang: es`, or a file named `<slug>.es.md`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CODE = re.compile(r"[a-z]{2,3}(?:-[A-Z]{2})?")
FILM_FIELDS = (
    "title",
    "logline",
    "poster_alt",
    "key_art_alt",
    "trailer_title",
    "genre",
)  # what a language may say differently about the film


@dataclass(frozen=True)
class Language:
    code: str  # "es"; a BCP 47 tag as <html lang> takes it
    name: str  # "Español": its own name, as the language switcher shows it
    root: str = ""  # "" for DEFAULT_LANG, else "es/": where its edition starts
    sections: dict = field(default_factory=dict)  # section -> label in this language
    film: dict = field(default_factory=dict)  # film facts in this language (FILM_FIELDS)

    @property
    def locale(self) -> str:
        return self.code.replace("-", "_")


def known(code: str) -> bool:
    """Whether Babel (CLDR) knows the language: its dates, plurals and names can be written."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return False
    return True


def own_name(code: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code.replace("-", "_")).display_name or code
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:]


def read(raw: dict | None, default: str) -> tuple[Language, ...]:
    """The default language first, then the others in the order given; ValueError naming every
    problem at once."""
    problems = []
    if not known(str(default)):
        problems.append(
            f'DEFAULT_LANG: "{default}" is not a language Marquee can write in (expected e.g. en, es, ga, pt-BR)'
        )
    if raw is not None and not isinstance(raw, dict):
        raise ValueError(f"MARQUEE_LANGUAGES: {type(raw).__name__} (expected a dict of language code -> its settings)")
    found = [Language(default, own_name(default))]
    for code, options in (raw or {}).items():
        where = f'MARQUEE_LANGUAGES "{code}"'
        if options is not None and not isinstance(options, dict):
            problems.append(f"{where}: {type(options).__name__} (expected a dict with name, sections, film)")
            continue
        options = dict(options or {})
        if not CODE.fullmatch(str(code)):
            problems.append(f'MARQUEE_LANGUAGES: "{code}" is not a language code (expected e.g. es, ga, pt-BR)')
            continue
        if not known(code):
            problems.append(
                f'MARQUEE_LANGUAGES: "{code}" is not a language Marquee can write in (no CLDR data; expected e.g. es, ga, pt-BR)'
            )
            continue
        if code == default:
            problems.append(f'MARQUEE_LANGUAGES: "{code}" is DEFAULT_LANG already (list only the other languages)')
            continue
        if unknown := sorted(set(options) - {"name", "sections", "film"}):
            problems.append(f"{where}: unknown key(s) {', '.join(unknown)} (known: name, sections, film)")
        for part in ("sections", "film"):
            if options.get(part) is not None and not isinstance(options[part], dict):
                problems.append(f"{where} {part}: {type(options[part]).__name__} (expected a dict)")
                options[part] = {}
        if unknown := sorted(set(options.get("film") or {}) - set(FILM_FIELDS)):
            problems.append(f"{where} film: unknown key(s) {', '.join(unknown)} (known: {', '.join(FILM_FIELDS)})")
        found.append(
            Language(
                code,
                str(options.get("name") or own_name(code)),
                f"{code}/",
                dict(options.get("sections") or {}),
                dict(options.get("film") or {}),
            )
        )
    if problems:
        raise ValueError("; ".join(problems))
    return tuple(found)
