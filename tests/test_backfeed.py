"""Backfeed against loopback read APIs: a Mastodon (tests/servers/mastodon.py) and a Bluesky
AppView (tests/servers/appview.py) with realistic threads: nested replies, deleted and blocked
posts, private replies that must not appear, our own replies, hostile text. Then the report."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import FILM, ROOT, build_site
from helpers import FILM_SETTINGS
from marquee.backfeed import Moderation, conversation, report, run
from marquee.backfeed.model import load
from marquee.networks.base.delivery import POSTED, Entry
from marquee.settings import read
from marquee.syndication.ledger import Ledger
from rich.console import Console
from servers.appview import AppView
from servers.mastodon import MastodonServer

POST_A, POST_B = "tag:x,2026:diary/picture-lock", "tag:x,2026:interviews/episode-4"


def quiet() -> Console:
    return Console(file=io.StringIO(), width=200)


def settings_for(tmp_path: Path, mastodon_url="http://127.0.0.1:9", appview_url="http://127.0.0.1:9", **backfeed):
    return read(
        {
            "TIMEZONE": "UTC",
            "CACHE_PATH": str(tmp_path / "cache"),
            "MARQUEE_NET_ALLOW_PRIVATE": True,
            "MARQUEE_SYNDICATION": {
                "ledger": str(tmp_path / "ledger.json"),
                "mastodon": {"instance": mastodon_url, "account": "film"},
            },
            "MARQUEE_BACKFEED": {
                "data": str(tmp_path / "backfeed.json"),
                "media": str(tmp_path / "media"),
                "appview": appview_url,
                **backfeed,
            },
        }
    )


def ledger(tmp_path: Path, *copies: tuple[str, str, str, str, str]) -> None:
    """copies: (post, channel, remote id, copy url, posted at)"""
    entries = {}
    for post, channel, remote_id, url, when in copies:
        entry = Entry(
            post,
            channel,
            "film",
            POSTED,
            post_url=f"https://film.example/{post.rsplit(':', 1)[-1]}/",
            title=post.rsplit("/", 1)[-1],
            type=post.split(":")[-1].split("/")[0],
            remote_id=remote_id,
            url=url,
            updated=when,
        )
        entries[entry.ident] = entry
    Ledger(tmp_path / "ledger.json", entries).save()


def mastodon_thread(server: MastodonServer) -> dict:
    ours = server._account()
    copy = server.reply({"id": None}, ours, "<p>Picture lock!</p>", created_at="2026-11-19T09:00:00.000Z")
    aoife, bea, cal = (
        server.account("aoife", "Aoife"),
        server.account("bea", "Bea <b>B</b>"),
        server.account("cal", "Cal"),
    )
    first = server.reply(
        copy,
        aoife,
        '<p>Congrats!<script>alert(1)</script> <a href="javascript:alert(2)">x</a><img src=x onerror=alert(3)></p>',
        created_at="2026-11-20T10:00:00.000Z",
    )
    nested = server.reply(first, bea, "<p>Agreed</p>", created_at="2026-11-20T11:00:00.000Z")
    private = server.reply(
        copy, cal, "<p>only for followers</p>", visibility="private", created_at="2026-11-20T11:30:00.000Z"
    )
    server.reply(copy, cal, "<p>a direct message</p>", visibility="direct", created_at="2026-11-20T11:40:00.000Z")
    under_private = server.reply(private, bea, "<p>answering a private one</p>", created_at="2026-11-20T11:50:00.000Z")
    answer = server.reply(first, ours, "<p>Thank you!</p>", created_at="2026-11-20T12:00:00.000Z")
    to_ours = server.reply(answer, aoife, "<p>🙂</p>", created_at="2026-11-20T12:30:00.000Z")
    question = server.reply(copy, bea, "<p>When is it out?</p>", created_at="2026-11-20T13:00:00.000Z")
    for fan in (aoife, bea):
        server.favourite(copy, fan)
    server.boost(copy, cal)
    return locals()


def test_mastodon_conversations_come_home_filtered_and_sanitized(tmp_path):
    with MastodonServer(token="t") as server:
        t = mastodon_thread(server)
        ledger(tmp_path, (POST_A, "mastodon", t["copy"]["id"], t["copy"]["url"], "2026-11-19T09:00:00+00:00"))
        assert run(settings_for(tmp_path, server.url), environ={}, console=quiet()) == []
    thread = load(tmp_path / "backfeed.json").thread(POST_A, "mastodon")
    shown = {r.id: r for r in thread.replies}
    assert set(shown) == {
        t["first"]["id"],
        t["nested"]["id"],
        t["under_private"]["id"],
        t["to_ours"]["id"],
        t["question"]["id"],
    }
    assert shown[t["nested"]["id"]].parent == t["first"]["id"]
    assert shown[t["under_private"]["id"]].parent == ""  # its private parent is not shown: hung on the post
    assert shown[t["to_ours"]["id"]].parent == t["first"]["id"]  # our reply is not shown: hung on what it answered
    assert thread.answered == (t["first"]["id"],)
    html = shown[t["first"]["id"]].html
    assert "script" not in html and "javascript:" not in html and "onerror" not in html and "Congrats!" in html
    assert shown[t["first"]["id"]].author.name == "Aoife"
    assert [p.handle for p in thread.likes] == ["@aoife@fans.example", "@bea@fans.example"]
    assert [p.handle for p in thread.reposts] == ["@cal@fans.example"]
    assert (thread.counts.replies, thread.counts.likes, thread.counts.reposts) == (2, 2, 1)  # direct, public
    avatar = tmp_path / "media" / thread.likes[0].avatar
    assert avatar.is_file() and avatar.read_bytes()[:2] == b"\xff\xd8"
    assert [r.published for r in thread.replies] == sorted(r.published for r in thread.replies)


def test_a_copy_is_read_again_only_when_its_counts_changed(tmp_path):
    with MastodonServer(token="t") as server:
        t = mastodon_thread(server)
        ledger(tmp_path, (POST_A, "mastodon", t["copy"]["id"], t["copy"]["url"], "2026-11-19T09:00:00+00:00"))
        settings = settings_for(tmp_path, server.url)
        run(settings, environ={}, console=quiet())
        first = (tmp_path / "backfeed.json").read_bytes()
        contexts = lambda: sum(1 for _, path in server.requests if path.endswith("/context"))  # noqa: E731
        assert contexts() == 1
        run(settings, environ={}, console=quiet())
        assert contexts() == 1 and (tmp_path / "backfeed.json").read_bytes() == first  # byte-identical
        server.reply(t["copy"], server.account("dee"), "<p>New!</p>", created_at="2026-11-21T09:00:00.000Z")
        run(settings, environ={}, console=quiet())
        assert contexts() == 2
        assert load(tmp_path / "backfeed.json").thread(POST_A, "mastodon").counts.replies == 3


def test_network_trouble_keeps_what_was_stored_with_a_warning(tmp_path):
    with MastodonServer(token="t") as server:
        t = mastodon_thread(server)
        ledger(tmp_path, (POST_A, "mastodon", t["copy"]["id"], t["copy"]["url"], "2026-11-19T09:00:00+00:00"))
        run(settings_for(tmp_path, server.url), environ={}, console=quiet())
    before = load(tmp_path / "backfeed.json").thread(POST_A, "mastodon")
    warnings = run(settings_for(tmp_path, "http://127.0.0.1:9"), environ={}, console=quiet())
    assert len(warnings) == 1 and "kept what was stored" in warnings[0] and t["copy"]["url"] in warnings[0]
    assert load(tmp_path / "backfeed.json").thread(POST_A, "mastodon") == before


def test_bluesky_threads_skip_deleted_blocked_and_our_own(tmp_path):
    with AppView() as appview:
        film, ann, ben = (
            appview.actor("film.test", "The film"),
            appview.actor("ann.test", "Ann"),
            appview.actor("ben.test"),
        )
        copy = appview.post(film, "Episode 4 is out", created="2026-11-19T09:00:00.000Z")
        top = appview.post(ann, "Loved it <script>alert(1)</script> 👏", copy, "2026-11-20T10:00:00.000Z")
        deeper = appview.post(ben, "Same!", top, "2026-11-20T10:30:00.000Z")
        gone = appview.post(ben, "deleted later", copy, "2026-11-20T10:40:00.000Z")
        appview.posts[gone]["state"] = "deleted"
        appview.post(ann, "under a deleted post", gone, "2026-11-20T10:50:00.000Z")
        blocked = appview.post(ben, "blocked", copy, "2026-11-20T10:55:00.000Z")
        appview.posts[blocked]["state"] = "blocked"
        ours = appview.post(film, "Thanks Ben!", deeper, "2026-11-20T11:00:00.000Z")
        after_ours = appview.post(ben, "🙌", ours, "2026-11-20T11:10:00.000Z")
        appview.posts[copy]["likes"] = [ann, ben]
        appview.posts[copy]["reposts"] = [ann]
        ledger(
            tmp_path,
            (POST_B, "bluesky", copy, "https://bsky.app/profile/film.test/post/x", "2026-11-19T09:00:00+00:00"),
        )
        assert run(settings_for(tmp_path, appview_url=appview.url), environ={}, console=quiet()) == []
    thread = load(tmp_path / "backfeed.json").thread(POST_B, "bluesky")
    parents = {r.id: r.parent for r in thread.replies}
    assert parents == {top: "", deeper: top, after_ours: deeper}
    assert thread.answered == (deeper,)
    assert thread.replies[0].text == "Loved it <script>alert(1)</script> 👏"  # plain text: the template escapes it
    assert thread.replies[0].url == f"https://bsky.app/profile/ann.test/post/{top.rsplit('/', 1)[-1]}"
    assert [p.name for p in thread.likes] == ["Ann", "ben.test"] and [p.name for p in thread.reposts] == ["Ann"]
    assert all((tmp_path / "media" / p.avatar).is_file() for p in thread.likes)


def test_only_the_newest_posts_are_read(tmp_path):
    with AppView() as appview:
        film = appview.actor("film.test")
        old, new = appview.post(film, "old"), appview.post(film, "new")
        ledger(
            tmp_path,
            (POST_A, "bluesky", old, "https://bsky.app/a", "2026-01-01T00:00:00+00:00"),
            (POST_B, "bluesky", new, "https://bsky.app/b", "2026-11-01T00:00:00+00:00"),
        )
        run(settings_for(tmp_path, appview_url=appview.url, max_posts=1), environ={}, console=quiet())
    data = load(tmp_path / "backfeed.json")
    assert list(data.threads) == [POST_B]


def test_history_keeps_one_point_per_day_for_the_chart(tmp_path):
    from marquee.backfeed.collect import collect, newest_copies
    from marquee.backfeed.model import Backfeed
    from marquee.syndication.ledger import read_entries

    with AppView() as appview:
        film, fan = appview.actor("film.test"), appview.actor("fan.test")
        copy = appview.post(film, "post")
        ledger(tmp_path, (POST_A, "bluesky", copy, "https://bsky.app/a", "2026-11-01T00:00:00+00:00"))
        settings = settings_for(tmp_path, appview_url=appview.url)
        from marquee.net import Fetcher
        from marquee.networks.bluesky.backfeed import BlueskyReader

        fetcher = Fetcher(settings.net)
        readers = {"bluesky": BlueskyReader(appview.url, fetcher, tmp_path / "media")}
        data = Backfeed()
        copies = newest_copies(read_entries(tmp_path / "ledger.json"), {"bluesky"}, 10)
        for day, likes in ((1, 1), (2, 3), (2, 4), (5, 6)):
            appview.posts[copy]["likes"] = [fan] * likes
            collect(copies, data, readers, dt.date(2026, 11, day), quiet())
    assert data.history == [
        {"date": "2026-11-01", "totals": {"bluesky": 1}},
        {"date": "2026-11-02", "totals": {"bluesky": 4}},
        {"date": "2026-11-05", "totals": {"bluesky": 6}},
    ]
    chart = report.chart(data.history)
    assert len(chart.lines) == 1 and len(chart.lines[0][1].split()) == 3 and chart.top == 6


# -- the report, on the committed example data


def example_report(last=None, moderation=None):
    from marquee.syndication.ledger import read_entries

    return report.build(
        read_entries(FILM / "data" / "syndication.json"),
        load(FILM / "data" / "backfeed.json"),
        last or {},
        moderation or Moderation(),
    )


def test_the_report_adds_up_the_example_data():
    result = example_report()
    assert len(result.rows) == 14  # seven syndicated posts, two public networks each (webhooks have no copy)
    assert sum(1 for r in result.rows if r.counts) == 8  # four of them read back
    picture = {r.network: r.counts for r in result.rows if r.title == "Picture lock"}
    assert (picture["mastodon"].replies, picture["mastodon"].likes, picture["mastodon"].reposts) == (4, 23, 7)
    assert (picture["bluesky"].replies, picture["bluesky"].likes, picture["bluesky"].reposts) == (1, 31, 9)
    assert {t: [p["title"] for p in posts] for t, posts in result.top.items()} == {
        "diary": ["Picture lock"],
        "events": ["World premiere at the Western Shore Film Festival"],
        "interviews": ["Siobhán Tully: a room that has been listened in"],
        "press": ["Salt and Static acquired for UK and Irish distribution"],
    }
    assert result.top["press"][0]["total"] == 52 + 24 + 61 + 20
    waiting = [(w.network, w.reply.author.handle) for w in result.unanswered]
    assert waiting == [  # oldest first; Harbour Lights and Seán were answered
        ("mastodon", "@roisin@mastodon.ie"),
        ("mastodon", "@tkeane@film.social"),
        ("bluesky", "@foleyreels.bsky.social"),
        ("bluesky", "@junpark.bsky.social"),
        ("mastodon", "@adao@hachyderm.io"),
        ("bluesky", "@maevewalsh.bsky.social"),
    ]


def test_the_report_shows_change_since_the_last_one_and_respects_moderation():
    last = {"tag:saltandstatic.example,2026:diary/picture-lock": {"mastodon": [1, 20, 7]}}
    rows = {(r.title, r.network): r for r in example_report(last).rows}
    change = rows[("Picture lock", "mastodon")].change
    assert (change.replies, change.likes, change.reposts) == (3, 3, 0)
    assert rows[("Picture lock", "bluesky")].change is None
    hidden = example_report(moderation=Moderation.of(["roisin@mastodon.ie"]))
    handles = [w.reply.author.handle for w in hidden.unanswered]
    assert (
        "@roisin@mastodon.ie" not in handles and "@tkeane@film.social" not in handles
    )  # a hidden reply takes its answers


def test_invoke_report_as_table_json_and_csv(tmp_path):
    conf = tmp_path / "conf.py"
    conf.write_text(
        f"{FILM_SETTINGS}PATH = {str(FILM / 'content')!r}\n"
        f"MARQUEE_BACKFEED = {{**MARQUEE_BACKFEED, 'report_state': {str(tmp_path / 'state.json')!r}}}\n"
    )

    def invoke(*args):
        result = subprocess.run(
            [str(Path(sys.executable).with_name("invoke")), "report", "--settings", str(conf), *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"},
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    table = invoke()
    assert "Picture lock" in table and "6 fan replies waiting for an answer" in table and "Top press" in table
    assert json.loads((tmp_path / "state.json").read_text())["counts"]
    data = json.loads(invoke("--format", "json"))
    assert len(data["rows"]) == 14 and len(data["unanswered"]) == 6
    lines = invoke("--format", "csv").splitlines()
    assert lines[0].startswith("post,title,type,network,replies,likes,reposts") and len(lines) == 15


# -- on the site


def test_example_posts_show_their_conversations(site):
    page = (site / "diary" / "picture-lock" / "index.html").read_text()
    assert '<h2 id="conversation-title">Conversation</h2>' in page
    assert page.count('class="reply u-comment h-cite"') == 4
    assert "4 replies · 23 favourites · 7 boosts" in page and "1 reply · 31 likes · 9 reposts" in page
    assert "Reply on Mastodon</a>" in page and "Reply on Bluesky</a>" in page
    assert page.count('<ol class="replies">') == 3  # Mastodon's list with one nested answer, Bluesky's
    for name in {m for m in __import__("re").findall(r"/images/backfeed/([0-9a-f]+\.jpg)", page)}:
        assert (site / "images" / "backfeed" / name).is_file()
    assert "Conversation" in (site / "interviews" / "off-the-call-sheet-04-siobhan-tully" / "index.html").read_text()


def test_the_report_page_is_unlisted(site):
    page = (site / "report" / "engagement" / "index.html").read_text()
    assert '<meta name="robots" content="noindex, nofollow">' in page and "<svg" in page and "<polyline" in page
    assert "Replies waiting for an answer" in page and "Róisín Ní Bhriain" in page
    assert "report/" not in (site / "sitemap.xml").read_text()
    assert not any("report/engagement" in p.read_text() for p in site.rglob("*.html") if "report" not in p.parts)


def test_the_report_is_not_deployed_unless_asked_and_invoke_report_html_writes_a_local_file(tmp_path):
    out = build_site(tmp_path / "default")
    assert not (out / "report").exists()
    assert not any(
        "Róisín Ní Bhriain" in p.read_text()
        for p in out.rglob("*.html")
        if "diary" not in p.parts and "interviews" not in p.parts
    )
    target = tmp_path / "report.html"
    conf = tmp_path / "conf.py"
    conf.write_text(
        f"{FILM_SETTINGS}MARQUEE_BUILD_DATE = '2026-11-23'\nCACHE_PATH = {str(tmp_path / 'cache')!r}\n"
        f"PATH = {str(FILM / 'content')!r}\n"
    )
    result = subprocess.run(
        [str(Path(sys.executable).with_name("invoke")), "report", "--settings", str(conf), "--html", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    page = target.read_text()
    assert "Replies waiting for an answer" in page and "Róisín Ní Bhriain" in page and "<style>" in page
    assert '<link rel="stylesheet"' not in page and "<script src" not in page


def test_conversations_can_be_hidden_site_wide_or_by_account(tmp_path):
    out = build_site(tmp_path / "hidden", MARQUEE_BACKFEED={"show": False})
    assert "conversation" not in (out / "diary" / "picture-lock" / "index.html").read_text()
    out = build_site(tmp_path / "moderated", MARQUEE_BACKFEED={"hide_accounts": ["@roisin@mastodon.ie"]})
    page = (out / "diary" / "picture-lock" / "index.html").read_text()
    talk = page[page.index('<section class="conversation"') :]
    assert "Róisín" not in talk and "@tkeane@film.social" not in talk and "Harbour Lights" in talk


def test_conversation_no_hides_it_on_one_post(tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(FILM / "content", content)
    post = content / "diary" / "picture-lock.md"
    post.write_text(post.read_text().replace("Title:", "Conversation: no\nTitle:", 1))
    out = build_site(tmp_path / "out", PATH=str(content))
    assert "conversation" not in (out / "diary" / "picture-lock" / "index.html").read_text()
    assert "Conversation" in (out / "interviews" / "off-the-call-sheet-04-siobhan-tully" / "index.html").read_text()


def test_a_hidden_reply_takes_its_answers_and_faces_respect_the_limit():
    data = load(FILM / "data" / "backfeed.json").threads["tag:saltandstatic.example,2026:diary/picture-lock"]
    first = data["mastodon"].replies[0]
    shown = conversation(data, Moderation.of(replies=[first.url]), faces=2)
    mastodon = shown.threads[0]
    assert [node.reply.author.name for node in mastodon.replies] == ["Harbour Lights Cinema Club"]
    assert len(mastodon.likes) == 2
