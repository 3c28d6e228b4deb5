"""The theme's words and dates in each page's language.

Templates say `{{ _("Next screening") }}`: Jinja's i18n extension with gettext functions that
read the language of what is being rendered (an edition page, a post's `Lang`, else
DEFAULT_LANG) and look the words up in theme/translations/<lang>/LC_MESSAGES/messages.po
(compiled with Babel when the build starts; a word without a translation stays English).
Dates: an English site keeps its own formats (DEFAULT_DATE_FORMAT and the theme's); every other
language gets Babel's (CLDR) way of writing them.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import logging
from functools import lru_cache
from pathlib import Path

from jinja2 import pass_context

from ..settings.languages import Language

log = logging.getLogger(__name__)

# The default language's date formats, as the theme has always written them.
STRFTIME = {
    "date": None,  # DEFAULT_DATE_FORMAT
    "short": "%a %-d %b %Y, %H:%M",
    "full": "%A %-d %B %Y, %H:%M",
    "time": "%H:%M",
    "date_time": "%-d %B %Y at %H:%M",
}


@lru_cache(maxsize=32)
def _compiled(po: Path, mtime: float, code: str) -> gettext.NullTranslations:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as source:
        catalog = read_po(source, locale=code.replace("-", "_"))
    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # fuzzy entries are left out: they fall back to English
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def translations(theme: Path, code: str) -> gettext.NullTranslations:
    po = Path(theme) / "translations" / code.replace("-", "_") / "LC_MESSAGES" / "messages.po"
    if not po.is_file():
        return gettext.NullTranslations()
    return _compiled(po, po.stat().st_mtime, code)


def language_of(context) -> Language:
    """The language of what is being rendered."""
    site = context.get("marquee")
    if site is None:
        return Language(context.get("DEFAULT_LANG") or "en", "")
    edition = context.get("EDITION")
    if edition is not None:
        return edition
    for key in ("article", "page"):
        content = context.get(key)
        if content is not None and getattr(content, "lang", None):
            return site.settings.language(content.lang)
    return site.settings.languages[0]


def install_gettext(env, catalog) -> None:
    """Jinja's i18n in `env`, each render's words from `catalog(context)` (a gettext translations)."""

    @pass_context
    def gettext_(context, message: str) -> str:
        return catalog(context).gettext(message) if message else message  # gettext("") is the header

    @pass_context
    def ngettext_(context, singular: str, plural: str, n: int) -> str:
        return catalog(context).ngettext(singular, plural, n)

    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext_, ngettext_, newstyle=True)


def install(env, theme: Path, default_date_format: str) -> None:
    """Give a generator's Jinja environment the language-aware gettext, `edition()`, `here()`,
    `versions()` and `date_text()`."""
    catalogs: dict[str, gettext.NullTranslations] = {}  # one look at the file per language and build, not per word

    def catalog(context) -> gettext.NullTranslations:
        code = language_of(context).code
        if code not in catalogs:
            catalogs[code] = translations(theme, code)
        return catalogs[code]

    install_gettext(env, catalog)

    @pass_context
    def edition(context) -> Language:
        return language_of(context)

    @pass_context
    def here(context, path: str = "") -> str:
        """A URL in the current page's edition: here("follow/") is /es/follow/ on a Spanish page."""
        return f"{context.get('SITEURL', '')}/{language_of(context).root}{path}"

    @pass_context
    def date_text(context, moment: dt.datetime | dt.date, form: str = "date") -> str:
        language = language_of(context)
        site = context.get("marquee")
        default = site.settings.languages[0].code if site is not None else context.get("DEFAULT_LANG")
        if language.code == default and language.code.startswith("en"):  # strftime names months in English only
            return moment.strftime(STRFTIME[form] or default_date_format)
        return localized(moment, form, language.locale)

    @pass_context
    def versions(context, absolute: bool = True) -> dict[str, str]:
        """language -> URL of every version of this page, when it has more than one: absolute for
        hreflang, as the site links (SITEURL) for the switcher."""
        return versions_of(context, absolute)

    env.globals.update(edition=edition, here=here, date_text=date_text, versions=versions)


def versions_of(context, absolute: bool = True) -> dict[str, str]:
    site = context.get("marquee")
    if site is None or len(site.settings.languages) < 2:
        return {}
    base = site.settings.feed_base_url if absolute else context.get("SITEURL", "")
    order = [lang.code for lang in site.settings.languages]
    content = context.get("article") or context.get("page")
    if content is not None:
        group = {v.lang: f"{base}/{v.url}" for v in (content, *getattr(content, "translations", ()))}
    else:  # a listing (home, section, Follow): the same path in each edition that has it
        path = context.get("output_file", "").removeprefix(language_of(context).root).removesuffix("index.html")
        group = {code: f"{base}/{root}{path}" for code, root in site.listing_versions.get(path, {}).items()}
    if len(group) < 2:
        return {}
    return dict(sorted(group.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)))


def localized(moment, form: str, locale: str) -> str:
    from babel.dates import format_date, format_skeleton, format_time

    if form == "time":
        return format_time(moment, "short", locale=locale)
    if form == "short":
        return f"{format_skeleton('yMMMEd', moment, locale=locale)}, {format_time(moment, 'short', locale=locale)}"
    day = format_date(moment, "full" if form == "full" else "long", locale=locale)
    return day if form == "date" else f"{day}, {format_time(moment, 'short', locale=locale)}"
