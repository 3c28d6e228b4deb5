"""Facebook Page, LinkedIn and X channels against loopback APIs (tests/servers/networks.py):
posting once, their headers and limits, text per network, 429, no retry on other 4xx, and
crash-and-rerun through reconciliation (none of them has an idempotency key)."""

from __future__ import annotations

import io
import json

import pytest
from helpers import kill_mid_post_then_rerun, start_ledger, syndication_config
from marquee.networks.base.delivery import ATTEMPTING, FAILED, POSTED
from marquee.networks.linkedin.channel import little_text
from marquee.settings import read
from marquee.syndication import run
from marquee.syndication.channels import configured
from marquee.syndication.compose import compose
from marquee.syndication.ledger import Ledger, read_entries
from marquee.syndication.pipeline import due, syndicate
from marquee.syndication.posts import read_feed
from rich.console import Console
from servers.networks import XAPI, FacebookGraph, LinkedInAPI, x_weight

SINCE = "2026-11-01"
ENV = {
    "MARQUEE_FACEBOOK_PAGE_TOKEN": "page-token",
    "MARQUEE_LINKEDIN_TOKEN": "linkedin-token",
    "MARQUEE_X_API_KEY": "x-consumer-key",
    "MARQUEE_X_API_SECRET": "x-consumer-secret",
    "MARQUEE_X_ACCESS_TOKEN": "x-access-token",
    "MARQUEE_X_ACCESS_SECRET": "x-access-secret",
}


def channels_for(fb=None, li=None, x=None, **extra) -> dict:
    found = {}
    if fb:
        found["facebook"] = {"page_id": fb.page_id, "graph_url": fb.url, **extra.get("facebook", {})}
    if li:
        found["linkedin"] = {"author": li.author, "api_url": li.url}
    if x:
        found["x"] = {"username": "film", "api_url": x.url}
    return found


def settings(tmp_path, **channels):
    start_ledger(tmp_path / "ledger.json")
    raw = {"ledger": str(tmp_path / "ledger.json"), "since": SINCE, "max_wait": 5, **channels}
    return read({"TIMEZONE": "Europe/Dublin", "FEED_DOMAIN": "http://127.0.0.1:8000", "MARQUEE_SYNDICATION": raw})


def quiet():
    return Console(file=io.StringIO(), width=200)


def test_each_network_gets_each_new_post_once(site, tmp_path):
    with FacebookGraph() as fb, LinkedInAPI() as li, XAPI() as x:
        marquee = settings(tmp_path, **channels_for(fb, li, x))
        outcomes = run(marquee, site, environ=ENV, console=quiet())
        assert sorted(o.state for o in outcomes) == [POSTED] * 6
        assert len(fb.posts) == len(li.posts) == len(x.posts) == 2
        assert all(
            p["link"].startswith("http://127.0.0.1:8000/") and "utm_source=facebook" in p["link"] for p in fb.posts
        )
        article = li.posts[0]["content"]["article"]
        assert "utm_source=linkedin" in article["source"] and article["title"]
        assert (
            "{hashtag|\\#|SaltAndStatic}" in li.posts[0]["commentary"] or "{hashtag|\\#|" in li.posts[0]["commentary"]
        )
        assert all(x_weight(json.dumps(p["text"])) for p in x.posts)
        assert all(p["entities"]["urls"][0]["expanded_url"].startswith("http://127.0.0.1:8000/") for p in x.posts)
        ledger = read_entries(tmp_path / "ledger.json")
        assert {e.url.split("/")[2] for e in ledger.values()} == {"www.facebook.com", "www.linkedin.com", "x.com"}
        again = run(marquee, site, environ=ENV, console=quiet())
        assert [o.state for o in again] == [POSTED] * 6 and len(fb.posts) == len(li.posts) == len(x.posts) == 2


def test_facebook_photo_posts_carry_the_alt_text(site, tmp_path):
    with FacebookGraph() as fb:
        run(settings(tmp_path, **channels_for(fb, facebook={"photos": True})), site, environ=ENV, console=quiet())
        assert len(fb.posts) == 2 and all(p["photo"] and p["alt_text_custom"].startswith("Key art") for p in fb.posts)
        assert all("http://127.0.0.1:8000/" in p["message"] for p in fb.posts)  # the link rides in the text


