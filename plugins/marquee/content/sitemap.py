"""What search engines read: sitemap.xml with lastmod from content and absolute addresses, and
robots.txt pointing at it.

pelican-sitemap writes the sitemap; for a page that is not a post (home, sections, tags,
archives, series, locations) it has no date and uses the build's clock, so two builds differ and
the date says nothing. Here each such page is given the date of its newest item (an undated page
such as About, the time its file last changed), and the sitemap is written with the site's
absolute address even in a preview build.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from pelican import signals

_listings: dict[str, dt.datetime] = {}  # output file -> its newest item's date, this build
_siteurl: dict[int, str] = {}  # id(pelican) -> SITEURL to put back after the sitemap is written


@dataclass(frozen=True)
class Listing:
    """A page that lists posts, as pelican-sitemap reads it: its URL and its newest item's date."""

    url: str
    date: dt.datetime
    status: str = "published"


def _newest(items) -> dt.datetime | None:
    dates = [getattr(a, "modified", None) or a.date for a in items or () if getattr(a, "date", None)]
    return max(dates, default=None)


def remember(path, context) -> None:
    """content_written: the newest item a listing page shows (or, for any other page that is not
    a post, the newest post of the site)."""
    if context.get("article") or context.get("page"):
        return
    page = context.get("articles_page")
    series = context.get("series")
    newest = (
        _newest(page.object_list if page else None)
        or _newest(series.episodes if series else None)
        or _newest(context.get("articles"))
        or _newest(context.get("dates"))
    )
    if newest:
        _listings[os.path.abspath(path)] = newest


def before_sitemap(pelican) -> None:
    """finalized, before pelican-sitemap's (marquee.content is listed first): date the listings,
    and give the sitemap absolute addresses."""
    try:
        from pelican.plugins.sitemap.sitemap import generator
    except ImportError:
        return
    output = pelican.output_path
    generator.page_queue = [(path, _dated(path, obj, output)) for path, obj in generator.page_queue]
    base = (pelican.settings.get("FEED_DOMAIN") or "").rstrip("/")
    if base and not pelican.settings.get("SITEURL"):
        _siteurl[id(pelican)] = pelican.settings.get("SITEURL", "")
        pelican.settings["SITEURL"] = base
    signals.finalized.disconnect(after_sitemap)
    signals.finalized.connect(after_sitemap)  # after pelican-sitemap's handler


def after_sitemap(pelican) -> None:
    if id(pelican) in _siteurl:
        pelican.settings["SITEURL"] = _siteurl.pop(id(pelican))
    _listings.clear()


def _dated(path: str, obj, output: str):
    """The queued object, or a Listing that carries a date from content: a listing's newest item;
    for an undated page (About, Press kit), when its file last changed."""
    if obj is None:
        found = _listings.get(os.path.abspath(path))
        return Listing(_url(path, output), found) if found else None
    if getattr(obj, "date", None) is None and getattr(obj, "source_path", None):
        changed = dt.datetime.fromtimestamp(int(os.stat(obj.source_path).st_mtime), dt.UTC)
        return Listing(obj.url, changed, getattr(obj, "status", "published"))
    return obj


def _url(path: str, output: str) -> str:
    relative = os.path.relpath(path, output).replace(os.sep, "/")
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def robots(base_url: str, sitemaps: list[str] = ("sitemap.xml",)) -> str:
    return "User-agent: *\nAllow: /\n\n" + "".join(f"Sitemap: {base_url}/{path}\n" for path in sitemaps)


def register() -> None:
    signals.content_written.connect(remember)
    signals.finalized.connect(before_sitemap)
