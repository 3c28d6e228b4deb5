"""Tasks for writing, previewing, checking and publishing the site: `invoke --list`.

The first eight are pelican-quickstart's; the rest are Marquee's. Each task only declares its
options and hands the work to marquee.commands.
"""

import os
import shutil
from pathlib import Path

from invoke import task
from marquee.commands import editing, going_live, project, publishing, serving, starting, writing
from marquee.settings.syndication import NETWORKS

project.load_dotenv()
HERE = project.Project.here(Path(__file__).parent)
PUBLISH = "settings file (default publishconf.py)"


@task
def clean(c):
    """Remove the generated files"""
    if os.path.isdir(HERE.deploy_path):
        shutil.rmtree(HERE.deploy_path)
        os.makedirs(HERE.deploy_path)


@task
def build(c):
    """Build the local version of the site"""
    project.pelican_run(f"-s {HERE.settings_base} -o {HERE.deploy_path}")


@task
def rebuild(c):
    """`build` with the delete switch"""
    project.pelican_run(f"-d -s {HERE.settings_base} -o {HERE.deploy_path}")


@task
def regenerate(c):
    """Automatically regenerate the site upon file modification"""
    project.pelican_run(f"-r -s {HERE.settings_base} -o {HERE.deploy_path}")


@task
def serve(c):
    """Serve the site at http://$MARQUEE_HOST:$MARQUEE_PORT/ (default 127.0.0.1:8000)"""
    serving.serve(HERE, HERE.deploy_path)


@task
def reserve(c):
    """`build`, then `serve`"""
    build(c)
    serve(c)


@task(help={"settings": PUBLISH, "output": "where to build and serve (default output/)"})
def preview(c, settings=None, output=None):
    """Build the production site (publishconf.py) with its links pointing here, and serve it"""
    serving.preview(HERE, settings or HERE.settings_publish, output or HERE.deploy_path)


@task(
    help={"settings": "settings file (default pelicanconf.py)", "output": "where to build and serve (default output/)"}
)
def livereload(c, settings=None, output=None):
    """Rebuild on every change and reload the page in the browser; a failed build shows its problems over the page"""
    serving.live(HERE, settings or HERE.settings_base, output or HERE.deploy_path)


@task(
    help={
        "settings": "settings file (default pelicanconf.py)",
        "output": "where to build and serve (default output/)",
    }
)
def edit(c, settings=None, output=None):
    """Write in the browser: the site with live reload, and the editor at /admin/ saving straight into content/ (no account)"""
    editing.edit(HERE, settings or HERE.settings_base, output or HERE.deploy_path)


@task(
    help={
        "kind": "diary, interview, event, press or contest",
        "title": "the post's title, in quotes",
        "translation_of": "the file name of a post to translate (e.g. day-12-night-shoot)",
        "language": "the translation's language, one of MARQUEE_LANGUAGES (e.g. es)",
    }
)
def new(c, kind, title, translation_of="", language=""):
    """Start a new post: invoke new diary "Day 12: night shoot"; or translate one: --translation-of day-12-night-shoot --language es"""
    writing.new(HERE, kind, title, translation_of, language)


@task(help={"publish": "check with publishconf.py instead of pelicanconf.py"})
def check(c, publish=False):
    """Build into a temporary folder; list every warning and error; fail if there are any"""
    writing.check(HERE.settings_publish if publish else HERE.settings_base)


@task(
    iterable=["file"],
    help={"file": "an image under content/ (repeat for more); default: every one that carries a location"},
)
def scrub(c, file=None):
    """Remove the location (GPS) and camera data from photos under content/ before they are committed: the repository is public"""
    writing.scrub(HERE, file or [])


@task(
    help={
        "dry_run": "print exactly what would be sent to each network, with character counts; send nothing",
        "only": f"one network: {', '.join(NETWORKS)} or webmention",
        "retry_failed": "try again the posts a network refused before",
        "new_ledger": "start a new ledger (a site that never syndicated): each network is searched for an earlier copy before sending",
        "settings": PUBLISH,
        "output": "the built site to read the JSON Feed from (default output/; a dry run without it builds its own)",
    }
)
def syndicate(c, dry_run=False, only=None, retry_failed=False, settings=None, output=None, new_ledger=False):
    """Send new posts to every configured network (see --only) and webmentions for their links, once each (reads the built JSON Feed)"""
    publishing.syndicate(
        HERE,
        settings or HERE.settings_publish,
        output or HERE.deploy_path,
        dry_run,
        only,
        retry_failed,
        new_ledger,
        built=output is not None,
    )


