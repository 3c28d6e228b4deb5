"""Site settings for the example film. No secrets here: those come from the environment.

Marquee's own settings start with MARQUEE_; plugins/marquee/settings.py documents each one.
"""

AUTHOR = "Tidewater Pictures"
SITENAME = "Salt and Static"
SITEURL = ""  # "" while previewing: links are root-relative; publishconf.py sets the real URL
FEED_DOMAIN = "http://127.0.0.1:8000"  # feeds need absolute URLs: while previewing, `make serve`'s address
SITE_DESCRIPTION = (
    "Salt and Static, an independent feature film: production diary, interviews, screenings and press."
)

PATH = "content"
THEME = "theme"
TIMEZONE = "Europe/Dublin"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

# Each content folder is a section (a Pelican category) and a Marquee content type.
ARTICLE_PATHS = ["diary", "interviews", "events", "press", "contests"]
PAGE_PATHS = ["pages"]
USE_FOLDER_AS_CATEGORY = True
SLUGIFY_SOURCE = "basename"  # the file name is the slug: `invoke new` names files after titles
WITH_FUTURE_DATES = False  # a post dated in the future stays unpublished until it is due
STATIC_PATHS = ["images", "extra/favicon.ico"]
EXTRA_PATH_METADATA = {"extra/favicon.ico": {"path": "favicon.ico"}}

# Pretty URLs: /diary/day-12-night-shoot/
ARTICLE_URL = "{category}/{slug}/"
ARTICLE_SAVE_AS = "{category}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "{slug}/"
CATEGORY_SAVE_AS = "{slug}/index.html"
CATEGORIES_URL = "sections/"
CATEGORIES_SAVE_AS = "sections/index.html"
# A translation (same slug, `Lang: es`, or a file named <slug>.es.md) lives in its language's edition.
ARTICLE_LANG_URL = "{lang}/{category}/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/{category}/{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
# A film site is written by one team: no per-author pages.
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives"]

DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Marquee writes the feeds (marquee.feeds, with feedgen); Pelican's own stay off.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
FEED_ALL_RSS = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Templates escape every value; only HTML that Marquee produced or sanitized is marked safe.
# (marquee.content turns autoescape on even if this line is removed.)
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [], "autoescape": True}

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}

PLUGINS = [
    "marquee.content",
    "marquee.calendar",
    "marquee.feeds",
    "marquee.syndication",
    "marquee.backfeed",
    "marquee.embeds",
    "marquee.walls",
    "marquee.editor",
    "pelican.plugins.sitemap",
    "marquee.languages",  # after the sitemap plugin: it splits the sitemap by language
]
PAGINATED_TEMPLATES = {"index": None, "tag": None}  # section pages list everything, grouped
SITEMAP = {"format": "xml", "exclude": ["tag/", "page/"]}

# The film itself, in one place: the theme, structured data and feeds read it from here.
MARQUEE_FILM = {
    "title": "Salt and Static",
    "logline": (
        "On a storm-cut Atlantic island, a retired ferry radio operator hears her drowned "
        "brother's voice on a frequency nobody uses, and has nine days to answer before "
        "the relay mast comes down."
    ),
    "director": "Nuala Brennan",
    "cast": ["Maeve Lacey", "Declan Rourke", "Aoife Sheridan", "Paddy Flannery"],
    "runtime_minutes": 97,
    "release_year": 2027,
    "genre": "Drama",
    "trailer": "https://www.youtube.com/watch?v=q8VtR2sLk4w",
    "poster": "images/key-art.jpg",
    "accounts": ["https://mastodon.example/@saltandstatic", "https://bsky.app/profile/saltandstatic.example"],
    "poster_alt": (
        "Key art: a woman in a long coat stands on a dark shore at night, looking up at a "
        "lattice radio mast whose red light burns against a sky streaked with static."
    ),
    # Titles in the film's typeface, served from the site (a Fontsource name or a .woff2 under content/).
    "typeface": "fraunces",
    "laurels": [
        {"festival": "Galway Film Fleadh", "award": "World Premiere", "year": 2027},
        {"festival": "Cork International Film Festival", "award": "Official Selection", "year": 2027},
    ],
    "quotes": [
        {"quote": "A ghost story told entirely through a radio dial, and all the more haunting for it.", "source": "Film Ireland"},
    ],
}

# Section labels and order, used by navigation and section pages.
MARQUEE_SECTIONS = {
    "diary": "Production diary",
    "interviews": "Interviews",
    "events": "Screenings",
    "press": "Press",
    "contests": "Contests",
}
MARQUEE_NAV_PAGES = ["about", "cast-and-crew", "press-kit"]

# The site's other languages: each has an edition under /es/ of the posts translated into it,
# with the theme's words from theme/translations/es/.
MARQUEE_LANGUAGES = {
    "es": {
        "sections": {"diary": "Diario de rodaje", "interviews": "Entrevistas", "events": "Proyecciones",
                     "press": "Prensa", "contests": "Concursos"},
        "film": {
            "logline": (
                "En una isla del Atlántico aislada por las tormentas, una antigua radiooperadora del ferri oye "
                "la voz de su hermano ahogado en una frecuencia que nadie usa, y tiene nueve días para "
                "responder antes de que desmonten la antena."
            ),
            "genre": "Drama",
        },
    },
}

# Feeds (see README, "Feeds"). The id prefix is permanent: it must not change when the site moves.
MARQUEE_ID_PREFIX = "tag:saltandstatic.example,2026:"
MARQUEE_FEED_ITEMS = 20
MARQUEE_FEED_CONTENT = "full"
MARQUEE_PODCAST = {
    "category": "TV & Film",
    "subcategory": "Film Interviews",
    "explicit": False,
    "author": "Tidewater Pictures",
    "owner_name": "Gráinne Madden",
    "owner_email": "press@saltandstatic.example",
}

# Social walls (README, "Social walls"). The example film's accounts are made up, so the example
# builds offline from the posts saved in data/walls/. A real film sets MARQUEE_OFFLINE = False
# (or leaves it out) and names its own accounts; each build then refreshes data/walls/.
MARQUEE_OFFLINE = True
MARQUEE_WALL_DATA = "data/walls"
MARQUEE_WALL_HOME = 6
MARQUEE_WALLS = [
    {"name": "film-mastodon", "type": "mastodon-account", "title": "The film on Mastodon",
     "instance": "https://mastodon.example", "account": "saltandstatic", "limit": 6,
     "link": "https://mastodon.example/@saltandstatic"},
    {"name": "fans-hashtag", "type": "mastodon-tag", "title": "Fans on #SaltAndStatic",
     "instance": "https://mastodon.example", "tag": "SaltAndStatic", "limit": 6,
     "deny": ["spam@mastodon.example"], "min_account_age_days": 30},
    {"name": "film-bluesky", "type": "bluesky", "title": "The film on Bluesky",
     "actor": "saltandstatic.example", "limit": 6, "link": "https://bsky.app/profile/saltandstatic.example"},
    {"name": "film-youtube", "type": "youtube", "title": "Videos", "channel_id": "UCsaltandstatic00000000",
     "limit": 4, "link": "https://www.youtube.com/channel/UCsaltandstatic00000000"},
]
