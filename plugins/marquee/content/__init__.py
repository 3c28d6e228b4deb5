"""Content types: diary, interviews, events, press, contests.

Plugin ``marquee.content``. Each content folder is a section: its posts get their own
template (diary.html ...), their metadata parsed into a typed object (article.shoot,
article.episode, article.event, article.release, article.contest), a share image and
structured data. Every problem in every file is listed, then the build stops before writing.
The template context gets ``marquee`` (SiteData). Extra pages: the diary's locations, one
index per interview series, share images and the press-kit zip.
"""

from __future__ import annotations

import logging
import posixpath
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from .. import logs, maps, media, output
from .. import settings as marquee_settings
from ..sanitize import BIDI_OR_CONTROL, strip_controls
from . import (
    collisions,
    htmlparts,
    identity,
    markup,
    palette,
    presskit,
    reader,
    readfailures,
    share,
    sitemap,
    structured,
    typeface,
)
from .catalog import Collections, collect, link_neighbours
from .events import STATUSES as EVENT_STATUSES
from .fields import Problem
from .pictures import Picture, content_file, picture
from .validate import (
    ContentError,
    ErrorCount,
    ParseContext,
    duplicate_episodes,
    parse_post,
    relative_source,
    report,
)

log = logging.getLogger(__name__)

__all__ = ["ContentError", "Picture", "SiteData", "picture", "register", "separate_event_status"]

PELICAN_STATUSES = {"published", "hidden", "draft", "skip"}
LOCATIONS = "diary/locations/"  # the diary's locations page


@dataclass
class SiteData:
    """Everything Marquee adds to the template context, under the name ``marquee``."""

    film: marquee_settings.Film
    sections: dict[str, str]
    settings: marquee_settings.MarqueeSettings
    catalog: Collections = field(default_factory=Collections)
    nav_pages: list = field(default_factory=list)
    poster: Picture | None = None
    press_kit: object = None  # the press kit page, when there is one
    problems: list = field(default_factory=list)
    movie: dict = field(default_factory=dict)  # schema.org Movie, for home and about
    typeface: typeface.Typeface | None = None
    title_art: Picture | None = None
    laurels: tuple = ()
    quotes: tuple = ()
    watch: tuple = ()
    trailer_html: str = ""  # the trailer's facade (marquee.embeds), played in place on the home page
    call_to_action: identity.CallToAction | None = None
    locations_map: maps.MapImage | None = None
    maps: list = field(default_factory=list)  # every MapImage of the build, copied into images/maps/
    listing_versions: dict = field(
        default_factory=dict
    )  # "diary/" -> {language: its edition's root}: hreflang, switcher

    def theme_css(self, fonts_url: str) -> str:
        """The film's own colours and typeface as CSS ("" for the theme's)."""
        css = palette.css(self.film.colours) + (self.typeface.css(fonts_url) if self.typeface else "")
        return Markup(css.replace("<", "\\3c "))  # raw text in <style>: quotes stay, no tag can close it

    @property
    def profiles(self) -> list[tuple[str, str]]:
        """The film's own accounts (MARQUEE_FILM accounts) as (network, address)."""
        from ..networks import profile_label

        return [(profile_label(url), url) for url in self.film.accounts]

    @property
    def home_share(self) -> Picture:
        return Picture("images/share/home.jpg", self.film.poster_alt or self.film.title, 1200, 630)


def clean_metadata(generator, metadata) -> None:
    """Text fields lose bidi overrides and control characters (a title cannot reorder the page
    around it, and no page carries characters HTML forbids); everything else is escaped later."""
    for key, value in metadata.items():
        if isinstance(value, list):
            metadata[key] = [_clean(item) for item in value]
        else:
            metadata[key] = _clean(value)


def _clean(value):
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(getattr(value, "name", None), str) and BIDI_OR_CONTROL.search(value.name):
        value.name = strip_controls(value.name)  # Pelican's Tag, Category, Author
    return value


def separate_event_status(generator, metadata) -> None:
    """Keep an event's own fields apart from Pelican's fields of the same name.

    `Status` (scheduled, cancelled ...) is not Pelican's (published, draft ...), and
    `Timezone` is the event's zone, while Pelican would read it as the zone of the post's
    Date (and crash on a typo). Both move to keys of their own before Pelican sees them, so
    our validation can name a bad value and suggest the right one.
    """
    is_event = "event-kind" in metadata
    status = str(metadata.get("status", "")).strip().lower()
    if status in EVENT_STATUSES or (status and is_event and status not in PELICAN_STATUSES):
        metadata["event-status"] = status
        del metadata["status"]
    if is_event and "timezone" in metadata:
        metadata["event-timezone"] = metadata.pop("timezone")


