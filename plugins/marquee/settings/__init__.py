"""Every Marquee setting, its default and what it does; read once per build and passed down
(the MarqueeSettings in the template context's `marquee.settings`). This package imports no
feature package: each group's dataclasses live in a module here (syndication, backfeed, images,
net, analytics, webmention), and the features import them from here.

Settings live in pelicanconf.py / publishconf.py under these names:

MARQUEE_FILM        dict   The film: title, logline, director, cast (list), runtime_minutes,
                           release_year, genre, trailer (URL), trailer_poster (an image under
                           content/ shown until the trailer is played; without it the video
                           service's thumbnail is fetched), trailer_title, poster (path under
                           content/), poster_alt, key_art and key_art_alt (a wide image across the
                           home page; without it the poster is shown whole), accounts (the film's profile URLs, linked rel=me from the
                           home page), colours ({"light": {"accent", "link", "night"}, "dark": …}:
                           the theme's colours, each checked for WCAG AA contrast at build),
                           typeface (titles and headings: a Fontsource name the theme installs,
                           e.g. "fraunces", "bebas-neue", or a .woff2 file under content/; default
                           system fonts), typeface_weight, title_art (an image under content/ drawn
                           as the title on the home page), laurels ([{"festival", "award", "year"}]),
                           quotes ([{"quote", "source", "url"}]), watch ([{"name", "url", "offer":
                           subscription|rent|buy|free}]: where to watch; once given, the home
                           page's call to action and the Movie's WatchAction).
                           Default: the site name as title, everything else empty.
MARQUEE_SECTIONS    dict   Content folder -> label, in navigation order.
                           Default: diary, interviews, events, press, contests.
MARQUEE_NAV_PAGES   list   Slugs of pages linked in the main navigation, in order. Default: [].
MARQUEE_BUILD_DATE  str    "YYYY-MM-DD" to build as if on that day (upcoming vs past events);
                           default None = today in the site's TIMEZONE.
MARQUEE_CALENDAR_PATH str  Where the subscription calendar of all events is written.
                           Default "events/calendar.ics".
MARQUEE_PRESS_KIT_PAGE str Slug of the press kit page (EPK). Default "press-kit".
MARQUEE_STILLS      str    Folder under content/ whose images are the press stills.
                           Default "images/stills".
MARQUEE_PRESS_KIT_ZIP str  Where the downloadable press kit goes. Default "press/press-kit.zip".
MARQUEE_FEED_ITEMS  int    How many posts each feed carries, newest first. Default 20; None = all.
MARQUEE_FEED_CONTENT str   "full" (the whole post in every feed) or "summary". Default "full".
MARQUEE_ID_PREFIX   str    Prefix of every post's permanent id in feeds and the syndication ledger,
                           e.g. "tag:saltandstatic.example,2026:". Choose it once and never change
                           it: ids must survive a move to another domain. Default: a urn:uuid
                           derived from the film's title.
MARQUEE_PODCAST     dict   The interview series as a podcast: category, subcategory
                           (Apple's names), explicit (bool), owner_name, owner_email, author.
FEED_DOMAIN         str    (Pelican's) Base URL for links inside feeds: feeds need absolute URLs.
                           Default SITEURL; pelicanconf.py points it at the preview server.
MARQUEE_OFFLINE     bool   Never open a socket: embeds and walls use what is cached. Default False;
                           the environment variable MARQUEE_OFFLINE=1 turns it on too.
MARQUEE_NET_TIMEOUT float  Seconds to connect, and between two pieces of an answer. Default 10.
MARQUEE_NET_DEADLINE float Seconds for a whole request, answer included: a server that drips its
                           answer is cut off then. Default 30.
MARQUEE_NET_MAX_BYTES int  Largest answer accepted. Default 5,000,000.
MARQUEE_NET_FRESH_FOR int  Seconds a cached answer is reused without asking again. Default 3600.
MARQUEE_NET_ALLOW_PRIVATE bool  Let URLs named by fetched payloads (images, avatars) reach loopback,
                           private and reserved addresses. Default False: public hosts only. For
                           tests against loopback servers; never in production.
MARQUEE_EMBED_ENDPOINTS dict  Base URLs of youtube_oembed, youtube_thumbnails, vimeo_oembed,
                           bluesky_appview (defaults: the public services).
MARQUEE_SYNDICATION dict   Where new posts go out (settings/syndication.py; each network's keys: networks/NAME/):
                           ledger (default "data/syndication.json"), since (date: older posts never
                           go out), mastodon {instance, account, token_env}, bluesky {handle, pds,
                           password_env}, threads {user_id, token_env, image}, instagram {user_id,
                           token_env}, facebook {page_id}, linkedin {author}, x {username},
                           newsletter {username, send, digest}, webhooks [{name, url_env, format}],
                           templates (per content type), network_templates, hashtags,
                           max_hashtags, utm (False = off),
                           attempts, max_wait, timeout. Default: no channels.
MARQUEE_BACKFEED    dict   Replies, likes and reposts brought home (see settings/backfeed.py): data
                           ("data/backfeed.json"), media ("data/backfeed"), report_state, max_posts
                           (50), show (True), hide_accounts, hide_replies, appview, report_path
                           ("report/engagement/"), publish_report (False: the report page lists
                           fans' names, so it is only written locally by `invoke report --html`),
                           faces (12).
MARQUEE_PUBLISHING  bool   True in publishconf.py: the build is the public site, so a post that still
                           has `invoke new`'s placeholder text is an error (a warning in previews).
                           Default False.
MARQUEE_WALLS       list   Social wall sources (see docs/guide/embeds.md, "Social walls"): mastodon-account,
                           mastodon-tag, bluesky, youtube, feed. Default: none.
MARQUEE_WALL_DATA   str    Folder of the walls' snapshots and images, committed. Default "data/walls".
MARQUEE_WALL_HOME   int    Wall posts shown on the home page. Default 6.
MARQUEE_IMAGES      dict   The image pipeline (see settings/images.py): widths, modern ("avif"/"webp"),
                           jpeg_quality, modern_quality, credit, copyright, full_size, page_budget_kb,
                           max_pixels, workers.
MARQUEE_ANALYTICS   dict   Cookie-free analytics on your own host (see settings/analytics.py): provider
                           (plausible, umami, goatcounter), script, site, endpoint, api,
                           api_key_env, period. Default None: no script, nothing loaded.
MARQUEE_WEBMENTION  dict   Webmention (see settings/webmention.py): endpoint (advertised with
                           <link rel="webmention">; e.g. https://webmention.io/DOMAIN/webmention),
                           api (webmention.io's JF2 API, read by `invoke backfeed`), token_env
                           ("WEBMENTION_IO_TOKEN"), domain (default: the site's host), send (False:
                           True sends a webmention for each new post's outgoing links on publish,
                           once each, recorded in the ledger), per_page, timeout. Default: none.
MARQUEE_EDITOR      dict   The browser editor at /admin/ (Sveltia CMS; see settings/editor.py and docs/guide/phone.md
                           "Write from your phone"): enabled (True), path ("admin"), repo ("owner/name"),
                           branch ("main"), api_root (GitHub's API; default api.github.com), base_url and
                           auth_endpoint (an OAuth proxy, for teams that want one instead of a token), site_url,
                           local (set by `invoke edit`), modules (editor/node_modules). Its collections come from the
                           content types' fields on every build.
MARQUEE_PLAN        dict   The editorial calendar (`invoke plan`; settings/plan.py): gap_days (10: days
                           without a post during the shoot that count as a gap), announce_days (14:
                           how long before an event its post should be out), series ({name: "weekly",
                           "fortnightly", "monthly" or days}; else learned from the episodes).
MARQUEE_LANGUAGES   dict   The site's other languages besides DEFAULT_LANG (settings/languages.py):
                           {"es": {"name": "Español", "sections": {"diary": "Diario de rodaje", …},
                           "film": {"logline": …, "poster_alt": …, "genre": …, "title": …}}}. Each
                           gets an edition under /es/ (home, sections, feeds, calendar, sitemap) of
                           the posts translated into it; the theme's words come from
                           theme/translations/. Default: none.
MARQUEE_MAPS        dict   Maps of the shooting locations, drawn at build (settings/maps.py): enabled
                           (True), tiles (OpenStreetMap's tile server, {z}/{x}/{y}), attribution,
                           attribution_url, tile_days (30: how long a fetched tile is reused), zoom
                           (14, a diary entry's map), tiles_dir (tiles shipped with the project,
                           {z}/{x}/{y}.png under it, used instead of fetching: the example film's
                           data/tiles, drawn by tools/example_tiles.py from Natural Earth). Tiles are
                           fetched once through the cache and composed into one image per map: no
                           request to a map service at view time.
MARQUEE_CURRENCY    str    ISO 4217 code for a price written without one ("Free", "12"). Default "EUR".
MARQUEE_DEPLOY      dict   Where `invoke publish` puts the site: {"target": "local", "path": ...},
                           {"target": "rsync", "destination": "user@host:/srv/www/", "ssh": "ssh -p 22"}
                           or {"target": "github-pages", "remote": "origin", "branch": "gh-pages",
                           "cname": ...}. Default: none (publish stops after the build).
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from ..net.policy import web_url
from . import analytics, typed, webmention
from . import backfeed as backfeed_options
from . import editor as editor_options
from . import languages as language_options
from . import maps as map_options
from . import plan as plan_options
from . import syndication as syndication_options
from .net import NetSettings

DEFAULT_SECTIONS = {
    "diary": "Production diary",
    "interviews": "Interviews",
    "events": "Screenings",
    "press": "Press",
    "contests": "Contests",
}


@dataclass(frozen=True)
class Film:
    title: str
    logline: str = ""
    director: str = ""
    cast: tuple[str, ...] = ()
    runtime_minutes: int | None = None
    release_year: int | None = None
    genre: str = ""
    trailer: str = ""
    trailer_poster: str = ""  # an image under content/ the trailer shows until played (else its service's thumbnail)
    trailer_title: str = ""  # the trailer's title on its play button (else its service's, else the film's)
    poster: str = ""
    poster_alt: str = ""
    key_art: str = ""  # a wide image under content/ across the home page; without it the poster is shown whole
    key_art_alt: str = ""
    accounts: tuple[str, ...] = ()  # the film's own profiles (Mastodon, Bluesky ...): rel=me on the home page
    colours: dict = field(
        default_factory=dict
    )  # {"light": {"accent", "link", "night"}, "dark": {...}}: checked for contrast
    typeface: str = ""  # titles' typeface: a Fontsource name the theme installs, or a .woff2 under content/
    typeface_weight: int | None = None  # default 700 where the typeface has it
    title_art: str = ""  # an image under content/ drawn as the film's title (its alt text: the title)
    laurels: tuple = ()  # ({"festival", "award", "year"}, ...)
    quotes: tuple = ()  # ({"quote", "source", "url"}, ...)
    watch: tuple = ()  # ({"name", "url", "offer": subscription|rent|buy|free}, ...): where to watch it


@dataclass(frozen=True)
class MarqueeSettings:
    film: Film
    sections: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_SECTIONS))
    nav_pages: tuple[str, ...] = ()
    timezone: ZoneInfo = ZoneInfo("UTC")
    build_date: dt.date | None = None
    calendar_path: str = "events/calendar.ics"
    press_kit_page: str = "press-kit"
    stills: str = "images/stills"
    press_kit_zip: str = "press/press-kit.zip"
    cache_path: str = "cache"
    feed_items: int | None = 20
    feed_content: str = "full"
    id_prefix: str = ""
    podcast: dict = field(default_factory=dict)
    feed_base_url: str = ""
    net: NetSettings | None = None
    embed_endpoints: dict = field(default_factory=dict)
    syndication: syndication_options.SyndicationSettings = field(
        default_factory=syndication_options.SyndicationSettings
    )
    deploy: dict = field(default_factory=dict)
    backfeed: backfeed_options.BackfeedSettings = field(default_factory=backfeed_options.BackfeedSettings)
    analytics: analytics.AnalyticsSettings | None = None
    currency: str = "EUR"
    webmention: webmention.WebmentionSettings = field(default_factory=webmention.WebmentionSettings)
    publishing: bool = False  # MARQUEE_PUBLISHING: a build for the public site (publishconf.py)
    walls: tuple[dict, ...] = ()  # MARQUEE_WALLS: the sources, checked by walls.problems at build
    wall_data: Path = Path("data/walls")
    wall_home: int = 6
    editor: editor_options.EditorSettings = field(default_factory=editor_options.EditorSettings)
    plan: plan_options.PlanSettings = field(default_factory=plan_options.PlanSettings)
    maps: map_options.MapSettings = field(default_factory=map_options.MapSettings)
    languages: tuple[language_options.Language, ...] = (
        language_options.Language("en", "English"),
    )  # DEFAULT_LANG first

    def language(self, code: str | None) -> language_options.Language:
        """The site's language `code` (an unknown one: the default's)."""
        return next((lang for lang in self.languages if lang.code == code), self.languages[0])

    @property
    def today(self) -> dt.date:
        return self.build_date or dt.datetime.now(self.timezone).date()

    @property
    def now(self) -> dt.datetime:
        """The build's moment: midnight of MARQUEE_BUILD_DATE when set, else the clock."""
        if self.build_date:
            return dt.datetime.combine(self.build_date, dt.time(), self.timezone)
        return dt.datetime.now(self.timezone)


