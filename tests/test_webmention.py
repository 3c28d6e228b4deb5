"""Webmention (issue 15): the endpoint advertised, mentions read back from webmention.io's JF2 API
(a loopback copy of it) under each post, and webmentions sent for a new post's links, once each,
to other sites on loopback that advertise their endpoints in each way the W3C spec allows."""

from __future__ import annotations

import json

import mf2py
import pytest
from helpers import build_film, fixture_settings, start_ledger, write_film
from rich.console import Console
from servers.webmention import OtherSites, WebmentionIO

pytestmark = pytest.mark.slow

SITE = "https://fixture-film.example"
ENDPOINT = "https://webmention.io/fixture-film.example/webmention"
TOKEN = "wm-token-5f3a9c"
POST = "Title: The premiere\nDate: 2026-10-01 10:00\nPhase: release\nSummary: It happened.\n\n{body}\n"


def quiet() -> Console:
    return Console(stderr=True, quiet=True)


def settings(tmp_path, **webmention):
    from marquee.settings import read

    return read(fixture_settings(tmp_path, **overrides(tmp_path, **webmention)))


def overrides(tmp_path, **webmention) -> dict:
    return {
        "SITEURL": SITE,
        "FEED_DOMAIN": SITE,
        "MARQUEE_NET_ALLOW_PRIVATE": True,
        "MARQUEE_WEBMENTION": {"endpoint": ENDPOINT, **webmention},
        "MARQUEE_BACKFEED": {
            "data": str(tmp_path / "backfeed.json"),
            "media": str(tmp_path / "media"),
            "hide_accounts": ["troll.example"],
        },
    }


def test_the_site_advertises_its_endpoint_only_when_it_has_one(tmp_path):
    write_film(tmp_path / "with", {"diary/premiere.md": POST.format(body="Hello.")})
    out = build_film(tmp_path / "with", MARQUEE_WEBMENTION={"endpoint": ENDPOINT})
    for page in ("index.html", "diary/premiere/index.html"):
        assert f'<link rel="webmention" href="{ENDPOINT}">' in (out / page).read_text(encoding="utf-8")
    write_film(tmp_path / "without", {"diary/premiere.md": POST.format(body="Hello.")})
    bare = build_film(tmp_path / "without")
    assert 'rel="webmention"' not in (bare / "diary/premiere/index.html").read_text(encoding="utf-8")


def mention(n: int, prop: str, target: str, **extra) -> dict:
    source = extra.pop("source", f"https://press{n}.example/story-{n}")
    return {
        "type": "entry",
        "wm-id": 1000 + n,
        "wm-property": prop,
        "wm-source": source,
        "wm-target": target,
        "wm-received": f"2026-10-0{n % 9 + 1}T10:00:00Z",
        "published": f"2026-10-0{n % 9 + 1}T09:00:00+01:00",
        "url": source,
        "author": {"type": "card", "name": f"Writer {n}", "url": f"https://press{n}.example/", "photo": ""},
        "wm-private": False,
        **extra,
    }


def test_received_mentions_show_under_the_post_sanitized_and_moderated(tmp_path):
    target = f"{SITE}/diary/premiere/"
    mentions = [
        mention(
            1,
            "in-reply-to",
            target,
            content={
                "html": '<p onclick="x()">Loved it <script>alert(1)</script><a href="javascript:alert(2)">me</a></p>',
                "text": "Loved it",
            },
        ),
        mention(
            2,
            "mention-of",
            target,
            name="Island film premieres",
            content={"html": "<p>" + "Long review. " * 100 + "</p>", "text": "Long review. " * 100},
        ),
        mention(3, "like-of", target),
        mention(4, "repost-of", target),
        mention(5, "in-reply-to", target, content={"text": "private"}, **{"wm-private": True}),
        mention(
            6,
            "in-reply-to",
            target,
            content={"text": "a troll"},
            source="https://troll.example/x",
            author={"type": "card", "name": "Troll", "url": "https://troll.example/"},
        ),
        mention(7, "in-reply-to", f"{SITE}/diary/other/", content={"text": "elsewhere"}),
        mention(
            8,
            "in-reply-to",
            target,
            url="javascript:alert(3)",
            content={"text": "bad link"},
            source="javascript:alert(3)",
        ),
    ]
    write_film(tmp_path, {"diary/premiere.md": POST.format(body="Hello.")})
    from marquee.backfeed import run

    with WebmentionIO(TOKEN, "fixture-film.example", mentions) as api:
        warnings = run(
            settings(tmp_path, api=f"{api.url}/api/mentions.jf2", per_page=3),
            environ={"WEBMENTION_IO_TOKEN": TOKEN},
            console=quiet(),
        )
        assert warnings == []
        assert api.pages_read == [0, 1, 2]  # 8 mentions, 3 a page: every page read
        data = (tmp_path / "backfeed.json").read_text(encoding="utf-8")
        run(
            settings(tmp_path, api=f"{api.url}/api/mentions.jf2", per_page=3),
            environ={"WEBMENTION_IO_TOKEN": TOKEN},
            console=quiet(),
        )
        assert (tmp_path / "backfeed.json").read_text(encoding="utf-8") == data  # nothing new: the same bytes
    assert TOKEN not in data and "<script" not in data and "javascript:" not in data and "private" not in data
    out = build_film(tmp_path, **overrides(tmp_path))
    page = (out / "diary/premiere/index.html").read_text(encoding="utf-8")
    web = page.split("On the web</h3>")[1].split("</section>")[0]
    assert "Loved it" in web and "<script" not in web and "onclick" not in web and "javascript:" not in page
    assert "Linked to this post" in web and "Island film premieres" in web
    assert web.count("Long review.") < 30  # a mention shows its opening, not the whole article
    assert "Troll" not in page and "a troll" not in page  # hidden account, as on Mastodon and Bluesky
    assert "elsewhere" not in page  # another post's mention
    entry = next(i for i in mf2py.parse(doc=page, url=f"{SITE}/diary/premiere/")["items"] if "h-entry" in i["type"])
    comments = entry["properties"]["comment"]
    assert len(comments) == 3  # the reply, the press mention, the reply whose link was dropped; not the troll's
    assert {c["properties"]["author"][0]["properties"]["name"][0] for c in comments} >= {"Writer 1", "Writer 2"}
    likes = entry["properties"]["like"]
    assert [like["properties"]["author"][0]["properties"]["name"][0] for like in likes] == ["Writer 3"]


