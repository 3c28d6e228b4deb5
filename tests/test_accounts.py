"""Account health (`invoke accounts`, and the warning in `invoke publish`) against the loopback
Mastodon, Graph (Facebook), Threads and Instagram servers: credentials, token expiry from
debug_token or the noted date, missing permissions, quota and rate-limit headroom."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT
from marquee.settings import read
from marquee.syndication.accounts import check_all
from servers.mastodon import MastodonServer
from servers.meta import InstagramAPI, ThreadsAPI
from servers.networks import FacebookGraph

pytestmark = pytest.mark.slow

ENV = {
    "MARQUEE_MASTODON_TOKEN": "test-token",
    "MARQUEE_FACEBOOK_PAGE_TOKEN": "page-token",
    "MARQUEE_THREADS_TOKEN": "threads-token",
    "MARQUEE_INSTAGRAM_TOKEN": "instagram-token",
}
NOW = dt.datetime.now(dt.UTC)


def syndication(tmp_path, mastodon, facebook, threads, instagram, noted: str) -> dict:
    return {
        "ledger": str(tmp_path / "ledger.json"),
        "mastodon": {"instance": mastodon.url, "account": "film"},
        "facebook": {"page_id": facebook.page_id, "graph_url": facebook.url},
        "threads": {"user_id": threads.user_id, "api_url": threads.url},
        "instagram": {"user_id": instagram.user_id, "api_url": instagram.url, "token_expires": noted},
    }


@pytest.fixture
def servers():
    with (
        MastodonServer() as mastodon,
        FacebookGraph() as facebook,
        ThreadsAPI(quota_used=10) as threads,
        InstagramAPI() as instagram,
    ):
        facebook.token_expires_at = int((NOW + dt.timedelta(days=3)).timestamp())  # three days left
        facebook.scopes = ["pages_manage_posts"]  # pages_read_engagement was not granted
        threads.token_expires_at = int((NOW + dt.timedelta(days=40)).timestamp())
        threads.scopes = ["threads_basic", "threads_content_publish"]
        yield mastodon, facebook, threads, instagram


def test_each_account_says_what_its_network_tells(tmp_path, servers):
    noted = (NOW + dt.timedelta(days=2)).date().isoformat()
    marquee = read({"MARQUEE_SYNDICATION": syndication(tmp_path, *servers, noted=noted)})
    health = {h.network: h for h in check_all(marquee.syndication, ENV)}
    assert all(h.ok for h in health.values()), health
    assert health["mastodon"].expires is None and health["mastodon"].headroom.endswith(
        "of 300 requests left in this window"
    )
    assert health["facebook"].missing == ("pages_read_engagement",) and health["facebook"].expires_within(NOW)
    assert health["threads"].headroom == "240 of 250 posts left in 24 h" and not health["threads"].expires_within(NOW)
    assert health["threads"].missing == ()
    assert (
        health["instagram"].expires.date().isoformat() == noted
        and health["instagram"].headroom == "50 of 50 posts left in 24 h"
    )
    problems = [p for h in health.values() for p in h.problems(NOW)]
    assert len(problems) == 3 and any(
        "facebook 1234567890: the token lacks pages_read_engagement" in p for p in problems
    )
    assert any(p.startswith("instagram 17841400000000002: the token expires on " + noted) for p in problems)


def test_a_refused_token_is_named_and_invoke_accounts_fails_loudly_without_the_secret(tmp_path, servers):
    mastodon, facebook, threads, instagram = servers
    conf = tmp_path / "conf.py"
    raw = syndication(tmp_path, mastodon, facebook, threads, instagram, noted="")
    conf.write_text(f"MARQUEE_SYNDICATION = {json.dumps(raw)}\n")
    env = {**os.environ, **ENV, "MARQUEE_THREADS_TOKEN": "expired-threads-token", "CI": "true"}
    result = subprocess.run(
        [str(Path(sys.executable).with_name("invoke")), "accounts", "--settings", str(conf)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1
    assert "invoke accounts: threads 17841400000000001:" in result.stderr and "code 190" in result.stderr
    assert "invoke accounts: facebook 1234567890: the token expires on" in result.stderr
    assert "Accounts" in result.stdout and "expired-threads-token" not in result.stdout + result.stderr


def test_the_dry_run_says_what_x_will_charge_before_anything_is_sent(film, tmp_path):
    import io

    from helpers import start_ledger
    from marquee.syndication import run, show
    from rich.console import Console
    from servers.networks import XAPI

    keys = {
        "MARQUEE_X_API_KEY": "x-consumer-key",
        "MARQUEE_X_API_SECRET": "x-consumer-secret",
        "MARQUEE_X_ACCESS_TOKEN": "x-access-token",
        "MARQUEE_X_ACCESS_SECRET": "x-access-secret",
    }
    with XAPI() as x:
        start_ledger(tmp_path / "ledger.json")
        marquee = read(
            {
                "TIMEZONE": "Europe/Dublin",
                "FEED_DOMAIN": "http://127.0.0.1:8000",
                "MARQUEE_SYNDICATION": {
                    "ledger": str(tmp_path / "ledger.json"),
                    "since": "2026-11-01",
                    "x": {"username": "film", "api_url": x.url, "price_post_with_url": 0.25},
                },
            }
        )
        outcomes = run(marquee, film, environ=keys, dry_run=True, console=Console(file=io.StringIO()))
        assert [o.cost for o in outcomes] == [0.25, 0.25] and x.posts == []
    printed = Console(file=io.StringIO(), width=200)
    show.dry_run(outcomes, printed)
    text = printed.file.getvalue()
    assert (
        "cost: $0.250 (pay-per-use, a post with a link)" in text and "Sending would cost $0.50 on X (2 post(s))" in text
    )
