"""The site's languages (read by marquee.settings from DEFAULT_LANG and MARQUEE_LANGUAGES).

DEFAULT_LANG's edition is the site's root; each other language is an edition under /<code>/
with its own home, sections, feeds, calendar and sitemap, made of the posts written in it
(a translation: the same slug and `Lang: es`, or a file named `<slug>.es.md`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CODE = re.compile(r"[a-z]{2,3}(?:-[A-Z]{2})?")
FILM_FIELDS = ("title", "logline", "poster_alt", "genre")  # what a language may say differently about the film


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


def own_name(code: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code.replace("-", "_")).display_name or code
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:]


def read(raw: dict | None, default: str) -> tuple[Language, ...]:
    """The default language first, then the others in the order given."""
    found = [Language(default, own_name(default))]
    for code, options in (raw or {}).items():
        options = dict(options or {})
        if not CODE.fullmatch(str(code)):
            raise ValueError(f'MARQUEE_LANGUAGES: "{code}" is not a language code (expected e.g. es, ga, pt-BR)')
        if code == default:
            raise ValueError(f'MARQUEE_LANGUAGES: "{code}" is DEFAULT_LANG already (list only the other languages)')
        if unknown := sorted(set(options) - {"name", "sections", "film"}):
            raise ValueError(f'MARQUEE_LANGUAGES "{code}": unknown key(s) {", ".join(unknown)} (known: name, sections, film)')
        if unknown := sorted(set(options.get("film") or {}) - set(FILM_FIELDS)):
            raise ValueError(f'MARQUEE_LANGUAGES "{code}" film: unknown key(s) {", ".join(unknown)} (known: {", ".join(FILM_FIELDS)})')
        found.append(Language(code, options.get("name") or own_name(code), f"{code}/",
                              dict(options.get("sections") or {}), dict(options.get("film") or {})))  # fmt: skip
    return tuple(found)
