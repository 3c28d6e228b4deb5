"""Hostile input through whole builds: every content field and every fetched field carries
strings built to break out of HTML, attributes, JSON-LD and URLs; every page is then parsed the
way a browser parses it and must hold nothing that runs or leaves the site (hostile.inspect)."""

from __future__ import annotations

import json
from pathlib import Path

import html5lib
import pytest
from conftest import FILM, ROOT
from hostile import BAD_SCHEMES, BIDI, PAYLOADS, inspect, site_problems
from marquee.content import ContentError
from marquee.sanitize import strip_controls
from pelican import Pelican
from pelican.settings import read_settings
from tiny_images import jpeg

pytestmark = pytest.mark.slow
PREFIX = "tag:hostile.test,2026:"


def one_line(text: str) -> str:
    """A payload as a metadata value: Pelican's metadata ends at the line."""
    return text.replace("\n", " ")


def write_film(content: Path, payload: str, server: str) -> None:
    p = one_line(payload)
    (content / "images").mkdir(parents=True)
    (content / "images" / "pic.jpg").write_bytes(jpeg(64, 48))
    body = (
        f"{p}\n\n"
        '[click](javascript:alert(9)) [data](data:text/html,x) <a href=" JAVASCRIPT:alert(10)">raw</a>\n\n'
        '<script>alert(11)</script><iframe src="https://evil.example/"></iframe>\n\n'
        '<img src=x onerror=alert(12)> <form action="https://evil.example/"><input name=q></form>\n\n'
        '<a data-embed-src="https://evil.example/player" class="embed__facade" href="#">forged facade</a>\n\n'
        'A heading {: onclick="alert(13)" }\n-------\n\n'
        '<div markdown="1" onmouseover="alert(14)" style="background:url(https://tracker.example/)">*inside*</div>\n\n'
        f"{server}/@fan/1\n\n{server}/@fan/2\n\n{server}/@fan/3\n\n"
        "https://bsky.app/profile/fan.test/post/3kabcdefghij2\n"
    )
    files = {
        "diary/hostile.md": (
            f"Title: {p}\nDate: 2026-06-01 10:00\nSummary: {p} <script>alert(15)</script>\nTags: {p}, harbour\n"
            f"Phase: production\nShoot-Day: 3\nLocation: {p}\nGeo: 53.1, -9.1\nCrew: {p} (grip)\n"
            f"Image: images/pic.jpg\nImage-Alt: {p}\nMastodon-Text: {p}\nBluesky-Text: {p}\n\n{body}"
        ),
        "interviews/hostile.md": (
            f"Title: {p}\nDate: 2026-06-02 10:00\nSummary: {p}\nSeries: Series {p}\nEpisode: 1\nGuests: {p} (guest)\n"
            f"Topics: {p}\nVideo: https://www.youtube.com/watch?v=abcdefghijk\nDuration: 00:10:00\n\n{p}\n\n"
            "## Chapters\n\n- 00:00 Start\n- 01:00 " + p.replace("\t", " ") + "\n\n## Transcript\n\n" + p + "\n"
        ),
        "events/hostile.md": (
            f"Title: {p}\nDate: 2026-06-03 10:00\nSummary: {p}\nEvent-Kind: screening\nStart: 2026-12-01 19:00\n"
            f"Timezone: Europe/Dublin\nVenue: {p}\nAddress: {p}\nPrice: {p}\n"
            'Tickets: https://tickets.example/buy?q="><script>alert(16)</script>\n\n' + p + "\n"
        ),
        "press/hostile.md": f"Title: {p}\nDate: 2026-06-04 10:00\nRelease-Date: 2026-06-04\nContact: {p}\n\n{p}\n",
        "contests/hostile.md": (
            f"Title: {p}\nDate: 2026-06-05 10:00\nOpens: 2026-06-05 10:00\nCloses: 2027-06-05 10:00\nPrize: {p}\n\n{p}\n"
        ),
        "pages/about.md": f"Title: {p}\nSlug: about\nSummary: {p}\n\n{p}\n",
    }
    for name, text in files.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text, encoding="utf-8")