class _NoTracebackForContentErrors(logging.Filter):
    """Pelican logs a failed build with its traceback; for content errors the list says it all."""

    def filter(self, record):
        if record.exc_info and isinstance(record.exc_info[1], ContentError):
            record.exc_info = None
        return True


def start_counting_errors(generator) -> None:
    counter = ErrorCount()
    logging.getLogger("pelican").addHandler(counter)
    generator.context["marquee_errors"] = counter


def attach_pictures(posts, content_path) -> None:
    for post in posts:
        src = post.metadata.get("image")
        if src and not isinstance(src, Picture):
            post.image = picture(content_path, src, post.metadata.get("image-alt", ""))


PLACEHOLDER_LEFT = 'the body still has the template\'s text "{sentence}": write the post, or set Status: draft'


def unfinished(article, source: str, publishing: bool) -> list[Problem]:
    """A post whose body still has `invoke new`'s placeholder text: an error when the build is the
    public site (it would be published and syndicated as it is), a warning in a preview."""
    from ..scaffold import PLACEHOLDERS  # here: scaffold is for the command line

    text = " ".join(htmlparts.strip_tags(article._content or "").split())
    left = [sentence for sentence in PLACEHOLDERS if sentence in text]
    if not left:
        return []
    message = PLACEHOLDER_LEFT.format(sentence=left[0])
    return [Problem(source, "", message, level="error" if publishing else "warning")]


def share_picture(post, kind: str, site: SiteData) -> Picture:
    alt = post.image.alt if isinstance(getattr(post, "image", None), Picture) else site.home_share.alt
    return Picture(f"images/share/{kind}-{post.slug}.jpg", alt, 1200, 630)


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
    site.poster = picture(content, film.poster, film.poster_alt) if film.poster else None
    problems += palette.problems(film.colours)
    if film.poster and content_file(content, film.poster) is None:
        problems.append(
            Problem(
                "pelicanconf.py",
                "MARQUEE_FILM poster",
                f'"{film.poster}" is not a file under content/ (expected a path such as images/key-art.jpg)',
            )
        )
        site.poster = None
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


def trailer_html(pelican_settings: dict, url: str, language: str) -> Markup | str:
    """The trailer's facade (marquee.embeds), its words in `language`; "" without one."""
    embedders = [e for e in pelican_settings.get("MARKDOWN", {}).get("extensions", []) if hasattr(e, "embed_html")]
    return Markup(embedders[0].embed_html(url, language=language) or "") if url and embedders else ""


def dress(site: SiteData, pelican_settings: dict, content: Path, problems: list) -> None:
    """The film's identity: its typeface, title art, laurels, quotes, where to watch it, its
    trailer played in place and the call to action of its stage."""
    film = site.film
    face = typeface.read(film.typeface, content, Path(pelican_settings["THEME"]), film.typeface_weight)
    if isinstance(face, Problem):
        problems.append(face)
    else:
        site.typeface = face
    if film.title_art:
        if content_file(content, film.title_art) is None:
            problems.append(
                Problem(
                    "pelicanconf.py",
                    "MARQUEE_FILM title_art",
                    f'"{film.title_art}" is not a file under content/ (expected a path such as images/title.png)',
                )
            )
        else:
            site.title_art = picture(content, film.title_art, film.title)
    site.laurels = identity.laurels(film, problems)
    site.quotes = identity.quotes(film, problems)
    site.watch = identity.watch_links(film, problems)
    site.trailer_html = trailer_html(pelican_settings, film.trailer, site.settings.languages[0].code)
    site.call_to_action = identity.call_to_action(site.watch, site.catalog.next_event, bool(film.trailer))