def test_x_counts_weighted_characters(site, tmp_path):
    marquee = settings(tmp_path, x={"username": "film"})
    posts, _ = read_feed(site / "feeds" / "all.json", site)
    (channel,) = configured(marquee.syndication, ENV)
    from dataclasses import replace

    wide = replace(posts[-1], summary="映画の日記 " * 80, title="撮影 👩‍👩‍👧‍👦 day")
    message = compose(wide, channel.style, marquee.syndication)
    assert message.length <= 280 and x_weight(message.text) <= 280  # the server's own count agrees
    assert x_weight(message.text) >= 260  # not cut more than needed
    from marquee.networks.base.message import Style
    from marquee.networks.base.text import Counting

    unweighted = compose(wide, Style("x", Counting(280, 23)), marquee.syndication)
    assert message.text.count("映画の日記") < unweighted.text.count("映画の日記") / 1.5  # wide characters count twice


def test_little_text_escapes_reserved_characters_and_keeps_hashtags():
    assert (
        little_text("Q&A (Dublin) #SaltAndStatic @crew *new*")
        == "Q&A \\(Dublin\\) {hashtag|\\#|SaltAndStatic} \\@crew \\*new\\*"
    )


def test_429_is_waited_for_and_other_4xx_are_final(site, tmp_path):
    waits = []
    with LinkedInAPI() as li, XAPI() as x:
        li.rate_limited, li.retry_after = 1, "3"
        marquee = settings(tmp_path, **channels_for(li=li, x=x))
        posts, _ = read_feed(site / "feeds" / "all.json", site)
        channels = configured(marquee.syndication, ENV)
        with Ledger(marquee.syndication.ledger) as ledger:
            outcomes = syndicate(
                due(posts, marquee.syndication, marquee.now),
                channels,
                ledger,
                marquee.syndication,
                sleep=waits.append,
                console=quiet(),
            )
        assert waits == [3.0] and [o.state for o in outcomes] == [POSTED] * 4 and len(li.posts) == 2
    with LinkedInAPI(author="urn:li:organization:1") as other:
        marquee = settings(tmp_path / "b", linkedin={"author": "urn:li:organization:999", "api_url": other.url})
        outcomes = run(marquee, site, environ=ENV, console=quiet())
        assert {o.state for o in outcomes} == {FAILED} and "403" in outcomes[0].detail
        assert sum(1 for m, p in other.requests if m == "POST") == 2  # once per post, no retry


def test_refused_credentials_skip_the_channel(site, tmp_path):
    with FacebookGraph(token="right") as fb, XAPI(consumer_key="right") as x:
        outcomes = run(settings(tmp_path, **channels_for(fb, x=x)), site, environ=ENV, console=quiet())
        by_network = {o.channel.split()[0]: o for o in outcomes}
        assert by_network["x"].state == "skipped" and "401" in by_network["x"].detail  # checked at login
        assert by_network["facebook"].state == "waiting" and "code 190" in by_network["facebook"].detail
        assert not fb.posts and not x.posts
        entries = read_entries(tmp_path / "ledger.json")
        assert {e.state for e in entries.values() if e.channel == "facebook"} == {ATTEMPTING}  # retried next run


# -- crash and rerun: no idempotency key, so reconciliation must find what landed


@pytest.mark.parametrize("network", ["facebook", "linkedin", "x"])
@pytest.mark.parametrize("point", ["before", "after", "late"])
def test_killed_mid_post_then_rerun_posts_exactly_once(site, tmp_path, network, point):
    server = {"facebook": FacebookGraph, "linkedin": LinkedInAPI, "x": XAPI}[network]()
    with server:
        raw = syndication_config(
            tmp_path, **channels_for(**{{"facebook": "fb", "linkedin": "li", "x": "x"}[network]: server})
        )
        killed, entries, output = kill_mid_post_then_rerun(server, raw, site, ENV, point, tmp_path)
        assert ATTEMPTING in {e.state for e in killed.values()}
        assert {e.state for e in entries.values()} == {POSTED}
        for entry in entries.values():
            assert len(server.posted_for(entry.post_url)) == 1, entry
        reconciled = [e for e in entries.values() if e.checked]
        assert reconciled and all("latest posts" in e.checked for e in reconciled)  # what was read is on record
        assert "page-token" not in output and "linkedin-token" not in output and "x-access-secret" not in output


def test_dry_run_shows_their_texts_and_sends_nothing(site, tmp_path):
    with FacebookGraph() as fb, LinkedInAPI() as li, XAPI() as x:
        outcomes = run(settings(tmp_path, **channels_for(fb, li, x)), site, environ=ENV, dry_run=True, console=quiet())
        assert {o.state for o in outcomes} == {"would send"} and len(outcomes) == 6
        limits = {o.channel.split()[0]: o.message.limit for o in outcomes}
        assert limits == {"facebook": 63_206, "linkedin": 3000, "x": 280}
        assert all(
            "utm_source=" + o.channel.split()[0] in o.message.text for o in outcomes if o.channel.startswith("x")
        )
        assert not fb.posts and not li.posts and not x.posts and not read_entries(tmp_path / "ledger.json")
