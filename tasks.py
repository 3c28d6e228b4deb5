"""Tasks for writing, previewing and checking the site: `invoke --list`.

The first eight are pelican-quickstart's; `new` and `check` are Marquee's.
"""

import datetime as dt
import json
import logging
import os
import re
import shlex
import shutil
import signal
import sys
import webbrowser
from pathlib import Path
from zoneinfo import ZoneInfo

from invoke import Exit, task
from invoke.main import program
from marquee.settings.syndication import NETWORKS
from pelican import main as pelican_main
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file


def load_dotenv(path=".env"):
    """KEY=VALUE lines of .env into the environment (what is already set wins); see .env.example."""
    if not os.path.isfile(path):
        return
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        name, sep, value = line.strip().partition("=")
        if sep and name and not name.startswith("#"):
            os.environ.setdefault(name.strip(), value.strip().strip("'\""))


load_dotenv()
OPEN_BROWSER_ON_SERVE = os.environ.get("CI") != "true" and sys.stdin.isatty()
SETTINGS_FILE_BASE = "pelicanconf.py"
SETTINGS = {**DEFAULT_CONFIG, **get_settings_from_file(SETTINGS_FILE_BASE)}

CONFIG = {
    "settings_base": SETTINGS_FILE_BASE,
    "settings_publish": "publishconf.py",
    "deploy_path": "output",
    "content_path": SETTINGS["PATH"],
    "host": os.environ.get("MARQUEE_HOST", "127.0.0.1"),
    "port": int(os.environ.get("MARQUEE_PORT", "8000")),
}


def pelican_run(cmd):
    cmd += " " + program.core.remainder  # pass through anything after `--`
    pelican_main(shlex.split(cmd))


@task
def clean(c):
    """Remove the generated files"""
    if os.path.isdir(CONFIG["deploy_path"]):
        shutil.rmtree(CONFIG["deploy_path"])
        os.makedirs(CONFIG["deploy_path"])


@task
def build(c):
    """Build the local version of the site"""
    pelican_run("-s {settings_base} -o {deploy_path}".format(**CONFIG))


@task
def rebuild(c):
    """`build` with the delete switch"""
    pelican_run("-d -s {settings_base} -o {deploy_path}".format(**CONFIG))


@task
def regenerate(c):
    """Automatically regenerate the site upon file modification"""
    pelican_run("-r -s {settings_base} -o {deploy_path}".format(**CONFIG))


class SiteRequestHandler(ComplexHTTPRequestHandler):
    def do_GET(self):
        """As Pelican's, but a missing page gets the site's 404 page (Pelican's answers nothing)."""
        if self.get_path_that_exists(self.path.split("?", 1)[0]) is None:
            page = Path(self.base_path) / "404.html"
            body = page.read_bytes() if page.is_file() else b"Not found"
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8" if page.is_file() else "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def guess_type(self, path):
        # JSON Feed's own media type (README, "Feeds", says how to set it on a static host).
        if str(path).endswith(".json") and "/feeds/" in str(path).replace(os.sep, "/"):
            return "application/feed+json"
        return super().guess_type(path)


@task
def serve(c):
    """Serve the site at http://$MARQUEE_HOST:$MARQUEE_PORT/ (default 127.0.0.1:8000)"""
    serve_folder(CONFIG["deploy_path"])


def serve_folder(folder):
    class AddressReuseTCPServer(RootedHTTPServer):
        allow_reuse_address = True

    server = AddressReuseTCPServer(folder, (CONFIG["host"], CONFIG["port"]), SiteRequestHandler)
    url = "http://{host}:{port}/".format(**CONFIG)
    if OPEN_BROWSER_ON_SERVE:
        webbrowser.open(url)
    sys.stderr.write(f"Serving {folder} at {url} (Ctrl-C to stop)\n")
    server.serve_forever()


@task
def reserve(c):
    """`build`, then `serve`"""
    build(c)
    serve(c)


@task(
    help={"settings": "settings file (default publishconf.py)", "output": "where to build and serve (default output/)"}
)
def preview(c, settings=None, output=None):
    """Build the production site (publishconf.py) with its links pointing here, and serve it"""
    local = json.dumps("http://{host}:{port}".format(**CONFIG))
    output = output or CONFIG["deploy_path"]
    settings_file = settings or CONFIG["settings_publish"]
    pelican_run(
        f"-s {shlex.quote(settings_file)} -o {shlex.quote(output)} -e SITEURL={shlex.quote(local)} FEED_DOMAIN={shlex.quote(local)}"
    )
    serve_folder(output)


