"""Each other language's edition of the site, under /<code>/: its home, section pages, Follow
page, feeds, events calendar and sitemap, made of the posts written in that language (Pelican
writes the posts and pages themselves at ARTICLE_LANG_SAVE_AS / PAGE_LANG_SAVE_AS)."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, replace
from pathlib import Path

from pelican.generators import Generator

from ..content import structured
from ..content.catalog import collect
from ..settings.languages import Language

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EditionSection:
    """A section page of an edition, shaped as the templates read Pelican's Category."""

    name: str
    slug: str
    url: str  # "es/diary/"

    @property
    def save_as(self) -> str:
        return f"{self.url}index.html"

    @property
    def page_name(self) -> str:
        return self.url + "index"


def posts_in(articles, code: str) -> list:
    """The posts of one language, newest first: translations, and posts first written in it."""
    found = [t for a in articles for t in getattr(a, "translations", ()) if t.lang == code]
    found += [a for a in articles if a.lang == code]
    return sorted(found, key=lambda a: (a.date, a.slug), reverse=True)


def pages_in(pages, code: str) -> dict:
    """slug -> the page in this language (translated, or first written in it)."""
    found = {t.slug: t for p in pages for t in getattr(p, "translations", ()) if t.lang == code}
    found.update({p.slug: p for p in pages if p.lang == code})
    return found


def edition_site(site, language: Language, posts: list, pages: dict, pelican_settings: dict):
    """The site's data as the edition's templates read it: the film's facts and section labels
    in its language, and the catalog (latest, next screening …) of its posts."""
    film = replace(site.film, **language.film)
    catalog = collect(posts, site.settings.now)
    nav = [pages[p.slug] for p in site.nav_pages if p.slug in pages]
    from ..content import identity  # the call to action follows this edition's screenings
    from ..content.site import trailer_html

    edition = replace(
        site,
        film=film,
        sections={**site.sections, **language.sections},
        catalog=catalog,
        nav_pages=nav,
        press_kit=pages.get(site.settings.press_kit_page),
        call_to_action=identity.call_to_action(site.watch, catalog.next_event, bool(film.trailer)),
        trailer_html=trailer_html(pelican_settings, film, language.code),
        poster=replace(site.poster, alt=film.poster_alt) if site.poster else None,  # described in this language
        key_art=replace(site.key_art, alt=film.key_art_alt) if site.key_art else None,
    )
    movie = structured.movie(film, pelican_settings.get("SITEURL", ""), film.poster)
    edition.movie = {**movie, **{k: v for k, v in site.movie.items() if k == "potentialAction"}}
    return edition


PLANNED: dict = {}  # this build's listing versions and posts, for the sitemaps written when it ends


@dataclass
class Edition:
    language: Language
    posts: list
    pages: dict
    site: object  # the SiteData its templates read
    sections: list  # (EditionSection, posts)


class EditionsGenerator(Generator):
    """Plans the editions when the posts are read (so every page can link its versions), then
    writes them."""

    def generate_context(self) -> None:
        self.editions: list[Edition] = []
        PLANNED.clear()  # nothing from an earlier build in this process (one that stopped early)
        site = self.context.get("marquee")
        if site is None or len(site.settings.languages) < 2:
            return
        default = site.settings.languages[0]
        versions = {"": {default.code: ""}, "follow/": {default.code: ""}}
        for slug in site.catalog.latest:
            versions[f"{slug}/"] = {default.code: ""}
        for language in site.settings.languages[1:]:
            posts = posts_in(self.context["articles"], language.code)
            pages = pages_in(self.context["pages"], language.code)
            if not posts and not pages:
                log.warning(
                    "MARQUEE_LANGUAGES %s: nothing is written in it yet (a translation: the same slug and Lang: %s, "
                    "or a file named <slug>.%s.md); its edition is not written",
                    language.code,
                    language.code,
                    language.code,
                )
                continue
            edition = edition_site(site, language, posts, pages, self.settings)
            grouped: dict[str, list] = {}
            for post in posts:
                grouped.setdefault(post.category.slug, []).append(post)
            sections = [
                (EditionSection(edition.sections.get(slug, slug), slug, f"{language.root}{slug}/"), items)
                for slug, items in grouped.items()
            ]
            self.editions.append(Edition(language, posts, pages, edition, sections))
            for path in ("", "follow/", *(f"{slug}/" for slug in grouped)):
                versions.setdefault(path, {})[language.code] = language.root
        site.listing_versions = versions
        for edition in self.editions:
            edition.site.listing_versions = versions
        PLANNED.update(versions=versions, posts=list(self.context["articles"]) + list(self.context["pages"]))

    def generate_output(self, writer) -> None:
        from ..calendar import write_calendar

        # feeds import content: not at the top
        from ..feeds import feeds_for, write_feeds
        from .words import translations

        write = functools.partial(writer.write_file, relative_urls=self.settings.get("RELATIVE_URLS", False))
        for edition in getattr(self, "editions", []):
            language, site, posts = edition.language, edition.site, edition.posts
            gettext = translations(Path(self.settings["THEME"]), language.code).gettext
            feeds = feeds_for(site, site.settings.feed_base_url, language.root, gettext)
            dates = list(reversed(posts))
            context = {
                **self.context,
                "EDITION": language,
                "marquee": site,
                "articles": posts,
                "dates": dates,
                "marquee_feeds": feeds,
                "categories": edition.sections,
                "pages": list(edition.pages.values()),
            }
            write(
                f"{language.root}index.html",
                self.get_template("index"),
                context,
                articles=posts,
                dates=dates,
                blog=True,
                template_name="index",
                page_name=f"{language.root}index",
                url=language.root,
            )
            for category, items in edition.sections:
                write(
                    category.save_as,
                    self.get_template("category"),
                    context,
                    url=category.url,
                    category=category,
                    articles=items,
                    dates=list(reversed(items)),
                    template_name="category",
                    blog=True,
                    page_name=category.page_name,
                    all_articles=posts,
                )
            write(
                f"{language.root}follow/index.html",
                self.get_template("follow"),
                context,
                url=f"{language.root}follow/",
                page_name=f"{language.root}follow/index",
            )
            write_feeds(Path(self.output_path), site, feeds, posts, self.settings, language.code)
            events = [p for p in posts if getattr(p, "event", None)]
            write_calendar(
                Path(self.output_path) / language.root / site.settings.calendar_path,
                events,
                gettext("{film}: screenings and events").format(film=site.film.title),
                self.settings.get("SITEURL", ""),
                site.film.logline,
            )