def _film_keys(raw: dict | None) -> dict:
    """MARQUEE_FILM's values, each of its field's type (the title may come from SITENAME), or
    ValueError naming every bad key at once. The finer rules (a picture is a file under content/,
    a trailer a video address) are the build's, where the files are."""
    film, problems = typed.check(Film, raw, "MARQUEE_FILM", ignore=("title",))
    for name, low, high, expected in (
        ("runtime_minutes", 1, 1000, "minutes, e.g. 97"),
        ("release_year", 1870, 2200, "a year, e.g. 2027"),
    ):
        if film.get(name) is not None and not low <= film[name] <= high:
            problems.append(f'MARQUEE_FILM {name}: "{film[name]}" is not {expected}')
    if problems:
        raise ValueError("; ".join(problems))
    return film


def problems(settings: dict) -> list[str]:
    """Every Marquee setting that cannot be read, each named with what was expected (all at once:
    each group is read on its own)."""
    zone, language = settings.get("TIMEZONE") or "UTC", settings.get("DEFAULT_LANG") or "en"
    try:
        ZoneInfo(str(zone))
    except (ValueError, KeyError):
        zone = "UTC"  # named by _scalar_problems
    groups = {
        "MARQUEE_FILM": _film_keys,
        "MARQUEE_SYNDICATION": lambda raw: syndication_options.read(raw, ZoneInfo(zone), language),
        "MARQUEE_BACKFEED": backfeed_options.read,
        "MARQUEE_WEBMENTION": webmention.read,
        "MARQUEE_ANALYTICS": analytics.read,
        "MARQUEE_EDITOR": editor_options.read,
        "MARQUEE_PLAN": plan_options.read,
        "MARQUEE_MAPS": map_options.read,
        "MARQUEE_LANGUAGES": lambda raw: language_options.read(raw, language),
    }
    found = _scalar_problems(settings)
    for name, reader in groups.items():
        try:
            reader(settings.get(name))
        except (ValueError, TypeError) as error:
            found.append(str(error) if str(error).startswith(name) else f"{name}: {error}")
    if not found:
        try:
            read(settings)
        except (ValueError, TypeError) as error:
            found.append(str(error))
    return found