@task(
    help={"settings": "settings file (default pelicanconf.py)", "output": "where to build and serve (default output/)"}
)
def livereload(c, settings=None, output=None):
    """Rebuild on every change and reload the page in the browser; a failed build shows its problems over the page"""
    live(settings or CONFIG["settings_base"], output or CONFIG["deploy_path"])


def live(settings_file, output, extra=None):
    """Serve `output`, rebuilt on every change of the settings, theme or content, with live reload;
    `extra` settings override the file's (as Pelican's -e does)."""
    from livereload import Server
    from marquee import buildstatus

    site = {**DEFAULT_CONFIG, **get_settings_from_file(settings_file)}
    overrides = "".join(f" -e {name}={shlex.quote(json.dumps(value))}" for name, value in (extra or {}).items())

    def cached_build():
        cmd = f"-s {shlex.quote(settings_file)} -o {shlex.quote(output)} -e CACHE_CONTENT=true LOAD_CONTENT_CACHE=true MARQUEE_LIVERELOAD=true{overrides}"
        problems, failed = buildstatus.Problems(), False
        # On Pelican's and Marquee's loggers, not the root: a handler on the root would stop
        # Pelican from installing its own terminal one (logging.basicConfig).
        for name in ("pelican", "marquee"):
            logging.getLogger(name).addHandler(problems)
        try:
            pelican_run(cmd)
        except SystemExit as stop:  # a content error: listed in the terminal and over the page; keep serving
            failed = bool(stop.code)
        finally:
            for name in ("pelican", "marquee"):
                logging.getLogger(name).removeHandler(problems)
        # Pelican prints a message only once per process: a save that repeats an error still failed.
        buildstatus.write(
            Path(output), problems.messages or (["The build failed: the terminal says why."] if failed else [])
        )

    class OneLogServer(Server):
        def _setup_logging(self):
            """livereload adds a handler of its own; Pelican's already prints every line (once)."""
            logging.getLogger("livereload").setLevel(logging.INFO)

    cached_build()
    buildstatus.reload_every_change()
    server = OneLogServer()
    theme_path = site["THEME"]
    watched = [
        settings_file,
        f"{theme_path}/templates/**/*.html",
        f"{theme_path}/static/**/*",
        "{}/**/*".format(site["PATH"]),
    ]
    for glob in watched:
        server.watch(glob, cached_build)
    if OPEN_BROWSER_ON_SERVE:
        webbrowser.open("http://{host}:{port}".format(**CONFIG))
    server.serve(host=CONFIG["host"], port=CONFIG["port"], root=output)


@task(
    help={
        "settings": "settings file (default pelicanconf.py)",
        "output": "where to build and serve (default output/)",
        "editor_port": "port of the editor's local proxy, decap-server (default $MARQUEE_EDITOR_PORT or 8081)",
    }
)
def edit(c, settings=None, output=None, editor_port=None):
    """Write in the browser: the site with live reload, and the editor at /admin/ saving straight into content/ (no git, no account)"""
    import subprocess
    import urllib.request

    settings_file = settings or CONFIG["settings_base"]
    site = {**DEFAULT_CONFIG, **get_settings_from_file(settings_file)}
    proxy = Path(__file__).parent / "editor" / "node_modules" / ".bin" / "decap-server"
    if not proxy.exists():
        raise Exit("invoke edit: the editor is not installed (run `make site`, or `npm ci --prefix editor`)", code=1)
    port = int(editor_port or os.environ.get("MARQUEE_EDITOR_PORT", "8081"))
    api = f"http://127.0.0.1:{port}/api/v1"
    root = Path(site["PATH"]).resolve().parent  # the editor's paths (content/diary ...) are relative to it
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs", "GIT_REPO_DIRECTORY": str(root)}
    server = subprocess.Popen([str(proxy)], env=env, cwd=root, preexec_fn=_die_with_parent)
    # A stop (Ctrl-C, or SIGTERM from a service manager or a test) ends the proxy too: SIGTERM
    # would otherwise end this process without its finally, leaving decap-server running.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        deadline = dt.datetime.now() + dt.timedelta(seconds=30)
        while True:  # decap-server answers {"type": "local_fs"} once it listens
            try:
                ask = urllib.request.Request(
                    api, data=b'{"action": "info"}', headers={"Content-Type": "application/json"}
                )
                with urllib.request.urlopen(ask, timeout=2) as answer:
                    json.load(answer)
                break
            except OSError:
                try:
                    server.wait(timeout=0.2)  # between tries; returns at once if the proxy exited
                except subprocess.TimeoutExpired:
                    pass
                if server.poll() is not None or dt.datetime.now() > deadline:
                    raise Exit(
                        f"invoke edit: the editor's proxy (decap-server) did not start on port {port}", code=1
                    ) from None
        editor = {**(site.get("MARQUEE_EDITOR") or {}), "local_backend": api}
        print(
            f"Editor: http://{CONFIG['host']}:{CONFIG['port']}/admin/ (saves into {site['PATH']}); site: http://{CONFIG['host']}:{CONFIG['port']}/"
        )
        live(settings_file, output or CONFIG["deploy_path"], {"MARQUEE_EDITOR": editor})
    finally:
        server.terminate()
        server.wait(timeout=10)


