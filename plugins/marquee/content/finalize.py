"""When Pelican has read every post: each is parsed into its type and checked, the template
context is made, and the build stops listing every problem before anything is written."""

from __future__ import annotations

import logging
import posixpath
from dataclasses import replace
from pathlib import Path

from .. import settings as marquee_settings
from . import collisions, identity, palette, structured
from .catalog import collect, link_neighbours
from .fields import Problem
from .pictures import Picture, content_file, picture
from .problems import in_settings_files, language_problems, unfinished
from .site import SiteData, draw_maps, dress, marquee_outputs, share_picture
from .validate import ContentError, ParseContext, duplicate_episodes, parse_post, relative_source, report

log = logging.getLogger("marquee.content")


def attach_pictures(posts, content_path) -> None:
    for post in posts:
        src = post.metadata.get("image")
        if src and not isinstance(src, Picture):
            post.image = picture(content_path, src, post.metadata.get("image-alt", ""))


def articles_finalized(generator) -> None:
    settings = marquee_settings.read(generator.settings)
    content = Path(generator.settings["PATH"])
    site_url = generator.settings.get("SITEURL", "")
    everything = generator.articles + generator.translations + generator.drafts + generator.drafts_translations
    sources = {a: relative_source(a.source_path, content) for a in everything}
    problems = []
    drafts = {id(a) for a in generator.drafts + generator.drafts_translations}
    for article in everything:
        section = article.category.slug
        article.section = section
        if section in settings.sections and "template" not in article.metadata:
            article.template = section  # diary.html, events.html ... unless the file names one
        ctx = ParseContext(sources[article], settings.timezone, content)
        found = parse_post(article, section, ctx) + unfinished(article, ctx.source, settings.publishing)
        if id(article) in drafts:  # a draft is work in progress: say what is missing, never stop the build
            found = [
                replace(p, level="warning", message=f"{p.message} (a draft: fix this before it is published)")
                for p in found
            ]
        problems += found
    problems += duplicate_episodes(generator.articles, sources.get)
    problems += language_problems(generator.articles, everything, sources.get, settings)
    attach_pictures(everything, content)

    film = settings.film
    site = SiteData(film=film, sections=settings.sections, settings=settings, problems=problems)
    problems += palette.problems(film.colours)
    for key, example in (
        ("poster", "images/poster.jpg"),
        ("key_art", "images/key-art.jpg"),
        ("trailer_poster", "images/stills/trailer.jpg"),
    ):
        if getattr(film, key) and content_file(content, getattr(film, key)) is None:
            problems.append(
                Problem(
                    "pelicanconf.py",
                    f"MARQUEE_FILM {key}",
                    f'"{getattr(film, key)}" is not a file under content/ (expected a path such as {example})',
                )
            )
    if film.key_art and not film.key_art_alt.strip():
        problems.append(
            Problem(
                "pelicanconf.py",
                "MARQUEE_FILM key_art_alt",
                "missing (required with key_art: a sentence describing it)",
            )
        )
    if film.poster and content_file(content, film.poster):
        site.poster = picture(content, film.poster, film.poster_alt)
    if film.key_art and content_file(content, film.key_art):
        site.key_art = picture(content, film.key_art, film.key_art_alt)
    site.catalog = collect(generator.articles, settings.now)
    dress(site, generator.settings, content, problems)
    draw_maps(site, generator.articles)
    site.movie = structured.movie(film, site_url, film.poster) | (
        {"potentialAction": identity.watch_actions(site.watch)} if site.watch else {}
    )
    link_neighbours(generator.articles, site.catalog)
    for article in everything:
        article.share = share_picture(article, article.section, site)
        article.structured_data = structured.for_article(
            article,
            film,
            site_url,
            structured.absolute(site_url, article.share.src),
            company=generator.settings.get("AUTHOR", ""),
            currency=settings.currency,
        )
        if getattr(article, "event", None):
            article.ics_url = posixpath.join(posixpath.dirname(article.save_as), f"{article.slug}.ics")
    generator.context["marquee"] = site


def pages_finalized(generator) -> None:
    site = generator.context["marquee"]
    settings = site.settings  # read once, in articles_finalized
    content = Path(generator.settings["PATH"])
    pages = (
        generator.pages
        + generator.hidden_pages
        + generator.draft_pages
        + generator.translations
        + generator.hidden_translations
        + getattr(generator, "draft_translations", [])
    )
    for page in pages:
        ctx = ParseContext(relative_source(page.source_path, content), settings.timezone, content)
        site.problems += parse_post(page, None, ctx)
    site.problems += language_problems(
        generator.pages + generator.hidden_pages, pages, lambda p: relative_source(p.source_path, content), settings
    )
    attach_pictures(pages, content)
    by_slug = {page.slug: page for page in generator.pages}
    for slug in settings.nav_pages:
        if slug not in by_slug:
            log.warning("MARQUEE_NAV_PAGES: no page has the slug %r (pages: %s)", slug, ", ".join(sorted(by_slug)))
    site.nav_pages = [by_slug[slug] for slug in settings.nav_pages if slug in by_slug]
    site.press_kit = by_slug.get(settings.press_kit_page)
    for page in pages:
        page.share = share_picture(page, "page", site)


def _reset_sitemap_plugin() -> None:
    """pelican-sitemap holds the running build until `finalized`, which an aborted build never
    sends; without this, every later build in the same process (livereload, check) has no sitemap."""
    try:
        from pelican.plugins.sitemap.sitemap import generator
    except ImportError:
        return
    generator._main_pelican = None
    generator.page_queue = []


def all_finalized(generators) -> None:
    context = generators[0].context
    counter = context.pop("marquee_errors", None)
    if counter:
        logging.getLogger("pelican").removeHandler(counter)
    site = context.get("marquee")
    if site:
        content = Path(generators[0].settings["PATH"])
        site.problems += collisions.problems(generators, content, marquee_outputs(site))
    try:
        report(
            in_settings_files(site.problems, generators[0].settings) if site else [], counter.count if counter else 0
        )
    except ContentError:
        _reset_sitemap_plugin()
        raise


def install_words(generator) -> None:
    """The theme's words and dates in each page's language (marquee.languages.words)."""
    from ..languages import words

    words.install(generator.env, Path(generator.theme), generator.settings.get("DEFAULT_DATE_FORMAT", "%-d %B %Y"))
