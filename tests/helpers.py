"""Stand-ins for Pelican content objects, for unit tests that do not build a site."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from marquee.content.validate import ParseContext, parse_post

DUBLIN = ZoneInfo("Europe/Dublin")
ROOT = Path(__file__).resolve().parent.parent
FILM = ROOT / "tests" / "fixtures" / "film"  # the suite's own film: a copy of the example
CONTENT = FILM / "content"
# The first lines of a test's settings file: the fixture film's settings, then the test's own.
FILM_SETTINGS = (
    f"import runpy\nglobals().update({{k: v for k, v in runpy.run_path({str(FILM / 'pelicanconf.py')!r}).items() "
    "if k.isupper()})\n"
)


def post(section: str, slug: str = "post", date: str = "2026-06-01 10:00", content: str = "", **metadata):
    """A post as Pelican hands it to plugins: lower-case metadata keys, raw HTML in _content."""
    meta = {key.replace("_", "-"): value for key, value in metadata.items()}
    if "event-kind" in meta:  # as separate_event_status leaves an event's metadata
        meta["event-timezone"] = meta.pop("timezone", "")
    meta.setdefault("title", slug.replace("-", " ").title())
    return SimpleNamespace(
        slug=slug,
        title=meta["title"],
        summary=meta.get("summary", "A summary."),
        date=dt.datetime.fromisoformat(date).replace(tzinfo=DUBLIN),
        metadata=meta,
        category=SimpleNamespace(slug=section),
        source_path=str(CONTENT / section / f"{slug}.md"),
        url=f"{section}/{slug}/",
        save_as=f"{section}/{slug}/index.html",
        _content=content,
    )


def parse(section: str, **kwargs):
    """Parse one post; return (post, problems as strings)."""
    item = post(section, **kwargs)
    ctx = ParseContext(f"content/{section}/{item.slug}.md", DUBLIN, CONTENT)
    problems = parse_post(item, section, ctx)
    return item, [str(p) for p in problems]


def start_ledger(path: Path) -> Path:
    """A ledger as `invoke syndicate --new-ledger` starts it (no entries, a creation time), so a
    test's first run is allowed to send; a missing ledger is refused."""
    import json

    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"version": 1, "created": "2026-11-01T00:00:00+00:00", "entries": []}) + "\n")
    return path


def write_film(tmp_path: Path, files: dict) -> Path:
    """A fixture film's content/ under `tmp_path`: {path under content/: text or bytes}."""
    content = tmp_path / "content"
    for name, data in files.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return content


def fixture_settings(tmp_path: Path, **overrides) -> dict:
    """The theme and plugins of the repository on the fixture film in `tmp_path`: no walls, no
    example data, everything written under `tmp_path`."""
    from pelican.settings import read_settings

    return read_settings(
        str(FILM / "pelicanconf.py"),
        override={
            "PATH": str(tmp_path / "content"),
            "OUTPUT_PATH": str(tmp_path / "output"),
            "CACHE_PATH": str(tmp_path / "cache"),
            "MARQUEE_BUILD_DATE": "2026-11-23",
            "MARQUEE_WALLS": [],
            "MARQUEE_FILM": {"title": "Fixture Film"},
            "MARQUEE_SYNDICATION": {"ledger": str(tmp_path / "ledger.json")},
            "MARQUEE_BACKFEED": {"data": str(tmp_path / "backfeed.json")},
            **overrides,
        },
    )


def build_film(tmp_path: Path, **overrides) -> Path:
    from pelican import Pelican

    Pelican(fixture_settings(tmp_path, **overrides)).run()
    return tmp_path / "output"