def _die_with_parent() -> None:
    """In the proxy's process, before it runs: the kernel stops it when invoke dies, even by SIGKILL."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the finally and the SIGTERM handler still stop it


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
    from marquee.scaffold import new_post, new_translation
    from marquee.settings.languages import read as read_languages

    zone = SETTINGS.get("TIMEZONE") or "UTC"
    languages = {
        lang.code: lang
        for lang in read_languages(SETTINGS.get("MARQUEE_LANGUAGES"), SETTINGS.get("DEFAULT_LANG") or "en")[1:]
    }
    try:
        if translation_of or language:
            if language not in languages:
                raise ValueError(
                    f'--language "{language}" is not one of the site\'s other languages '
                    f"(MARQUEE_LANGUAGES: {', '.join(languages) or 'none yet'})"
                )
            path = new_translation(
                kind, title, Path(CONFIG["content_path"]), translation_of, language, languages[language].name
            )
        else:
            path = new_post(kind, title, Path(CONFIG["content_path"]), dt.datetime.now(ZoneInfo(zone)), zone)
    except (ValueError, FileExistsError) as error:
        raise Exit(f"invoke new: {error}", code=1) from None
    print(f"Created {path}. Fill in its fields, then preview with: invoke livereload")


@task(help={"publish": "check with publishconf.py instead of pelicanconf.py"})
def check(c, publish=False):
    """Build into a temporary folder; list every warning and error; fail if there are any"""
    from marquee.check import check as run_check
    from rich.console import Console
    from rich.table import Table

    problems = run_check(CONFIG["settings_publish"] if publish else CONFIG["settings_base"])
    console = Console(stderr=True)
    if not problems:
        console.print("[green]No problems found.[/green]")
        return
    table = Table("Level", "Problem", title=f"{len(problems)} problem(s)", show_lines=True)
    for problem in problems:
        table.add_row(problem.level, problem.message)
    console.print(table)
    raise Exit(code=1)


def _marquee_settings(settings_file):
    from marquee.settings import read
    from pelican.settings import read_settings

    return read(read_settings(settings_file))


@task(
    help={
        "dry_run": "print exactly what would be sent to each network, with character counts; send nothing",
        "only": f"one network: {', '.join(NETWORKS)} or webmention",
        "retry_failed": "try again the posts a network refused before",
        "new_ledger": "start a new ledger (a site that never syndicated): each network is searched for an earlier copy before sending",
        "settings": "settings file (default publishconf.py)",
        "output": "the built site to read the JSON Feed from (default output/)",
    }
)
def syndicate(c, dry_run=False, only=None, retry_failed=False, settings=None, output=None, new_ledger=False):
    """Send new posts to every configured network (see --only) and webmentions for their links, once each (reads the built JSON Feed)"""
    from marquee.syndication import run, show
    from marquee.syndication.ledger import LedgerError
    from marquee.syndication.posts import FeedError
    from rich.console import Console

    console = Console(stderr=True)
    marquee = _marquee_settings(settings or CONFIG["settings_publish"])
    try:
        outcomes = run(
            marquee,
            Path(output or CONFIG["deploy_path"]),
            dry_run=dry_run,
            only=only,
            retry_failed=retry_failed,
            new_ledger=new_ledger,
            console=console,
        )
    except (FeedError, LedgerError, ValueError) as error:
        raise Exit(f"invoke syndicate: {error}", code=1) from None
    if dry_run:
        show.dry_run(outcomes, Console())
        return
    show.summary(outcomes, console)
    if any(o.state in ("failed", "waiting", "skipped") for o in outcomes):
        raise Exit(code=2)  # posted what it could; the rest is in the ledger for the next run


@task(
    help={
        "settings": "settings file (default publishconf.py)",
        "output": "where to build (default output/)",
        "new_ledger": "the site has never syndicated: start the ledger (see invoke syndicate --help)",
    }
)
def publish(c, settings=None, output=None, new_ledger=False):
    """Build with publishconf.py, deploy, syndicate new posts, rebuild and redeploy with their links"""
    from marquee.deploy import DeployError, deploy
    from marquee.syndication import ledger

    settings_file = settings or CONFIG["settings_publish"]
    output = Path(output or CONFIG["deploy_path"])
    marquee = _marquee_settings(settings_file)
    if not marquee.deploy:
        raise Exit("invoke publish: set MARQUEE_DEPLOY in publishconf.py (see README, Publishing)", code=1)
    try:
        if marquee.syndication.channels_configured or marquee.webmention.send:
            ledger.usable(marquee.syndication.ledger, new_ledger)
    except ledger.LedgerError as error:  # before the build: nothing is deployed, nothing sent
        raise Exit(f"invoke publish: {error}", code=1) from None
    build_command = [
        sys.executable,
        "-m",
        "pelican",
        "-s",
        settings_file,
        "-o",
        str(output),
        "--delete-output-directory",
    ]
    c.run(shlex.join(build_command))  # a content error stops here: nothing is deployed
    for problem in _account_problems(marquee):  # a token about to expire: say so before it stops a run
        print(f"warning: {problem}", file=sys.stderr)
    try:
        print(f"Deployed to {deploy(output, marquee.deploy)}")
        before = _posted(ledger.read_entries(marquee.syndication.ledger))
        try:
            syndicate(c, settings=settings_file, output=str(output), new_ledger=new_ledger)
        finally:
            if _posted(ledger.read_entries(marquee.syndication.ledger)) != before:
                c.run(shlex.join(build_command))  # now the pages carry their "Also on" links
                print(f"Redeployed with syndication links to {deploy(output, marquee.deploy)}")
    except DeployError as error:
        raise Exit(f"invoke publish: {error}", code=1) from None


@task
def networks(c):
    """Every network Marquee posts to, its settings key and the environment variables of its secrets"""
    from marquee.settings.syndication import networks_table

    print(networks_table(), end="")


@task(help={"settings": "settings file (default publishconf.py)"})
def accounts(c, settings=None):
    """Check every configured account: credentials, token expiry, permissions, quota left (exit 1 when one needs attention)"""
    problems = _account_problems(_marquee_settings(settings or CONFIG["settings_publish"]), show_table=True)
    if problems:
        raise Exit("\n".join(f"invoke accounts: {problem}" for problem in problems), code=1)
    print("Every account is ready.")


def _account_problems(marquee, show_table=False) -> list[str]:
    """What needs the producer's attention in the configured accounts, with every secret masked."""
    import datetime as dt

    from marquee.syndication.accounts import check_all, table
    from marquee.syndication.channels import secrets
    from rich.console import Console

    healths = check_all(marquee.syndication, os.environ)
    now = dt.datetime.now(dt.UTC)
    if show_table:
        Console().print(table(healths, now))
    problems = [problem for health in healths for problem in health.problems(now)]
    for secret in secrets(marquee.syndication, os.environ):
        problems = [problem.replace(secret, "[secret]") for problem in problems]
    return problems


