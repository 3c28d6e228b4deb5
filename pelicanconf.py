"""Site settings. No secrets here: those come from the environment.

What is your film's own (its title, facts, languages, accounts) is in data/site.json, which
`invoke init` writes and the last lines here read; what is below is the same for every film.
Marquee's own settings start with MARQUEE_; plugins/marquee/settings/__init__.py documents each one.
"""

SITEURL = ""  # "" while previewing: links are root-relative; publishconf.py sets the real URL
FEED_DOMAIN = "http://127.0.0.1:8000"  # feeds need absolute URLs: while previewing, `make serve`'s address

PATH = "content"
THEME = "theme"
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
PAGINATED_TEMPLATES = {"tag": None}  # the home page features, section pages list everything, grouped
SITEMAP = {"format": "xml", "exclude": ["tag/", "page/"]}

# Section labels and order, used by navigation and section pages.
MARQUEE_SECTIONS = {
    "diary": "Production diary",
    "interviews": "Interviews",
    "events": "Screenings",
    "press": "Press",
    "contests": "Contests",
}

# Feeds (see README, "Feeds"); the film's permanent id prefix (MARQUEE_ID_PREFIX) is in data/site.json.
MARQUEE_FEED_ITEMS = 20
MARQUEE_FEED_CONTENT = "full"
# Social walls (README, "Social walls"): the sources (MARQUEE_WALLS) are the film's, in data/site.json.
MARQUEE_WALL_DATA = "data/walls"
MARQUEE_WALL_HOME = 6

# The film's own settings, last, so they are the ones that count (data/site.json: invoke init
# writes it whole; a setting you add below them overrides them).
from marquee.settings.site_file import read as _site_file  # noqa: E402

globals().update(_site_file(__file__, "site"))