# The single-valued settings: (their type(s), what a producer should write).
SCALARS = {
    "MARQUEE_NET_TIMEOUT": ((int, float), "a number of seconds above 0"),
    "MARQUEE_NET_DEADLINE": ((int, float), "a number of seconds above 0"),
    "MARQUEE_NET_MAX_BYTES": ((int,), "a whole number of bytes above 0"),
    "MARQUEE_NET_FRESH_FOR": ((int,), "a whole number of seconds"),
    "MARQUEE_NET_ALLOW_PRIVATE": ((bool,), "True or False"),
    "MARQUEE_OFFLINE": ((bool,), "True or False"),
    "MARQUEE_PUBLISHING": ((bool,), "True or False"),
    "MARQUEE_FEED_ITEMS": ((int, type(None)), "a whole number above 0, or None"),
    "MARQUEE_WALL_HOME": ((int,), "a whole number"),
    "MARQUEE_ID_PREFIX": ((str,), "text"),
    "MARQUEE_CURRENCY": ((str,), "an ISO 4217 code"),
    "MARQUEE_CALENDAR_PATH": ((str,), "a path"),
    "MARQUEE_PRESS_KIT_PAGE": ((str,), "a page's slug"),
    "MARQUEE_STILLS": ((str,), "a folder"),
    "MARQUEE_PRESS_KIT_ZIP": ((str,), "a path"),
    "MARQUEE_FEED_CONTENT": ((str,), '"full" or "summary"'),
    "MARQUEE_SECTIONS": ((dict, type(None)), "a dict of folder -> label"),
    "MARQUEE_NAV_PAGES": ((list, tuple, type(None)), "a list of slugs"),
    "MARQUEE_BUILD_DATE": ((str, dt.date, type(None)), "YYYY-MM-DD"),
    "MARQUEE_PODCAST": ((dict, type(None)), "a dict"),
    "MARQUEE_WALLS": ((list, tuple, type(None)), "a list of sources"),
    "MARQUEE_DEPLOY": ((dict, type(None)), "a dict"),
}


