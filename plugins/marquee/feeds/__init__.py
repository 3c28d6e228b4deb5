"""Feeds: Atom, RSS and JSON Feed 1.1 for the whole site and each section, and each interview
series with a playable episode as a podcast. Plugin ``marquee.feeds`` (needs ``marquee.content``).

Pelican's own feeds stay off (FEED_ALL_ATOM = None ...): feedgen writes podcast tags and
Media RSS, which Pelican's feedgenerator cannot. Also writes the Follow page (/follow/), and
puts ``marquee_feeds`` (a list of Feed) into the template context for autodiscovery links.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from ..content import share
from ..content.pictures import content_file
from . import jsonfeed, podcast, syndication_feeds
from .entries import FeedItem, item, newest

__all__ = ["Feed", "FeedItem", "feeds_for", "register", "write_feeds"]
log = logging.getLogger(__name__)

MIME = {"atom": "application/atom+xml", "rss": "application/rss+xml", "json": "application/feed+json"}
SUFFIX = {"atom": ".atom.xml", "rss": ".rss.xml", "json": ".json"}


@dataclass(frozen=True)
class Feed:
    path: str  # under the site root, e.g. "feeds/diary.atom.xml"
    url: str  # absolute
    format: str  # "atom", "rss", "json" or "podcast"
    title: str
    description: str
    section: str | None = None  # None: site-wide; else the section whose pages link it
    series: str | None = None  # for a podcast: the series name

    @property
    def mime(self) -> str:
        return MIME.get(self.format, "application/rss+xml")


def feeds_for(site, base_url: str, root: str = "", gettext=None) -> list[Feed]:
    """Every feed an edition publishes (the default language's at the root, another's under
    `root`, "es/"), in the order the Follow page lists them; titles in its language."""
    _ = gettext or (lambda text: text)
    film = site.film.title
    found = []
    for fmt in ("atom", "rss", "json"):
        path = f"{root}feeds/all{SUFFIX[fmt]}"
        found.append(
            Feed(
                path,
                f"{base_url}/{path}",
                fmt,
                _("{film}: everything").format(film=film),
                _("Every new post about {film}.").format(film=film),
            )
        )
    present = {section for section in site.catalog.latest}
    for section, label in site.sections.items():
        if section not in present:
            continue
        for fmt in ("atom", "rss", "json"):
            path = f"{root}feeds/{section}{SUFFIX[fmt]}"
            found.append(
                Feed(
                    path,
                    f"{base_url}/{path}",
                    fmt,
                    f"{film}: {label}",
                    _("{label} only.").format(label=label),
                    section=section,
                )
            )
    for series in podcast_series(site):
        path = f"{root}feeds/{series.slug}.podcast.xml"
        description = _("{series}: the interview series of {film}, as a podcast.").format(series=series.name, film=film)
        found.append(
            Feed(
                path,
                f"{base_url}/{path}",
                "podcast",
                _("{series} (podcast)").format(series=series.name),
                description,
                section="interviews",
                series=series.name,
            )
        )
    return found


def podcast_series(site) -> list:
    """The series with at least one episode a podcast app can play: only they get a podcast feed."""
    return [
        s for s in site.catalog.series if any(getattr(e, "episode", None) and e.episode.enclosure for e in s.episodes)
    ]


def add_feed_list(generators) -> None:
    context = generators[0].context
    site = context.get("marquee")
    if site is not None:
        context["marquee_feeds"] = feeds_for(site, site.settings.feed_base_url)
        playable = podcast_series(site)
        for series in site.catalog.series:
            if series not in playable:
                log.warning(
                    'Series "%s": no podcast feed, because none of its %d episode(s) has a file podcast apps can play '
                    "(a YouTube or Vimeo clip is not one). Add Podcast: audio/episode.mp3 (or a URL with Podcast-Length) to an episode.",
                    series.name,
                    len(series.episodes),
                )


class FeedsGenerator(Generator):
    def generate_output(self, writer) -> None:
        site = self.context["marquee"]
        write_feeds(
            Path(self.output_path),
            site,
            self.context.get("marquee_feeds", []),
            self.context["articles"],
            self.settings,
            self.settings.get("DEFAULT_LANG", "en"),
        )
        writer.write_file(
            "follow/index.html",
            self.get_template("follow"),
            self.context,
            relative_urls=self.settings.get("RELATIVE_URLS", False),
            url="follow/",
            page_name="follow/index",
        )


def write_feeds(out: Path, site, feeds: list[Feed], posts: list, pelican_settings: dict, language: str) -> None:
    """Write `feeds` of `posts` (one language's) under `out`."""
    settings = site.settings
    base = settings.feed_base_url
    full = settings.feed_content != "summary"
    items = [item(a, base, settings.id_prefix, full) for a in posts]
    poster = content_file(pelican_settings["PATH"], site.film.poster) if site.film.poster else None
    cache = Path(settings.cache_path) / "share-images"
    icons = {}
    for side in (512, 144, 64):
        share.icon(out / f"images/share/icon-{side}.jpg", poster, site.film.title, cache, side)
        icons[side] = f"{base}/images/share/icon-{side}.jpg"
    for feed in feeds:
        chosen = [i for i in items if feed.section in (None, i.section)]
        if feed.series:
            chosen = [i for i in chosen if getattr(i.post, "episode", None) and i.post.episode.series == feed.series]
        chosen = newest(chosen, settings.feed_items)
        root = feed.path[: feed.path.index("feeds/")]
        home = f"{base}/{root}" if feed.section is None else f"{base}/{root}{feed.section}/"
        info = syndication_feeds.FeedInfo(
            id=f"{settings.id_prefix}feed/{root}{Path(feed.path).name}",
            title=feed.title,
            description=feed.description,
            home_url=home,
            feed_url=feed.url,
            language=language,
            author=pelican_settings.get("AUTHOR", ""),
            logo=f"{base}/{site.home_share.src}",
            icon=icons[512],
            small_icon=icons[144],
            favicon=icons[64],
        )
        target = out / feed.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if feed.format == "podcast":
            series = next(s for s in site.catalog.series if s.name == feed.series)
            cover = f"images/share/podcast-{series.slug}.jpg"
            share.make(out / cover, None, poster, series.name, site.film.title, cache, cover=True)
            target.write_bytes(podcast.feed(info, chosen, settings.podcast, f"{base}/{cover}", base))
        elif feed.format == "json":
            target.write_bytes(jsonfeed.dumps(info, chosen))
        else:
            write = syndication_feeds.atom if feed.format == "atom" else syndication_feeds.rss
            target.write_bytes(write(info, chosen))


def get_generators(pelican):
    return FeedsGenerator


def register() -> None:
    signals.all_generators_finalized.connect(add_feed_list)
    signals.get_generators.connect(get_generators)