def _posted(entries):
    return {ident for ident, entry in entries.items() if entry.state == "posted"}


@task(help={"settings": "settings file (default publishconf.py)"})
def backfeed(c, settings=None):
    """Bring home replies, likes and reposts of syndicated posts into data/backfeed.json"""
    from marquee.backfeed import run
    from marquee.backfeed.model import BackfeedDataError
    from marquee.syndication.ledger import LedgerError
    from rich.console import Console

    console = Console(stderr=True)
    try:
        warnings = run(_marquee_settings(settings or CONFIG["settings_publish"]), console=console)
    except (BackfeedDataError, LedgerError) as error:
        raise Exit(f"invoke backfeed: {error}", code=1) from None
    console.print(f"Backfeed done{f', {len(warnings)} warning(s)' if warnings else ''}. Rebuild to show it.")


@task(
    help={
        "format": "table (default), json or csv",
        "settings": "settings file (default publishconf.py)",
        "html": "write the report page to this local file instead (it lists fans' names: keep it private)",
    }
)
def report(c, format="table", settings=None, html=None):
    """Engagement per syndicated post and network, top posts, fan replies awaiting an answer"""
    from marquee.backfeed import report as engagement
    from rich.console import Console

    if html:
        from marquee.backfeed.report.page import write

        try:
            path = write(settings or CONFIG["settings_publish"], Path(html))
        except ValueError as error:
            raise Exit(f"invoke report: {error}", code=1) from None
        print(f"Wrote {path}: open it in a browser. It names fans: keep it off the site.")
        return
    marquee = _marquee_settings(settings or CONFIG["settings_publish"])
    try:
        result, text = engagement.for_settings(marquee, format)
    except ValueError as error:
        raise Exit(f"invoke report: {error}", code=1) from None
    if text is not None:
        sys.stdout.write(text)
        return
    engagement.show(result, Console())