@task(
    help={
        "settings": PUBLISH,
        "output": "where to build (default output/)",
        "new_ledger": "the site has never syndicated: start the ledger (see invoke syndicate --help)",
    }
)
def publish(c, settings=None, output=None, new_ledger=False):
    """Build with publishconf.py, deploy, syndicate new posts, rebuild and redeploy with their links"""
    publishing.publish(HERE, c.run, settings or HERE.settings_publish, str(output or HERE.deploy_path), new_ledger)


@task
def networks(c):
    """Every network Marquee posts to, its settings key and the environment variables of its secrets"""
    publishing.networks()


@task
def golive(c):
    """Going live: checks each step from this folder to a live site (git, GitHub, the address and domain, the workflow, each network's secrets, the editor) and says the next one"""
    project.load_dotenv()
    going_live.golive(HERE, dict(os.environ))


@task(help={"settings": PUBLISH})
def accounts(c, settings=None):
    """Check every configured account: credentials, token expiry, permissions, quota left (exit 1 when one needs attention)"""
    publishing.accounts(HERE, settings or HERE.settings_publish)


@task(help={"settings": PUBLISH})
def backfeed(c, settings=None):
    """Bring home replies, likes and reposts of syndicated posts into data/backfeed.json"""
    publishing.backfeed(HERE, settings or HERE.settings_publish)


@task(
    help={
        "format": "table (default), json or csv",
        "settings": PUBLISH,
        "html": "write the report page to this local file instead (it lists fans' names: keep it private)",
    }
)
def report(c, format="table", settings=None, html=None):
    """Engagement per syndicated post and network, top posts, fan replies awaiting an answer"""
    publishing.report(HERE, settings or HERE.settings_publish, format, html)


@task(
    help={
        "settings": "settings file (default publishconf.py: the same posts and networks as publishing)",
        "ics": "where to write the team's calendar (default cache/editorial-calendar.ics; never deployed)",
        "html": "also write the plan as one local page, e.g. plan.html",
    }
)
def plan(c, settings=None, ics=None, html=None):
    """The editorial calendar: scheduled posts and where they go, each series' next episode, gaps while shooting, events not announced"""
    publishing.plan(HERE, settings or HERE.settings_publish, ics, html)


@task(
    help={
        "title": "the film's title",
        "director": "who directed it",
        "year": "the release year, e.g. 2028",
        "domain": "the site's address, e.g. https://lowseason.example",
        "logline": "the film in one or two sentences",
        "cast": "the cast, comma-separated",
        "company": "who the site is by (default: the director)",
        "timezone": "where the production is, e.g. Europe/Madrid (default: this one's)",
        "language": "the site's language, e.g. es",
        "colour": "the film's colour, #rrggbb: its palette (checked for contrast) and icons",
        "typeface": "titles' typeface: one the theme offers (e.g. fraunces, bebas-neue) or a .woff2 file",
        "poster": "the poster (an image file); shown whole on the home page unless there is key art",
        "poster_alt": "what the poster shows, in a sentence",
        "key_art": "a wide image across the home page (asked for when the poster is portrait)",
        "key_art_alt": "what the key art shows, in a sentence",
        "trailer": "the trailer's YouTube or Vimeo address: played on the home page, its call to action",
        "genre": "the film's genre, e.g. Drama",
        "runtime": "the running time in minutes, e.g. 97",
        "yes": "do not ask: use what the flags give",
    }
)
def init(
    c,
    title="",
    director="",
    year=None,
    domain="",
    logline="",
    cast="",
    company="",
    timezone="",
    language="",
    colour="",
    typeface="",
    poster="",
    poster_alt="",
    key_art="",
    key_art_alt="",
    trailer="",
    genre="",
    runtime="",
    yes=False,
):
    """Make the site yours: your film's facts and address in the settings, the example film's posts, images and data gone"""
    flags = dict(
        title=title,
        director=director,
        year=year,
        domain=domain,
        logline=logline,
        cast=cast,
        company=company,
        timezone=timezone,
        language=language,
        colour=colour,
        typeface=typeface,
        poster=poster,
        poster_alt=poster_alt,
        key_art=key_art,
        key_art_alt=key_art_alt,
        trailer=trailer,
        genre=genre,
        runtime=str(runtime or ""),
    )
    starting.init(HERE, flags, yes)