def test_a_refused_token_keeps_what_was_stored_and_never_shows_the_token(tmp_path):
    from marquee.backfeed import run

    stored = {
        "version": 1,
        "threads": {},
        "history": [],
        "mentions": {
            "diary/premiere/": {
                "network": "web",
                "copy_url": "",
                "remote_id": "",
                "counts": {"replies": 1, "likes": 0, "reposts": 0},
                "replies": [
                    {
                        "id": "1",
                        "url": "https://press1.example/a",
                        "parent": "",
                        "published": "2026-10-01T10:00:00Z",
                        "author": {
                            "id": "a",
                            "name": "Kept",
                            "handle": "press1.example",
                            "url": "https://press1.example/",
                        },
                        "text": "kept reply",
                    }
                ],
            }
        },
    }
    (tmp_path / "backfeed.json").write_text(json.dumps(stored))
    write_film(tmp_path, {"diary/premiere.md": POST.format(body="Hello.")})
    with WebmentionIO(TOKEN, "fixture-film.example", [mention(1, "like-of", f"{SITE}/diary/premiere/")]) as api:
        (warning,) = run(
            settings(tmp_path, api=f"{api.url}/api/mentions.jf2"),
            environ={"WEBMENTION_IO_TOKEN": "wrong-secret"},
            console=quiet(),
        )
    assert "HTTP 401" in warning and "WEBMENTION_IO_TOKEN" in warning and "wrong-secret" not in warning
    assert "kept reply" in (tmp_path / "backfeed.json").read_text(encoding="utf-8")


def test_each_link_of_a_new_post_gets_one_webmention(tmp_path):
    from marquee.syndication import copies, run
    from marquee.syndication.ledger import read_entries

    with OtherSites() as sites:
        links = [
            sites.page(kind)
            for kind in ("header", "link", "anchor", "moved", "none", "gone", "busy", "refuses", "scripted")
        ]
        body = " ".join(f"[{n}]({url})" for n, url in enumerate(links)) + f" [again]({links[0]}#top) [home]({SITE}/)"
        write_film(tmp_path, {"diary/premiere.md": POST.format(body=body)})
        out = build_film(tmp_path, **overrides(tmp_path, send=True))
        start_ledger(tmp_path / "ledger.json")
        marquee = settings(tmp_path, send=True)
        dry = run(marquee, out, dry_run=True, environ={}, console=quiet())
        assert [(o.channel.split()[1], o.state) for o in dry] == [
            (url, "would send") for url in links
        ] and sites.received == []
        first = {o.channel.split()[1]: o.state for o in run(marquee, out, environ={}, console=quiet())}
        source = f"{SITE}/diary/premiere/"
        assert first == {
            links[0]: "posted",
            links[1]: "posted",
            links[2]: "posted",
            links[3]: "posted",
            links[4]: "no endpoint",
            links[5]: "failed",
            links[6]: "waiting",
            links[7]: "failed",
            links[8]: "no endpoint",
        }
        assert sorted(sites.received) == sorted(
            [
                ("/endpoint?site=1", source, links[0]),  # Link header, relative, its query kept
                ("/endpoint", source, links[1]),  # <link>
                ("/strict-endpoint", source, links[2]),  # <a rel="nofollow webmention">
                ("/endpoint", source, links[3]),  # after the redirect; the target stays the link as written
            ]
        )
        entries = read_entries(tmp_path / "ledger.json")
        refused = entries[(next(iter(entries))[0], "webmention", links[7])]
        assert "no_link_found" in refused.reason and refused.state == "failed"
        second = {o.channel.split()[1]: o.state for o in run(marquee, out, environ={}, console=quiet())}
        assert second[links[6]] == "posted" and len(sites.received) == 5  # only the busy one, again
        run(marquee, out, environ={}, console=quiet())
        assert len(sites.received) == 5  # once each
        assert copies(read_entries(tmp_path / "ledger.json"), next(iter(entries))[0]) == []  # not an "Also on" copy


def test_webmentions_never_reach_private_hosts(tmp_path):
    from marquee.settings import read
    from marquee.syndication import run

    with OtherSites() as sites:
        write_film(tmp_path, {"diary/premiere.md": POST.format(body=f"[a]({sites.page('link')})")})
        out = build_film(tmp_path, **overrides(tmp_path, send=True))
        start_ledger(tmp_path / "ledger.json")
        strict = read(
            fixture_settings(tmp_path, **{**overrides(tmp_path, send=True), "MARQUEE_NET_ALLOW_PRIVATE": False})
        )
        (outcome,) = run(strict, out, environ={}, console=quiet())
    assert outcome.state == "failed" and "not a public host" in outcome.detail
    assert sites.requests == []  # not even the page was fetched