@task(
    help={
        "settings": "settings file (default publishconf.py: the same posts and networks as publishing)",
        "ics": "where to write the team's calendar (default cache/editorial-calendar.ics; never deployed)",
        "html": "also write the plan as one local page, e.g. plan.html",
    }
)
def plan(c, settings=None, ics=None, html=None):
    """The editorial calendar: scheduled posts and where they go, each series' next episode, gaps while shooting, events not announced"""
    from marquee import plan as editorial
    from rich.console import Console

    settings_file = settings or CONFIG["settings_publish"]
    try:
        found = editorial.from_build(settings_file)
    except Exception as error:  # noqa: BLE001 - a content error was listed above
        raise Exit(f"invoke plan: the build failed ({error}); `invoke check` lists every problem", code=1) from None
    site = _marquee_settings(settings_file).film.title
    editorial.show(found, Console())
    target = Path(ics or Path(SETTINGS.get("CACHE_PATH") or "cache") / "editorial-calendar.ics")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(editorial.ics(found, site))
    print(f"Wrote {target}: subscribe to it in the team's calendar (it is never deployed).")
    if html:
        Path(html).write_text(editorial.page(found, site), encoding="utf-8")
        print(f"Wrote {html}.")


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
        "poster": "the poster or key art (an image file)",
        "poster_alt": "what the poster shows, in a sentence",
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
    yes=False,
):
    """Make the site yours: your film's facts and address in the settings, the example film's posts, images and data gone"""
    from marquee import init as start
    from marquee.content import typeface as typefaces

    def ask(label, value, default=""):
        if value or yes or not sys.stdin.isatty():
            return value or default
        answer = input(f"{label}{f' [{default}]' if default else ''}: ").strip()
        return answer or default

    if not yes and not sys.stdin.isatty():
        raise Exit("invoke init: without a terminal to ask in, give the facts as flags and --yes", code=1)
    title = ask("Title of the film", title)
    year = ask("Release year", str(year or ""))
    film = start.Film(
        title=title,
        director=ask("Director", director),
        domain=ask("Site address (https://…)", domain),
        year=int(year) if re.fullmatch(r"[0-9]{4}", str(year)) else None,  # ASCII: "²".isdigit() is True
        logline=ask("Logline", logline),
        cast=tuple(n.strip() for n in ask("Cast, comma-separated", cast).split(",") if n.strip()),
        company=company,
        timezone=ask("Time zone", timezone, SETTINGS.get("TIMEZONE") or "UTC"),
        language=ask("Language", language, SETTINGS.get("DEFAULT_LANG") or "en"),
        colour=ask("The film's colour (#rrggbb; empty: the theme's)", colour),
        typeface=ask(
            f"Typeface for titles ({', '.join(typefaces.offered(Path(__file__).parent / 'theme'))}, a .woff2 file, or empty)",
            typeface,
        ),
        poster=Path(poster) if poster else None,
        poster_alt=poster_alt,
    )
    bad_year = year and not re.fullmatch(r"[0-9]{4}", str(year))
    problems = start.check(film, Path(__file__).parent / "theme") + (
        [f'year: "{year}" is not a year (expected e.g. 2028)'] if bad_year else []
    )
    if problems:
        raise Exit("invoke init:\n  " + "\n  ".join(problems), code=1)
    if not yes:
        if (
            input(f'This removes the example film and makes the site "{film.title}". Go on? [y/N] ').strip().lower()
            != "y"
        ):
            raise Exit("invoke init: nothing changed", code=1)
    today = dt.datetime.now(ZoneInfo(film.timezone)).date()
    try:
        done = start.init(Path(__file__).parent, film, today)
    except start.InitError as error:
        raise Exit("invoke init:\n  " + str(error).replace("\n", "\n  ") + "\nnothing changed", code=1) from None
    except OSError as error:
        raise Exit(f"invoke init: {error}; nothing changed", code=1) from None
    for line in done:
        print(f"- {line}")
    print("Done. Build it with `make site` (or `invoke livereload`), write your first post with `invoke new`.")
