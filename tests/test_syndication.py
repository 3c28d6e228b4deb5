"""Syndication against loopback servers: a Mastodon that keeps to the documented API, a real
Bluesky PDS (@atproto/dev-env), webhook receivers. No test leaves 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
import requests
from helpers import start_ledger
from marquee.networks.base.delivery import ATTEMPTING, FAILED, POSTED
from marquee.settings import read
from marquee.syndication import copies, run
from marquee.syndication.channels import configured
from marquee.syndication.ledger import Ledger, LedgerLocked, read_entries
from marquee.syndication.pipeline import due, syndicate
from marquee.syndication.posts import read_feed
from rich.console import Console
from servers.loopback import WebhookReceiver
from servers.mastodon import MastodonServer, weighted_length

TOKEN = "mastodon-secret-token-0f9e8d"
WEBHOOK_SECRET = "hook-secret-77aa"
SINCE = "2026-11-01"  # the example site has two posts since: a contest and a screening
NEW_POSTS = ("contests/win-tickets-dublin-screening", "events/dublin-screening-and-q-and-a")


def marquee_settings(tmp_path: Path, **syndication):
    start_ledger(tmp_path / "ledger.json")
    raw = {"ledger": str(tmp_path / "ledger.json"), "since": SINCE, "attempts": 3, "max_wait": 5, **syndication}
    return read({"TIMEZONE": "Europe/Dublin", "FEED_DOMAIN": "http://127.0.0.1:8000", "MARQUEE_SYNDICATION": raw})


def mastodon(server, **extra):
    return {"instance": server.url, "account": "film", **extra}


def quiet() -> Console:
    return Console(file=io.StringIO(), width=200)


def statuses_posted(server: MastodonServer) -> int:
    return sum(1 for method, path in server.requests if method == "POST" and path == "/api/v1/statuses")


# -- Mastodon


def test_mastodon_gets_each_new_post_once_with_its_image_alt_text_and_a_key(site, tmp_path):
    with MastodonServer(token=TOKEN) as server:
        settings = marquee_settings(tmp_path, mastodon=mastodon(server))
        outcomes = run(settings, site, environ={"MARQUEE_MASTODON_TOKEN": TOKEN}, console=quiet())
        assert sorted(o.state for o in outcomes) == [POSTED, POSTED]
        assert len(server.statuses) == 2
        for status in server.statuses:
            assert status["idempotency_key"] and weighted_length(status["text"], 23) <= 500
            assert "utm_source=mastodon" in status["text"] and "#" in status["text"]
            (media,) = status["media_attachments"]
            assert media["description"].startswith("Key art:")
        ledger = read_entries(tmp_path / "ledger.json")
        assert {e.state for e in ledger.values()} == {POSTED}
        assert {e.url for e in ledger.values()} == {s["url"] for s in server.statuses}

        again = run(settings, site, environ={"MARQUEE_MASTODON_TOKEN": TOKEN}, console=quiet())
        assert [o.state for o in again] == [POSTED, POSTED] and len(server.statuses) == 2
        assert statuses_posted(server) == 2  # the rerun did not even ask


def test_the_limit_comes_from_the_instance(site, tmp_path):
    with MastodonServer(token=TOKEN, max_characters=160) as server:
        run(
            marquee_settings(tmp_path, mastodon=mastodon(server)),
            site,
            environ={"MARQUEE_MASTODON_TOKEN": TOKEN},
            console=quiet(),
        )
        assert len(server.statuses) == 2
        assert all(140 <= weighted_length(s["text"], 23) <= 160 for s in server.statuses)
        assert all("…" in s["text"] for s in server.statuses)


def test_429_waits_as_long_as_retry_after_says(site, tmp_path):
    waits = []
    with MastodonServer(token=TOKEN) as server:
        server.rate_limited, server.retry_after = 2, "7"
        settings = marquee_settings(tmp_path, mastodon=mastodon(server), max_wait=10)
        posts = _due(settings, site)
        channels = configured(settings.syndication, {"MARQUEE_MASTODON_TOKEN": TOKEN})
        with Ledger(settings.syndication.ledger) as ledger:
            outcomes = syndicate(posts, channels, ledger, settings.syndication, sleep=waits.append, console=quiet())
        assert [o.state for o in outcomes] == [POSTED, POSTED]
        assert waits == [7.0, 7.0] and len(server.statuses) == 2


def test_a_retry_after_longer_than_max_wait_leaves_the_post_for_the_next_run(site, tmp_path):
    with MastodonServer(token=TOKEN) as server:
        server.rate_limited, server.retry_after = 1, "3600"
        settings = marquee_settings(tmp_path, mastodon=mastodon(server), max_wait=60)
        outcomes = run(settings, site, environ={"MARQUEE_MASTODON_TOKEN": TOKEN}, console=quiet())
        assert sorted(o.state for o in outcomes) == [POSTED, "waiting"]
        waiting = [e for e in read_entries(tmp_path / "ledger.json").values() if e.state == ATTEMPTING]
        assert len(waiting) == 1 and "429" in waiting[0].reason
        run(settings, site, environ={"MARQUEE_MASTODON_TOKEN": TOKEN}, console=quiet())
        assert len(server.statuses) == 2


def test_a_dropped_answer_after_the_status_was_stored_makes_no_duplicate(site, tmp_path):
    with MastodonServer(token=TOKEN) as server:
        server.drop_after_accept = 1
        outcomes = run(
            marquee_settings(tmp_path, mastodon=mastodon(server)),
            site,
            environ={"MARQUEE_MASTODON_TOKEN": TOKEN},
            console=quiet(),
        )
        assert [o.state for o in outcomes] == [POSTED, POSTED]
        assert statuses_posted(server) == 3  # one retried, with the same Idempotency-Key
        assert len(server.statuses) == 2


def test_another_4xx_is_not_retried_and_retry_failed_tries_again(site, tmp_path):
    with MastodonServer(token=TOKEN) as server:
        settings = marquee_settings(tmp_path, mastodon=mastodon(server))
        posts = _due(settings, site)
        channels = configured(settings.syndication, {"MARQUEE_MASTODON_TOKEN": TOKEN})
        channels[0].open()
        server.max_characters = 20  # the instance lowered its limit: every status is now a 422
        channels[0].open = lambda: None  # keep the limit learnt above
        with Ledger(settings.syndication.ledger) as ledger:
            outcomes = syndicate(posts, channels, ledger, settings.syndication, console=quiet())
        assert [o.state for o in outcomes] == [FAILED, FAILED]
        assert "character limit" in outcomes[0].detail
        assert statuses_posted(server) == 2  # one try each, no retries

        server.max_characters = 500
        plain = run(settings, site, environ={"MARQUEE_MASTODON_TOKEN": TOKEN}, console=quiet())
        assert [o.state for o in plain] == [FAILED, FAILED] and not server.statuses
        retried = run(settings, site, environ={"MARQUEE_MASTODON_TOKEN": TOKEN}, retry_failed=True, console=quiet())
        assert [o.state for o in retried] == [POSTED, POSTED] and len(server.statuses) == 2


def test_past_the_key_lifetime_our_own_statuses_are_scanned(site, tmp_path):
    with MastodonServer(token=TOKEN) as server:
        settings = marquee_settings(tmp_path, mastodon=mastodon(server))
        run(settings, site, environ={"MARQUEE_MASTODON_TOKEN": TOKEN}, console=quiet())
        for n in range(60):  # bury them under later statuses: reconciliation must page
            server.statuses.append(
                {
                    **server.statuses[-1],
                    "id": str(120_000_000_000_000_000 + n),
                    "text": f"later {n}",
                    "content": f"<p>later {n}</p>",
                }
            )
        # As if the run crashed two hours ago after the server stored them; the server forgot the keys.
        ledger = Ledger.load(tmp_path / "ledger.json")
        two_hours_ago = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)).isoformat()
        for ident, entry in ledger.entries.items():
            ledger.entries[ident] = replace(
                entry, state=ATTEMPTING, url="", remote_id="", updated=two_hours_ago, first_sent=two_hours_ago
            )
        ledger.save()
        server.keys.clear()
        outcomes = run(settings, site, environ={"MARQUEE_MASTODON_TOKEN": TOKEN}, console=quiet())
        assert [o.state for o in outcomes] == [POSTED, POSTED]
        assert statuses_posted(server) == 2 and any(
            path.endswith("/statuses") and method == "GET" for method, path in server.requests
        )
        assert {e.remote_id for e in read_entries(tmp_path / "ledger.json").values()} == {
            s["id"] for s in server.statuses[:2]
        }


def test_a_refused_token_skips_the_channel_and_keeps_the_posts_for_later(site, tmp_path):
    with MastodonServer(token=TOKEN) as server:
        settings = marquee_settings(tmp_path, mastodon=mastodon(server))
        outcomes = run(settings, site, environ={"MARQUEE_MASTODON_TOKEN": "wrong"}, console=quiet())
        assert {o.state for o in outcomes} == {"skipped"} and "refused" in outcomes[0].detail
        assert not server.statuses and read_entries(tmp_path / "ledger.json") == {}
        missing = run(settings, site, environ={}, console=quiet())
        assert "MARQUEE_MASTODON_TOKEN" in missing[0].detail


# -- Bluesky, on a real PDS


def bluesky(pds, **extra):
    account = pds["accounts"][0]
    return {"handle": account["handle"], "pds": pds["pds"], **extra}


def bluesky_posts(pds, handle="film.test") -> list[dict]:
    answer = requests.get(
        f"{pds['pds']}/xrpc/com.atproto.repo.listRecords",
        params={"repo": handle, "collection": "app.bsky.feed.post", "limit": 100},
        timeout=10,
    )
    answer.raise_for_status()
    return answer.json()["records"]


def test_bluesky_posts_with_facets_a_card_and_a_thumbnail_once(site, tmp_path, bluesky_pds):
    handle = "film.test"
    before = {r["uri"] for r in bluesky_posts(bluesky_pds, handle)}
    settings = marquee_settings(tmp_path, bluesky=bluesky(bluesky_pds, handle=handle), since="2026-10-14")
    environ = {"MARQUEE_BLUESKY_APP_PASSWORD": "film-app-password"}
    outcomes = run(settings, site, environ=environ, console=quiet())
    assert [o.state for o in outcomes] == [POSTED] * 4
    records = [r for r in bluesky_posts(bluesky_pds, handle) if r["uri"] not in before]
    assert len(records) == 4
    ledger = read_entries(tmp_path / "ledger.json")
    assert {e.remote_id for e in ledger.values()} == {r["uri"] for r in records}
    for record in records:
        value = record["value"]
        text = value["text"].encode("utf-8")
        link = next(f for f in value["facets"] if f["features"][0]["$type"] == "app.bsky.richtext.facet#link")
        shown = text[link["index"]["byteStart"] : link["index"]["byteEnd"]].decode("utf-8")
        assert shown.startswith("127.0.0.1:8000/") and "utm_source=bluesky" in link["features"][0]["uri"]
        card = value["embed"]["external"]
        assert value["embed"]["$type"] == "app.bsky.embed.external" and card["thumb"]["mimeType"] == "image/jpeg"
        assert card["uri"] == link["features"][0]["uri"] and card["title"]
        assert len(value["text"]) <= 300
    again = run(settings, site, environ=environ, console=quiet())
    assert [o.state for o in again] == [POSTED] * 4
    assert len(bluesky_posts(bluesky_pds, handle)) == len(before) + 4


def test_bluesky_finds_a_post_accepted_before_a_crash_by_its_record_key(site, tmp_path, bluesky_pds):
    handle = "fan.test"
    settings = marquee_settings(tmp_path, bluesky=bluesky(bluesky_pds, handle=handle, password_env="FAN_PASSWORD"))
    environ = {"FAN_PASSWORD": "fan-app-password"}
    posts = _due(settings, site)
    (channel,) = configured(settings.syndication, environ)
    channel.open()
    # The first try reached the PDS, then the process died before writing `posted`.
    from marquee.networks.base.delivery import Entry
    from marquee.syndication.compose import compose

    key = channel.key(posts[0].id, posts[0].published)
    channel.send(compose(posts[0], channel.style, settings.syndication), key)
    ledger = Ledger(
        tmp_path / "ledger.json",
        {(posts[0].id, "bluesky", handle): Entry(posts[0].id, "bluesky", handle, ATTEMPTING, key)},
    )
    ledger.save()
    outcomes = run(settings, site, environ=environ, console=quiet())
    assert [o.state for o in outcomes] == [POSTED, POSTED]
    assert len(bluesky_posts(bluesky_pds, handle)) == 2


# -- webhooks


def webhook(name, receiver, fmt="json"):
    return {"name": name, "url_env": f"HOOK_{name.upper()}", "format": fmt}


def test_webhooks_in_each_shape_with_one_key_per_post(site, tmp_path):
    with WebhookReceiver() as plain, WebhookReceiver() as discord, WebhookReceiver() as slack:
        settings = marquee_settings(
            tmp_path,
            webhooks=[
                webhook("plain", plain),
                webhook("discord", discord, "discord"),
                webhook("slack", slack, "slack"),
            ],
        )
        environ = {
            "HOOK_PLAIN": f"{plain.url}/hook?token={WEBHOOK_SECRET}",
            "HOOK_DISCORD": f"{discord.url}/hook",
            "HOOK_SLACK": f"{slack.url}/hook",
        }
        outcomes = run(settings, site, environ=environ, console=quiet())
        assert [o.state for o in outcomes] == [POSTED] * 6
        body = next(iter(plain.accepted.values()))
        assert body["id"].startswith("tag:saltandstatic.example") and body["image"]["alt"].startswith("Key art")
        embed = next(iter(discord.accepted.values()))
        assert embed["embeds"][0]["url"].startswith("http://127.0.0.1:8000/") and len(embed["content"]) <= 2000
        assert "utm_source=webhook-slack" in next(iter(slack.accepted.values()))["text"]
        assert all(len(r.accepted) == 2 == len(r.deliveries) for r in (plain, discord, slack))
        assert WEBHOOK_SECRET not in (tmp_path / "ledger.json").read_text()


def test_webhooks_retry_5xx_429_and_connection_errors_but_not_other_4xx(site, tmp_path):
    with WebhookReceiver(answers=[503, 429]) as flaky, WebhookReceiver(answers=[400, 400]) as strict:
        settings = marquee_settings(tmp_path, webhooks=[webhook("flaky", flaky), webhook("strict", strict)])
        environ = {"HOOK_FLAKY": f"{flaky.url}/hook", "HOOK_STRICT": f"{strict.url}/hook"}
        outcomes = {
            (o.post.id.rsplit(":", 1)[-1], o.channel): o.state
            for o in run(settings, site, environ=environ, console=quiet())
        }
        assert outcomes[(NEW_POSTS[1], "webhook flaky")] == POSTED
        assert outcomes[(NEW_POSTS[0], "webhook flaky")] == POSTED
        assert len(flaky.deliveries) == 4 and len(flaky.accepted) == 2
        keys = [key for key, body in flaky.deliveries if body["url"] == flaky.deliveries[0][1]["url"]]
        assert len(keys) == 3 and len(set(keys)) == 1  # every try of one post carries one key
        assert {state for (_, channel), state in outcomes.items() if channel == "webhook strict"} == {FAILED}
        assert len(strict.deliveries) == 2  # one per post: a 400 is final

    closed = marquee_settings(tmp_path / "closed", webhooks=[webhook("gone", None)], attempts=2, max_wait=0.01)
    outcomes = run(
        closed, site, environ={"HOOK_GONE": f"http://127.0.0.1:9/hook?token={WEBHOOK_SECRET}"}, console=quiet()
    )
    assert {o.state for o in outcomes} == {"waiting"} and "connection failed" in outcomes[0].detail
    assert WEBHOOK_SECRET not in (tmp_path / "closed" / "ledger.json").read_text()


# -- the ledger, the feed, the schedule


def test_one_run_at_a_time(tmp_path):
    with Ledger(tmp_path / "ledger.json", new=True):
        with pytest.raises(LedgerLocked, match="in use"):
            with Ledger(tmp_path / "ledger.json", new=True):
                pass


def test_the_ledger_is_sorted_and_leaves_no_temp_files(site, tmp_path):
    with WebhookReceiver() as receiver:
        settings = marquee_settings(tmp_path, webhooks=[webhook("b", receiver), webhook("a", receiver)])
        environ = {"HOOK_A": f"{receiver.url}/hook", "HOOK_B": f"{receiver.url}/hook"}
        run(settings, site, environ=environ, console=quiet())
    data = json.loads((tmp_path / "ledger.json").read_text())
    idents = [(e["post"], e["channel"], e["account"]) for e in data["entries"]]
    assert idents == sorted(idents) and len(idents) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.json", "ledger.json.lock"]


def test_only_due_posts_go_out(site, tmp_path):
    settings = marquee_settings(tmp_path, since="2026-10-01")
    posts, _ = read_feed(site / "feeds" / "all.json", site)
    moment = dt.datetime(2026, 11, 5, tzinfo=dt.UTC)
    chosen = [p.id.rsplit(":", 1)[-1] for p in due(posts, settings.syndication, moment)]
    assert chosen == [
        "events/belfast-community-screening",
        "press/distribution-deal",
        "events/online-watch-party",
        "events/dublin-screening-and-q-and-a",
    ]
    held_back = [replace(posts[-1], syndicate=False)]
    assert due(held_back, settings.syndication, moment) == []


def test_a_site_built_for_another_address_is_refused(site, tmp_path):
    settings = read(
        {"FEED_DOMAIN": "https://saltandstatic.example", "MARQUEE_SYNDICATION": {"ledger": str(tmp_path / "l.json")}}
    )
    with pytest.raises(Exception, match="was built for http://127.0.0.1:8000"):
        run(settings, site, environ={}, console=quiet())


# -- the site shows it


def test_posts_list_their_copies_as_u_syndication_links(site):
    page = (site / "diary" / "picture-lock" / "index.html").read_text()
    assert 'Also on: <a class="u-syndication" rel="syndication" href="https://mastodon.social/@saltandstatic/' in page
    assert '>Mastodon</a> · <a class="u-syndication" rel="syndication" href="https://bsky.app/profile/' in page
    assert "discord" not in page.lower()  # webhooks have no public copy
    assert "Also on" not in (site / "contests" / "win-tickets-dublin-screening" / "index.html").read_text()


def test_copies_only_lists_posted_public_entries():
    from marquee.networks.base.delivery import Entry

    entries = {
        ("p", "bluesky", "b"): Entry("p", "bluesky", "b", POSTED, url="https://bsky.app/x"),
        ("p", "mastodon", "m"): Entry("p", "mastodon", "m", ATTEMPTING),
        ("p", "webhook", "w"): Entry("p", "webhook", "w", POSTED),
    }
    assert [(c.label, c.url) for c in copies(entries, "p")] == [("Bluesky", "https://bsky.app/x")]


def _due(settings, site):
    posts, _ = read_feed(site / "feeds" / "all.json", site)
    return due(posts, settings.syndication, settings.now)


def test_a_misspelt_setting_is_named():
    with pytest.raises(ValueError, match="MARQUEE_SYNDICATION: unknown key.s. mastodn"):
        read({"MARQUEE_SYNDICATION": {"mastodn": {}}})
    with pytest.raises(ValueError, match="MARQUEE_BACKFEED: unknown key.s. hide_acounts"):
        read({"MARQUEE_BACKFEED": {"hide_acounts": []}})
