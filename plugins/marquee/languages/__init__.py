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
from . import sitemaps
from .editions import EditionsGenerator, pages_in, posts_in

__all__ = ["EditionsGenerator", "pages_in", "posts_in", "register"]

LISTINGS = ("", "follow/")  # edition pages besides the sections, as paths inside an edition


def get_generators(pelican):
    return EditionsGenerator


def write_sitemaps(pelican) -> None:
    """One sitemap per edition with hreflang alternates, and robots.txt naming each."""
    settings = marquee_settings.read(pelican.settings)
    if len(settings.languages) < 2:
        return
    output = Path(pelican.output_path)
    roots = {lang.code: lang.root for lang in settings.languages}
    present = {lang.code: lang.root for lang in settings.languages if (output / lang.root / "index.html").exists()}
    listings = {path: present for path in LISTINGS}
    for section in settings.sections:
        have = {code: root for code, root in present.items() if (output / root / section / "index.html").exists()}
        if len(have) > 1:
            listings[f"{section}/"] = have
    base = settings.feed_base_url
    alternates = sitemaps.alternates_of(_written_posts, base) | sitemaps.editions_alternates(
        {path: roots_ for path, roots_ in listings.items() if len(roots_) > 1}, base
    )
    written = sitemaps.split(output, {c: r for c, r in roots.items() if c in present}, settings.languages[0].code, alternates, base)
    if written:
        lines = "".join(f"Sitemap: {base}/{path}\n" for path in written)
        (output / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\n{lines}", encoding="utf-8")


_written_posts: list = []  # this build's posts and pages, for their alternates in the sitemaps


def remember_posts(generator) -> None:
    _written_posts[:] = list(generator.context.get("articles", [])) + list(generator.context.get("pages", []))


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.page_generator_finalized.connect(remember_posts)
    signals.finalized.connect(write_sitemaps)
