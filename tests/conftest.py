"""Shared fixtures: a real build of the fixture film (tests/fixtures/film), and a loopback server for it."""

from __future__ import annotations

import functools
import http.server
import json
import select
import socket
import subprocess
import threading
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
# The suite's own film (a copy of the example), so it tests the product, not whatever content/ holds.
FILM = ROOT / "tests" / "fixtures" / "film"
# The example site is built as if on this day, so "upcoming" and "past" do not drift.
BUILD_DATE = "2026-11-23"


def build_site(output: Path, settings_file: str = "pelicanconf.py", **overrides) -> Path:
    """Build the fixture film with Pelican into `output` and return it. A MARQUEE_BACKFEED override
    adds to the film's own (which names where its conversations are)."""
    if "MARQUEE_BACKFEED" in overrides:
        own = read_settings(str(FILM / settings_file)).get("MARQUEE_BACKFEED") or {}
        overrides["MARQUEE_BACKFEED"] = {**own, **overrides["MARQUEE_BACKFEED"]}
    settings = read_settings(
        str(FILM / settings_file),
        override={"OUTPUT_PATH": str(output), "MARQUEE_BUILD_DATE": BUILD_DATE, **overrides},
    )
    Pelican(settings).run()
    return output


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The example site, built once per test session; with the engagement report page switched on
    (it is off by default) so that the browser, validator and link checks cover it too."""
    return build_site(tmp_path_factory.mktemp("site"), MARQUEE_BACKFEED={"publish_report": True})


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


_resolve = socket.getaddrinfo
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "0.0.0.0")


def _loopback_only(host, *args, **kwargs):
    """Tests never reach the internet: a name other than this machine's is not resolved."""
    name = host.decode() if isinstance(host, bytes) else str(host)
    if name not in LOOPBACK_NAMES and not name.endswith(".localhost"):
        raise socket.gaierror(socket.EAI_NONAME, f"tests never reach the internet: {name} is not resolved")
    return _resolve(host, *args, **kwargs)


@pytest.fixture(scope="session", autouse=True)
def no_internet():
    """For the whole session, before any site is built (commands run in subprocesses are not covered)."""
    socket.getaddrinfo = _loopback_only
    yield
    socket.getaddrinfo = _resolve


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, through Playwright (tests/browsing.py)."""
    from browsing import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def site_url(site):
    """http://127.0.0.1:PORT serving the built site."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def bluesky_pds():
    """A real Bluesky PDS (and PLC) on loopback: @atproto/dev-env from node_modules.
    Yields {"pds": url, "accounts": [{"handle", "did", "password"}, ...]}."""
    script = ROOT / "tests" / "servers" / "bluesky_pds.mjs"
    process = subprocess.Popen(
        ["node", str(script), str(free_port()), str(free_port())],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    ready, _, _ = select.select([process.stdout], [], [], 90)
    if not ready:
        process.kill()
        pytest.fail("the Bluesky PDS did not start within 90 s")
    info = json.loads(process.stdout.readline())
    info["pds"] = info["pds"].replace("localhost", "127.0.0.1")
    yield info
    process.stdin.close()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


# A post whose text for Threads and Instagram is all emoji: they count it differently.
EMOJI_TEXT = "🎬 " * 150 + "and the island"


@pytest.fixture(scope="session")
def film(tmp_path_factory):
    """A small fixture film for syndication: two posts after `since` (one with an image and alt
    text, one with a Threads-Text of emoji) and one before it."""
    from helpers import build_film, write_film
    from tiny_images import jpeg

    root = tmp_path_factory.mktemp("syndication-film")
    write_film(
        root,
        {
            "images/pier.jpg": jpeg(1200, 800),
            "diary/pier.md": (
                "Title: The pier at dawn\nDate: 2026-11-05 08:00\nPhase: production\nTags: pier, dawn, harbour\n"
                "Image: images/pier.jpg\nImage-Alt: A wooden pier at dawn, empty.\nSummary: We shot the pier walk.\n\nThe pier.\n"
            ),
            "diary/storm.md": (
                f"Title: Storm day\nDate: 2026-11-10 18:00\nPhase: production\nThreads-Text: {EMOJI_TEXT}\n"
                "Summary: No shooting today.\n\nRain.\n"
            ),
            "diary/old.md": "Title: Before\nDate: 2026-10-01 10:00\nPhase: production\n\nOlder than since.\n",
        },
    )
    return build_film(root, MARQUEE_FILM={"title": "Threads Film"})