def draw_maps(site: SiteData, articles) -> None:
    """The locations page's map (every place, numbered as listed) and each located diary entry's."""
    settings = site.settings
    maker = maps.MapMaker(settings.maps, settings.net, Path(settings.cache_path))
    located = [place for place in site.catalog.locations if place.geo]
    for number, place in enumerate(located, start=1):
        place.pin = str(number)
    pins = [maps.Pin(p.geo.lat, p.geo.lon, p.pin) for p in located]
    names = ", ".join(f"{p.pin} {p.name}" for p in located)
    site.locations_map = maker.map(pins, f"Map of the shooting locations: {names}", 960, 540)
    entries = [a for a in articles if getattr(a, "shoot", None) and a.shoot.geo]
    for number, article in enumerate(sorted(entries, key=lambda a: a.source_path), start=1):
        shoot = article.shoot
        article.map = maker.map(
            [maps.Pin(shoot.geo.lat, shoot.geo.lon)],
            f"Map of {shoot.location or 'the location'} ({shoot.geo})",
            640,
            320,
            settings.maps.zoom,
        )
        if number % 10 == 0:
            log.info("maps: %d of %d diary entries", number, len(entries))
    site.maps = maker.made
    if maker.tiles_asked:
        log.info("maps: drew %d map(s) from %d tile(s)", len(maker.made), maker.tiles_asked)
    maker.close()


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
        report(_where(site.problems, generators[0].settings) if site else [], counter.count if counter else 0)
    except ContentError:
        _reset_sitemap_plugin()
        raise


def marquee_outputs(site: SiteData) -> dict[str, str]:
    """The pages Marquee writes itself (ContentPagesGenerator, the language editions), for the collision check."""
    found = {f"{LOCATIONS}index.html": "the diary's locations page"} if site.catalog.locations else {}
    for series in site.catalog.series:
        found[f"{series.url}index.html"] = f'the index of series "{series.name}"'
    for language in site.settings.languages[1:]:
        found[f"{language.root}index.html"] = f"the {language.name} edition's home page"
        found[f"{language.root}follow/index.html"] = f"the {language.name} edition's Follow page"
        for section in site.sections:
            found[f"{language.root}{section}/index.html"] = f"the {language.name} edition's {section} page"
    return found


def language_problems(originals, posts, source, settings) -> list[Problem]:
    """A post in a language the site does not have, and a translation with no original (Pelican
    would list it among the default language's posts, in its feeds, unlinked)."""
    codes = [language.code for language in settings.languages]
    default = codes[0]
    found = []
    for post in posts:
        lang = getattr(post, "lang", default)
        if lang not in codes:
            found.append(
                Problem(
                    source(post),
                    "Lang",
                    f'"{lang}" is not one of the site\'s languages (expected one of '
                    f"{', '.join(codes)}; a new language is added in MARQUEE_LANGUAGES)",
                )
            )
    for post in originals:
        lang = getattr(post, "lang", default)
        if lang != default and lang in codes:
            found.append(
                Problem(
                    source(post),
                    "Lang",
                    (
                        f'"{lang}": no {settings.languages[0].name} post has the slug "{post.slug}", so this translation has no '
                        "original (expected the original's slug: the same file name with ."
                        f"{lang}.md, or Slug: <the original's slug>)"
                    ),
                )
            )
    return found


