"""Shared fixtures: a real build of the example site, and a loopback server for it."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
# The example site is built as if on this day, so "upcoming" and "past" do not drift.
BUILD_DATE = "2026-11-23"


def build_site(output: Path, settings_file: str = "pelicanconf.py", **overrides) -> Path:
    """Build the example site with Pelican into `output` and return it."""
    settings = read_settings(
        str(ROOT / settings_file),
        override={"OUTPUT_PATH": str(output), "MARQUEE_BUILD_DATE": BUILD_DATE, **overrides},
    )
    Pelican(settings).run()
    return output


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The example site, built once per test session."""
    return build_site(tmp_path_factory.mktemp("site"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


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
