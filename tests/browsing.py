"""A real browser for the browser tests: Debian's Chromium driven by Playwright, and one page load
(Visit) that records every console error, failed request and request off 127.0.0.1."""

from __future__ import annotations

import contextlib
from pathlib import Path
from urllib.parse import urlparse

from conftest import ROOT
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "test-artifacts" / "screenshots"
# Flags that keep Chromium's own background traffic off a machine without a network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextlib.contextmanager
def chromium():
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: `make test` installs Debian's chromium"
    assert AXE.exists(), f"{AXE} is missing: `make test` runs npm ci"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """One page load with everything that went wrong on the way recorded."""

    def __init__(self, browser, url: str, **context_options):
        self.context = browser.new_context(**context_options)
        self.page = self.context.new_page()
        self._problems: list[str] = []
        self._aborted: list[tuple[str, str]] = []  # (url, the page that asked for it)
        self._asked_from: dict = {}  # request -> the page shown when it was made
        self.page.on("request", lambda r: self._asked_from.__setitem__(r, self.page.url))
        self.context.route("**/*", self._only_loopback)
        self.page.on("console", lambda m: m.type == "error" and self._problems.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self._problems.append(f"page error: {e}"))
        self.page.on("requestfailed", self._failed)
        self.page.on("response", lambda r: r.status >= 400 and self._problems.append(f"HTTP {r.status}: {r.url}"))
        response = self.page.goto(url, wait_until="load")
        if response.status >= 400 and not url.endswith("/404.html"):
            self._problems.append(f"HTTP {response.status}: {url}")
        # Bring lazy images into view so their requests are made and checked too.
        self.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        self.page.wait_for_load_state("networkidle")

    def _failed(self, request):
        """A failed request is a problem, except one a page gave up on because it moved on: an
        ERR_ABORTED asked for by a page that is no longer the one shown is left out when the
        problems are read."""
        if request.failure == "net::ERR_ABORTED":
            self._aborted.append((request.url, self._asked_from.get(request, "")))
        else:
            self._problems.append(f"failed: {request.url} {request.failure}")

    @property
    def problems(self) -> list[str]:
        shown = self.page.url
        return self._problems + [
            f"failed: {url} net::ERR_ABORTED" for url, origin in self._aborted if origin in ("", "about:blank", shown)
        ]

    def _only_loopback(self, route):
        host = urlparse(route.request.url).hostname
        if host == "127.0.0.1":
            route.continue_()
        else:
            self._problems.append(f"request off loopback: {route.request.url}")
            route.abort()

    def axe_violations(self) -> list[str]:
        self.page.add_script_tag(path=str(AXE))
        found = self.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => `${v.id}: ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)"
        )
        return list(found)

    def close(self):
        self.context.close()


def assert_clean_and_accessible(browser, url: str, shot: str, **context_options) -> None:
    """No console error, failed or off-loopback request, or axe violation; a full-page screenshot
    saved as test-artifacts/screenshots/<shot>.png."""
    visit = Visit(browser, url, **context_options)
    try:
        violations = visit.axe_violations()
        SHOTS.mkdir(parents=True, exist_ok=True)
        visit.page.screenshot(path=str(SHOTS / f"{shot}.png"), full_page=True)
        assert visit.problems == []
        assert violations == []
    finally:
        visit.close()
