"""Cookie-free analytics: nothing unless configured; the tracker of the configured provider when
it is; visits per syndicated post and network joined into the report (a loopback Plausible API)."""

from __future__ import annotations

import re

from conftest import FILM, build_site
from marquee.backfeed import report
from marquee.settings import read
from servers.loopback import Loopback, json_response
from werkzeug import Response

PLAUSIBLE = {
    "provider": "plausible",
    "script": "https://stats.saltandstatic.example/js/script.js",
    "site": "saltandstatic.example",
}


def test_no_analytics_unless_configured(site):
    assert not any("data-domain" in p.read_text() or "goatcounter" in p.read_text() for p in site.rglob("*.html"))


def test_the_configured_tracker_is_on_every_page(tmp_path):
    out = build_site(tmp_path / "plausible", MARQUEE_ANALYTICS=PLAUSIBLE)
    pages = list(out.rglob("*.html"))
    tag = '<script defer data-domain="saltandstatic.example" src="https://stats.saltandstatic.example/js/script.js"></script>'
    assert pages and all(tag in p.read_text() for p in pages)
    out = build_site(
        tmp_path / "goat",
        MARQUEE_ANALYTICS={
            "provider": "goatcounter",
            "script": "https://stats.example/count.js",
            "endpoint": "https://stats.example/count",
        },
    )
    assert (
        '<script async data-goatcounter="https://stats.example/count" src="https://stats.example/count.js"></script>'
        in (out / "index.html").read_text()
    )


class PlausibleAPI(Loopback):
    """/api/v1/stats/breakdown, property event:page, filtered by visit:utm_source."""

    def __init__(self, key="plausible-key"):
        super().__init__()
        self.key = key
        self.visitors = {
            "mastodon": {"/diary/picture-lock/": 41, "/press/distribution-deal/": 12},
            "bluesky": {"/diary/picture-lock/": 30},
        }

    def route(self, request, environ):
        if request.headers.get("Authorization") != f"Bearer {self.key}":
            return json_response({"error": "Invalid API key"}, 401)
        if request.path != "/api/v1/stats/breakdown" or request.args.get("property") != "event:page":
            return Response(status=404)
        source = re.fullmatch(r"visit:utm_source==(\w+)", request.args.get("filters", ""))
        rows = self.visitors.get(source[1], {}) if source else {}
        return json_response({"results": [{"page": page, "visitors": n} for page, n in rows.items()]})


def settings_with(api_url: str):
    return read(
        {
            "MARQUEE_SYNDICATION": {"ledger": str(FILM / "data" / "syndication.json")},
            "MARQUEE_BACKFEED": {
                "data": str(FILM / "data" / "backfeed.json"),
                "report_state": "/nonexistent/none.json",
            },
            "MARQUEE_ANALYTICS": {**PLAUSIBLE, "api": api_url},
        }
    )


def test_the_report_joins_visits_per_post_and_network():
    with PlausibleAPI() as api:
        result, text = report.for_settings(
            settings_with(api.url), "csv", environ={"MARQUEE_PLAUSIBLE_API_KEY": "plausible-key"}
        )
    rows = {(r.title, r.network): r.visits for r in result.rows}
    assert rows[("Picture lock", "mastodon")] == 41 and rows[("Picture lock", "bluesky")] == 30
    assert rows[("Salt and Static acquired for UK and Irish distribution", "mastodon")] == 12
    assert rows[("Salt and Static acquired for UK and Irish distribution", "bluesky")] == 0
    assert ",41," in text and result.note == ""


def test_without_the_api_key_the_report_says_so_and_still_runs():
    with PlausibleAPI() as api:
        result, _ = report.for_settings(settings_with(api.url), "json", environ={})
    assert "MARQUEE_PLAUSIBLE_API_KEY" in result.note and all(r.visits is None for r in result.rows)


def test_a_visits_api_is_only_read_from_plausible():
    import pytest

    with pytest.raises(ValueError, match="api: visits are read from Plausible's Stats API; umami"):
        read(
            {
                "MARQUEE_ANALYTICS": {
                    "provider": "umami",
                    "script": "https://s.example/u.js",
                    "site": "x",
                    "api": "https://s.example",
                }
            }
        )