def _scalar_problems(settings: dict) -> list[str]:
    """Every single-valued Marquee setting of the wrong type or out of range, each named."""
    found = []
    for name, (kinds, expected) in SCALARS.items():
        if name not in settings:
            continue
        value = settings[name]
        wrong = not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds)
        if not wrong and isinstance(value, (int, float)) and not isinstance(value, bool):
            wrong = value <= 0 and "above 0" in expected or value < 0
        if not wrong and name == "MARQUEE_BUILD_DATE" and isinstance(value, str):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                wrong = True
        if not wrong and name == "MARQUEE_FEED_CONTENT":
            wrong = value not in ("full", "summary")
        if wrong:
            shown = f'"{value}"' if isinstance(value, str) else repr(value)[:80]
            found.append(f"{name}: {shown} is not {expected}")
    try:
        ZoneInfo(str(settings.get("TIMEZONE") or "UTC"))
    except (ValueError, KeyError):
        found.append(
            f'TIMEZONE: "{settings.get("TIMEZONE")}" is not a time zone (expected an IANA name such as Europe/Dublin)'
        )
    return found


def read(settings: dict) -> MarqueeSettings:
    """Read Marquee's settings out of Pelican's settings dict."""
    film = _film_keys(settings.get("MARQUEE_FILM"))
    film.setdefault("title", settings.get("SITENAME", ""))
    film["cast"] = tuple(film.get("cast") or ())
    film["accounts"] = tuple(
        url for url in (film.get("accounts") or ()) if web_url(url, source="MARQUEE_FILM accounts")
    )
    build_date = settings.get("MARQUEE_BUILD_DATE")
    if isinstance(build_date, str):
        build_date = dt.date.fromisoformat(build_date)
    return MarqueeSettings(
        film=Film(**film),
        sections=dict(settings.get("MARQUEE_SECTIONS") or DEFAULT_SECTIONS),
        nav_pages=tuple(settings.get("MARQUEE_NAV_PAGES") or ()),
        timezone=ZoneInfo(settings.get("TIMEZONE") or "UTC"),
        build_date=build_date,
        calendar_path=settings.get("MARQUEE_CALENDAR_PATH", "events/calendar.ics"),
        press_kit_page=settings.get("MARQUEE_PRESS_KIT_PAGE", "press-kit"),
        stills=settings.get("MARQUEE_STILLS", "images/stills"),
        press_kit_zip=settings.get("MARQUEE_PRESS_KIT_ZIP", "press/press-kit.zip"),
        cache_path=settings.get("CACHE_PATH", "cache"),
        feed_items=settings.get("MARQUEE_FEED_ITEMS", 20),
        feed_content=settings.get("MARQUEE_FEED_CONTENT", "full"),
        id_prefix=settings.get("MARQUEE_ID_PREFIX") or _default_id_prefix(film["title"]),
        podcast={**DEFAULT_PODCAST, **(settings.get("MARQUEE_PODCAST") or {})},
        feed_base_url=(settings.get("FEED_DOMAIN") or settings.get("SITEURL") or "").rstrip("/"),
        net=NetSettings(
            cache_dir=Path(settings.get("CACHE_PATH", "cache")) / "marquee-net",
            timeout=float(settings.get("MARQUEE_NET_TIMEOUT", 10)),
            deadline=float(settings.get("MARQUEE_NET_DEADLINE", 30)),
            max_bytes=int(settings.get("MARQUEE_NET_MAX_BYTES", 5_000_000)),
            fresh_for=int(settings.get("MARQUEE_NET_FRESH_FOR", 3600)),
            offline=bool(settings.get("MARQUEE_OFFLINE"))
            or os.environ.get("MARQUEE_OFFLINE", "") in ("1", "true", "yes"),
            allow_private=bool(settings.get("MARQUEE_NET_ALLOW_PRIVATE", False)),
        ),
        embed_endpoints=dict(settings.get("MARQUEE_EMBED_ENDPOINTS") or {}),
        syndication=syndication_options.read(
            settings.get("MARQUEE_SYNDICATION"),
            ZoneInfo(settings.get("TIMEZONE") or "UTC"),
            settings.get("DEFAULT_LANG") or "en",
        ),
        deploy=dict(settings.get("MARQUEE_DEPLOY") or {}),
        backfeed=backfeed_options.read(settings.get("MARQUEE_BACKFEED")),
        analytics=analytics.read(settings.get("MARQUEE_ANALYTICS")),
        currency=settings.get("MARQUEE_CURRENCY", "EUR"),
        webmention=webmention.read(settings.get("MARQUEE_WEBMENTION")),
        publishing=bool(settings.get("MARQUEE_PUBLISHING", False)),
        walls=tuple(settings.get("MARQUEE_WALLS") or ()),
        wall_data=Path(settings.get("MARQUEE_WALL_DATA") or "data/walls"),
        wall_home=int(settings.get("MARQUEE_WALL_HOME", 6)),
        editor=editor_options.read(settings.get("MARQUEE_EDITOR")),
        plan=plan_options.read(settings.get("MARQUEE_PLAN")),
        maps=map_options.read(settings.get("MARQUEE_MAPS")),
        languages=language_options.read(settings.get("MARQUEE_LANGUAGES"), settings.get("DEFAULT_LANG") or "en"),
    )


DEFAULT_PODCAST = {
    "category": "TV & Film",
    "subcategory": "Film Interviews",
    "explicit": False,
    "owner_name": "",
    "owner_email": "",
    "author": "",
}


def _default_id_prefix(title: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'marquee-film:' + title)}:"