def serve_hostile(httpserver, payload: str) -> str:
    base = httpserver.url_for("").rstrip("/")
    account = {
        "id": "5",
        "acct": payload,
        "username": payload,
        "display_name": payload,
        "url": "javascript:alert(20)",
        "avatar_static": f"{base}/a.jpg",
        "created_at": "2020-01-01T00:00:00Z",
    }
    media = {"type": "image", "url": f"{base}/a.jpg", "preview_url": f"{base}/a.jpg", "description": payload}

    def status(n, content, url):
        return {
            "id": str(n),
            "url": url,
            "uri": url,
            "visibility": "public",
            "sensitive": False,
            "reblog": None,
            "created_at": "2026-11-01T10:00:00Z",
            "content": content,
            "account": account,
            "media_attachments": [media],
        }

    html = f"<p>{payload}</p><p><a href='javascript:alert(21)'>x</a><img src=x onerror=alert(22)></p>"
    httpserver.expect_request("/api/v1/statuses/1").respond_with_json(status(1, html, "javascript:alert(23)"))
    httpserver.expect_request("/api/v1/statuses/2").respond_with_json(status(2, "", " JAVASCRIPT:alert(24)"))
    httpserver.expect_request("/api/v1/statuses/3").respond_with_json(
        status(3, "<form><input></form><math></math>", "data:text/html,x")
    )
    httpserver.expect_request("/api/v1/accounts/lookup").respond_with_json({"id": "5"})
    wall = [status(10 + i, html, url) for i, url in enumerate(BAD_SCHEMES)] + [status(30, html, f"{base}/@fan/30")]
    httpserver.expect_request("/api/v1/accounts/5/statuses").respond_with_json(wall)
    post = {
        "uri": "at://did:plc:fan/app.bsky.feed.post/3kabcdefghij2",
        "indexedAt": "2026-11-01T10:00:00Z",
        "author": {"handle": payload, "displayName": payload, "avatar": f"{base}/a.jpg"},
        "record": {"text": payload, "createdAt": "2026-11-01T10:00:00Z"},
        "embed": {"images": [{"thumb": f"{base}/a.jpg", "alt": payload}]},
    }
    httpserver.expect_request("/xrpc/app.bsky.feed.getPostThread").respond_with_json({"thread": {"post": post}})
    httpserver.expect_request("/xrpc/app.bsky.feed.getAuthorFeed").respond_with_json({"feed": [{"post": post}]})
    rss = (
        f"<rss version='2.0'><channel><title>t</title><item><title><![CDATA[{payload}]]></title>"
        f"<link>javascript:alert(25)</link><description><![CDATA[{html}]]></description></item>"
        f"<item><title>ok</title><link>{base}/ok</link><description><![CDATA[{html}]]></description></item></channel></rss>"
    )
    httpserver.expect_request("/feed.xml").respond_with_data(rss, content_type="application/rss+xml")
    httpserver.expect_request("/a.jpg").respond_with_data(jpeg(32, 32), content_type="image/jpeg")
    return base


def write_backfeed(data: Path, payload: str) -> None:
    """A ledger and conversation as `invoke backfeed` would leave them, with hostile fields."""
    post = PREFIX + "diary/hostile"
    ledger = {
        "version": 1,
        "entries": [
            {
                "post": post,
                "channel": "mastodon",
                "account": "@film@m.test",
                "state": "posted",
                "remote_id": "1",
                "url": "javascript:alert(30)",
            }
        ],
    }
    person = {
        "id": "9",
        "name": payload,
        "handle": payload,
        "url": "javascript:alert(31)",
        "avatar": "../../../pelicanconf.py",
    }
    reply = {
        "id": "r1",
        "url": " JAVASCRIPT:alert(32)",
        "parent": "",
        "author": person,
        "published": "2026-11-01T10:00:00Z",
        "html": f"<p>{payload}<script>alert(33)</script></p>",
    }
    thread = {
        "network": "mastodon",
        "copy_url": "javascript:alert(34)",
        "remote_id": "1",
        "counts": {"replies": 1, "likes": 1, "reposts": 0},
        "replies": [reply],
        "likes": [person],
    }
    (data / "syndication.json").write_text(json.dumps(ledger))
    (data / "backfeed.json").write_text(
        json.dumps({"version": 1, "threads": {post: {"mastodon": thread}}, "history": []})
    )


