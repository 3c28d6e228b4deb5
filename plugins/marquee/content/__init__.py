"""Content types: each content folder is a section with its own template and typed metadata.

Plugin ``marquee.content``: picks the template per section, reads image metadata into
``article.image`` (a Picture) and puts ``marquee`` (film, sections, home collections,
navigation pages) into the template context.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from pelican import signals

from .. import settings as marquee_settings
from .collections import Home, event_start, home, link_neighbours
from .pictures import Picture, picture

log = logging.getLogger(__name__)

__all__ = ["Home", "Picture", "event_start", "home", "link_neighbours", "picture", "register"]


@dataclass
class SiteData:
    """Everything Marquee adds to the template context, under the name ``marquee``."""

    film: marquee_settings.Film
    sections: dict[str, str]
    home: Home = field(default_factory=Home)
    nav_pages: list = field(default_factory=list)
    poster: Picture | None = None


# An event's `Status` (scheduled, cancelled ...) shares its name with Pelican's publishing
# status (published, draft ...); the two value sets are disjoint, so move event ones aside
# before Pelican rejects them.
EVENT_STATUSES = {"scheduled", "cancelled", "postponed", "rescheduled", "sold-out", "moved-online"}


def separate_event_status(generator, metadata) -> None:
    status = str(metadata.get("status", "")).strip().lower()
    if status in EVENT_STATUSES:
        metadata["event-status"] = status
        del metadata["status"]


def attach_pictures(contents, content_path) -> None:
    for item in contents:
        src = item.metadata.get("image")
        if src and not isinstance(src, Picture):
            item.image = picture(content_path, src, item.metadata.get("image-alt", ""))


def articles_finalized(generator) -> None:
    settings = marquee_settings.read(generator.settings)
    for article in generator.articles + generator.translations:
        section = article.category.slug
        article.section = section
        # A section's own template (diary.html ...) unless the file names one.
        if section in settings.sections and "template" not in article.metadata:
            article.template = section
    attach_pictures(generator.articles + generator.translations, settings.content_path)
    link_neighbours(generator.articles)
    film = settings.film
    poster = picture(settings.content_path, film.poster, film.poster_alt) if film.poster else None
    generator.context["marquee"] = SiteData(
        film=film,
        sections=settings.sections,
        home=home(generator.articles, settings.now),
        poster=poster,
    )


def pages_finalized(generator) -> None:
    settings = marquee_settings.read(generator.settings)
    attach_pictures(generator.pages, settings.content_path)
    by_slug = {page.slug: page for page in generator.pages}
    for slug in settings.nav_pages:
        if slug not in by_slug:
            log.warning("MARQUEE_NAV_PAGES: no page has the slug %r (pages: %s)", slug, ", ".join(sorted(by_slug)))
    site = generator.context.get("marquee")
    if site is not None:
        site.nav_pages = [by_slug[slug] for slug in settings.nav_pages if slug in by_slug]


def register() -> None:
    signals.article_generator_context.connect(separate_event_status)
    signals.article_generator_finalized.connect(articles_finalized)
    signals.page_generator_finalized.connect(pages_finalized)