def kill_mid_post_then_rerun(server, syndication: dict, output: Path, environ: dict, point: str, tmp_path: Path):
    """Run `invoke syndicate` in a process, SIGKILL it when `server` holds at `point` ("before" or
    "after" storing a post), then run it again to the end. Returns (ledger entries after the
    kill, after the rerun, the rerun's output).

    "late": held before storing, killed, and the rerun runs while the killed run's request is
    still held (a slow server); only then does that request land, and a third run ends it."""
    import json
    import os
    import signal
    import subprocess
    import sys
    import time

    import pytest
    from marquee.syndication.ledger import read_entries

    if point == "late":  # the rerun's own requests are held too: let them give up soon
        syndication = {**syndication, "timeout": 1}
    conf = tmp_path / "conf.py"
    conf.write_text(
        f'TIMEZONE = "Europe/Dublin"\nFEED_DOMAIN = "http://127.0.0.1:8000"\nMARQUEE_SYNDICATION = {json.dumps(syndication)}\n'
    )
    command = [
        str(Path(sys.executable).with_name("invoke")),
        "syndicate",
        "--settings",
        str(conf),
        "--output",
        str(output),
    ]

    temporary = tmp_path / "tmp"  # what a killed run leaves in the temporary directory: nothing
    temporary.mkdir(exist_ok=True)

    def syndicate():
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, **environ, "CI": "true", "TMPDIR": str(temporary)},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    hold = server.hold("before" if point == "late" else point)
    process = syndicate()
    if not hold.reached.wait(60):
        process.kill()
        pytest.fail(process.communicate()[1][-2000:])
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert list(temporary.iterdir()) == []
    stored = len(server.posts)
    if point != "late":
        hold.release.set()
    killed = read_entries(Path(syndication["ledger"]))
    rerun = syndicate()
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0 or point == "late", err[-3000:]  # late: the rerun leaves posts waiting (exit 1)
    if point == "late":
        assert len(server.posts) == stored  # the rerun sent nothing that landed while the first try was in flight
        assert "waiting" in out + err, (out + err)[-3000:]
        hold.release.set()  # now the held requests land: the killed run's, and any of the rerun's
        deadline = time.monotonic() + 30
        while hold.waiting and time.monotonic() < deadline:  # polled, with a bound
            time.sleep(0.05)
        third = syndicate()
        more, err = third.communicate(timeout=120)
        assert third.returncode == 0, err[-3000:]
        out += more
    return killed, read_entries(Path(syndication["ledger"])), out + err


def syndication_config(tmp_path: Path, **channels) -> dict:
    """MARQUEE_SYNDICATION for a test run on the fixture film: a started ledger, the film's posts
    since 2026-11-01, short waits, and `channels` (network settings, hashtags ...)."""
    start_ledger(tmp_path / "ledger.json")
    return {"ledger": str(tmp_path / "ledger.json"), "since": "2026-11-01", "max_wait": 2, **channels}


def syndication_settings(raw: dict):
    """Marquee's settings for a syndication run reading the fixture film built for the preview server."""
    from marquee.settings import read

    return read({"TIMEZONE": "Europe/Dublin", "FEED_DOMAIN": "http://127.0.0.1:8000", "MARQUEE_SYNDICATION": raw})


def quiet():
    """A console that keeps what a run prints to itself."""
    import io

    from rich.console import Console

    return Console(file=io.StringIO(), width=200)


def wait_for_line(process, stream, text: str, seconds: float) -> str:
    """Read `stream` until a line holds `text` (polled, at most `seconds`); what was read.

    Read from the pipe itself, not through the file object's buffer: lines written together
    arrive in one read, and a buffered readline() would leave the later ones where select()
    never sees them."""
    import os
    import selectors

    selector, seen = selectors.DefaultSelector(), ""
    selector.register(stream, selectors.EVENT_READ)
    deadline = dt.datetime.now() + dt.timedelta(seconds=seconds)
    while text not in seen and dt.datetime.now() < deadline and process.poll() is None:
        if selector.select(timeout=1):
            piece = os.read(stream.fileno(), 65536)
            if not piece:
                break
            seen += piece.decode("utf-8", errors="replace")
    assert text in seen, seen[-3000:]
    return seen


@contextlib.contextmanager
def live_preview(tmp_path: Path, content: Path, task: str = "livereload", *args: str, settings: str = ""):
    """`invoke TASK` (livereload, edit) serving the fixture film in `content` on a free port, once
    it watches for changes. Yields (site URL, settings file); stops it after. `settings`: more lines."""
    conf = tmp_path / "conf.py"
    conf.write_text(
        f"{FILM_SETTINGS}PATH = {str(content)!r}\n"
        f"CACHE_PATH = {str(tmp_path / 'cache')!r}\nMARQUEE_WALLS = []\nMARQUEE_BUILD_DATE = '2026-11-23'\n"
        f"MARQUEE_SYNDICATION = {{'ledger': {str(tmp_path / 'ledger.json')!r}}}\nMARQUEE_BACKFEED = {{'data': {str(tmp_path / 'b.json')!r}}}\n"
        f"MARQUEE_FILM = {{'title': 'Fixture Film'}}\n{settings}"
    )
    with serving(task, conf, tmp_path / "out", *args) as site:
        yield site, conf


@contextlib.contextmanager
def serving(task: str, conf: Path, output: Path, *args: str, seconds: float = 90):
    """`invoke TASK --settings CONF --output OUTPUT` on a free port, once its watcher runs (the
    first build done); yields the site's URL; stops it after. The bench times saves through it."""
    import os
    import subprocess
    import sys

    from conftest import free_port

    port = free_port()
    command = [str(Path(sys.executable).with_name("invoke")), task, "--settings", str(conf), "--output", str(output)]
    process = subprocess.Popen(
        [*command, *args],
        cwd=ROOT,
        env={**os.environ, "CI": "true", "MARQUEE_PORT": str(port), "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    try:
        wait_for_line(process, process.stdout, "for saves", seconds)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