def build(tmp_path: Path, base: str, **overrides) -> Path:
    data = tmp_path / "data"
    settings = read_settings(
        str(FILM / "pelicanconf.py"),
        override={
            "PATH": str(tmp_path / "content"),
            "OUTPUT_PATH": str(tmp_path / "out"),
            "CACHE_PATH": str(tmp_path / "cache"),
            "MARQUEE_BUILD_DATE": "2026-11-23",
            "MARQUEE_OFFLINE": False,
            "MARQUEE_NET_ALLOW_PRIVATE": True,
            "MARQUEE_ID_PREFIX": PREFIX,
            "MARQUEE_FILM": {"title": "Hostile Film"},
            "MARQUEE_NAV_PAGES": ["about"],
            "MARQUEE_EMBED_ENDPOINTS": {"bluesky_appview": base},
            "MARQUEE_WALL_DATA": str(data / "walls"),
            "MARQUEE_WALLS": [
                {"name": "m", "type": "mastodon-account", "instance": base, "account": "film"},
                {"name": "b", "type": "bluesky", "actor": "fan.test", "appview": base},
                {"name": "f", "type": "feed", "url": f"{base}/feed.xml"},
            ],
            "MARQUEE_SYNDICATION": {"ledger": str(data / "syndication.json")},
            "MARQUEE_BACKFEED": {
                "data": str(data / "backfeed.json"),
                "media": str(data / "backfeed"),
                "publish_report": True,
            },
            **overrides,
        },
    )
    Pelican(settings).run()
    return tmp_path / "out"


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_hostile_strings_in_every_field_never_reach_a_fan(httpserver, tmp_path, payload):
    base = serve_hostile(httpserver, payload)
    write_film(tmp_path / "content", payload, base)
    (tmp_path / "data").mkdir()
    write_backfeed(tmp_path / "data", payload)
    out = build(tmp_path, base)
    problems = site_problems(out)
    assert problems == [], "\n".join(problems)
    entry = (out / "diary" / "hostile" / "index.html").read_text(encoding="utf-8")
    title = html5lib.parse(entry, namespaceHTMLElements=False).find(".//h1")
    shown, written = "".join(title.itertext()), strip_controls(one_line(payload))
    assert shown.split() == written.split()  # shown as text, not run
    assert "Conversation" in entry and 'href="javascript' not in entry.lower()
    assert (out / "report" / "engagement" / "index.html").is_file() and (out / "social" / "index.html").is_file()
    for page in ("index.html", "social/index.html", "diary/hostile/index.html", "report/engagement/index.html"):
        assert not BIDI.search((out / page).read_text(encoding="utf-8")), page  # fetched text: no reordering
    # Snapshots saved for later offline builds hold no unsafe link either.
    for snapshot in (tmp_path / "data" / "walls").glob("*.json"):
        for post in json.loads(snapshot.read_text()):
            assert post["url"] == "" or post["url"].startswith(("https://", "http://")), post["url"]
    assert not (out / "images" / "backfeed" / "pelicanconf.py").exists()


def test_json_ld_cannot_be_ended_or_confused_by_a_field(httpserver, tmp_path):
    base = serve_hostile(httpserver, "x")
    write_film(tmp_path / "content", "</script>\u2028<!--<script>\u2029x", base)
    (tmp_path / "data").mkdir()
    out = build(tmp_path, base)
    page = (out / "diary" / "hostile" / "index.html").read_text(encoding="utf-8")
    block = page.split('<script type="application/ld+json">')[1].split("</script>")[0]
    data = json.loads(block)
    assert data["contentLocation"]["name"] == "</script>\u2028<!--<script>\u2029x"
    assert "<" not in block and "\u2028" not in block and "\u2029" not in block


@pytest.mark.parametrize("field", ["Tickets", "Online-URL"])
@pytest.mark.parametrize("url", BAD_SCHEMES[:5])
def test_url_fields_take_only_web_addresses(tmp_path, field, url):
    content = tmp_path / "content" / "events"
    content.mkdir(parents=True)
    (content / "e.md").write_text(
        f"Title: E\nDate: 2026-06-01\nEvent-Kind: online\nStart: 2026-12-01 19:00\nTimezone: Europe/Dublin\n"
        f"Online-URL: https://watch.example/\n{field}: {url}\n\nx\n"
    )
    settings = read_settings(
        str(FILM / "pelicanconf.py"),
        override={
            "PATH": str(tmp_path / "content"),
            "OUTPUT_PATH": str(tmp_path / "out"),
            "CACHE_PATH": str(tmp_path / "cache"),
            "MARQUEE_WALLS": [],
            "MARQUEE_FILM": {"title": "F"},
        },
    )
    with pytest.raises(ContentError):
        Pelican(settings).run()
    assert not (tmp_path / "out").exists()


def test_a_forged_facade_in_a_post_cannot_load_a_player(tmp_path):
    """embeds.js builds an iframe from data-embed-src: a post may not carry that attribute, and
    the script itself only accepts the two player hosts."""
    script = (ROOT / "theme" / "static" / "js" / "embeds.js").read_text()
    assert "youtube-nocookie.com" in script and "player.vimeo.com" in script


def test_the_theme_alone_passes_the_inspector(site):
    assert site_problems(site) == []
    assert inspect(site / "index.html") == []


def test_marquees_own_embed_markup_survives_the_sanitizer(site):
    """The facade needs its data-embed-src: Marquee's HTML is trusted, a post's is not."""
    page = (site / "diary" / "day-12-night-shoot-at-the-harbour" / "index.html").read_text()
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/Hn3bW8xTq2M?autoplay=1"' in page