class ContentPagesGenerator(Generator):
    """Writes what Pelican does not: locations, series indexes, share images, the press kit zip."""

    def generate_output(self, writer) -> None:
        site: SiteData = self.context["marquee"]
        relative = self.settings.get("RELATIVE_URLS", False)
        if site.catalog.locations:
            writer.write_file(
                f"{LOCATIONS}index.html",
                self.get_template("locations"),
                self.context,
                relative_urls=relative,
                url=LOCATIONS,
                page_name=f"{LOCATIONS}index",
            )
        for series in site.catalog.series:
            writer.write_file(
                f"{series.url}index.html",
                self.get_template("series"),
                self.context,
                relative_urls=relative,
                url=series.url,
                series=series,
                page_name=f"{series.url}index",
            )
        self.write_share_images(site)
        (Path(self.output_path) / "robots.txt").write_text(
            sitemap.robots(site.settings.feed_base_url), encoding="utf-8"
        )
        for article in self.context["articles"]:
            if getattr(article, "episode", None):
                self.write_episode_files(article)
        if site.press_kit:
            self.write_press_kit(site)
        for made in site.maps:
            target = Path(self.output_path) / made.src
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(made.file, target)
        if site.typeface:
            fonts = Path(self.output_path) / self.settings["THEME_STATIC_DIR"] / typeface.FOLDER
            fonts.mkdir(parents=True, exist_ok=True)
            for (name, _), source in zip(site.typeface.faces, site.typeface.files, strict=False):
                shutil.copyfile(source, fonts / name)

    def write_episode_files(self, article) -> None:
        """Beside the episode page: its transcript and JSON chapters; at their own paths: its
        local podcast and video files (copied: content/ is not a static path)."""
        from ..feeds.podcast import (
            chapters_json,  # not at the top: feeds imports content
        )

        episode, out = article.episode, Path(self.output_path)
        folder = out / posixpath.dirname(article.save_as)
        if episode.transcript_vtt:
            (folder / "transcript.vtt").write_bytes(episode.transcript_vtt.read_bytes())
        if episode.enclosure and episode.podcast_chapters:  # for podcast apps (podcast:chapters)
            (folder / "chapters.json").write_bytes(chapters_json(episode))
        files = {episode.video.url} if episode.video.provider == "file" else set()
        files |= {episode.enclosure.url} if episode.enclosure and episode.enclosure.local else set()
        for name in sorted(files):
            source = content_file(self.settings["PATH"], name)
            if source:
                target = out / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)

    def write_share_images(self, site: SiteData) -> None:
        content, out = Path(self.settings["PATH"]), Path(self.output_path)
        cache = Path(site.settings.cache_path) / "share-images"
        poster = content_file(content, site.film.poster) if site.film.poster else None
        posts = self.context["articles"] + self.context["pages"] + self.context.get("hidden_pages", [])
        jobs = [(out / site.home_share.src, None, poster, site.film.logline, site.film.title)]
        for post in posts:
            image = post.image if isinstance(getattr(post, "image", None), Picture) else None
            source = content / image.source if image else None
            jobs.append((out / post.share.src, source, poster, post.title, site.film.title))
        share.make_all(jobs, cache)

    def write_press_kit(self, site: SiteData) -> None:
        """Stills and poster at full size, as the image pipeline publishes them: oriented, and
        without metadata beyond the credit the producer set."""
        content = Path(self.settings["PATH"])
        library = media.library_for(content)
        stills = sorted((content / site.settings.stills).glob("*.*"))
        entries = [(p.relative_to(content).as_posix(), f"stills/{p.stem}") for p in stills]
        entries += [(site.film.poster, "poster")] if site.film.poster else []
        files = {}
        for source, name in entries:
            published = library.download(source) if library else None
            if published is not None:  # else not an image the pipeline publishes (it said why)
                files[name + published.suffix] = published
        text = presskit.synopsis_text(site.film.title, site.press_kit.content)
        presskit.write(Path(self.output_path) / site.settings.press_kit_zip, files, {"synopsis.txt": text})


def get_generators(pelican):
    return ContentPagesGenerator


def check_settings(pelican) -> None:
    """initialized: settings that cannot be read stop the build before anything is read or written,
    each named (not a traceback)."""
    found = [Problem("pelicanconf.py", "", message) for message in marquee_settings.problems(pelican.settings)]
    if found:
        report(_where(found, pelican.settings))


def _where(problems: list, settings: dict) -> list:
    """A settings problem names the file the setting is in: data/site.json for the film's own."""
    from ..settings.site_file import source

    moved = []
    for problem in problems:
        if problem.source == "pelicanconf.py":
            name = (problem.field or problem.message).split(" ", 1)[0].split(":", 1)[0]
            problem = replace(problem, source=source(settings, name))
        moved.append(problem)
    return moved


def install_words(generator) -> None:
    """The theme's words and dates in each page's language (marquee.languages.words)."""
    from ..languages import words

    words.install(generator.env, Path(generator.theme), generator.settings.get("DEFAULT_DATE_FORMAT", "%-d %B %Y"))


def register() -> None:
    pelican_logger = logging.getLogger("pelican")
    if not any(isinstance(f, _NoTracebackForContentErrors) for f in pelican_logger.filters):
        pelican_logger.addFilter(_NoTracebackForContentErrors())
    output.register()  # atomic output: every build writes to a staging folder, swapped in on success
    signals.initialized.connect(logs.unwrap)  # one line per message where no terminal shows them
    signals.initialized.connect(markup.add_extension)
    signals.initialized.connect(readfailures.install)
    signals.content_object_init.connect(markup.sanitize_other_readers)
    signals.readers_init.connect(reader.use)
    signals.generator_init.connect(install_words)
    signals.initialized.connect(check_settings)
    sitemap.register()  # before pelican-sitemap's handlers: listings get dates, the sitemap absolute URLs
    signals.article_generator_init.connect(start_counting_errors)
    signals.article_generator_context.connect(clean_metadata)
    signals.page_generator_context.connect(clean_metadata)
    signals.article_generator_context.connect(separate_event_status)
    signals.article_generator_finalized.connect(articles_finalized)
    signals.page_generator_finalized.connect(pages_finalized)
    signals.all_generators_finalized.connect(all_finalized)
    signals.get_generators.connect(get_generators)
    media.register()  # last: its all_generators_finalized runs after ours, so a content error stops it first
