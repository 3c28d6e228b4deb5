"""A film site in several languages. Plugin ``marquee.languages`` (after ``pelican.plugins.sitemap``
in PLUGINS: it splits the sitemap that plugin writes).

DEFAULT_LANG's edition is the site's root; each language of MARQUEE_LANGUAGES gets an edition
under /<code>/ (editions.py) of the posts and pages translated into it. The theme's words and
dates follow each page's language (words.py, installed by marquee.content for every site). Every
page in several languages links each version (hreflang) and the header switches between them.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from .. import settings as marquee_settings
from ..content.sitemap import robots
from . import sitemaps
from .editions import PLANNED, EditionsGenerator, pages_in, posts_in

__all__ = ["EditionsGenerator", "pages_in", "posts_in", "register"]


def get_generators(pelican):
    return EditionsGenerator


def write_sitemaps(pelican) -> None:
    """One sitemap per edition with hreflang alternates, and robots.txt naming each (from the
    editions the build planned: EditionsGenerator.generate_context)."""
    settings = marquee_settings.read(pelican.settings)
    versions = PLANNED.pop("versions", {})
    posts = PLANNED.pop("posts", [])
    editions = versions.get("", {})
    if len(editions) < 2:
        return
    output, base = Path(pelican.output_path), settings.feed_base_url
    listings = {path: found for path, found in versions.items() if len(found) > 1}
    alternates = sitemaps.alternates_of(posts, base) | sitemaps.editions_alternates(listings, base)
    written = sitemaps.split(output, editions, settings.languages[0].code, alternates, base)
    if written:
        (output / "robots.txt").write_text(robots(base, written), encoding="utf-8")


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(write_sitemaps)
