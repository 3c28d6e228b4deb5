"""Embeds: lone-URL detection, options, every provider against loopback servers, hostile input,
network failures, caching and offline mode. No test leaves 127.0.0.1."""

from __future__ import annotations

import markdown
import pytest
from conftest import FILM, ROOT
from marquee.embeds import EmbedContext, EmbedExtension, Endpoints
from marquee.embeds.options import parse as parse_options
from marquee.net import NetSettings
from tiny_images import jpeg
from werkzeug import Response

TEMPLATES = [str(ROOT / "theme" / "templates")]
HOSTILE = (
    '<p onclick="steal()">Premiere tonight! <script>alert(1)</script>'
    '<a href="javascript:alert(2)">click</a> <a href="data:text/html,x">data</a>'
    '<img src=x onerror="alert(3)"><span style="background:expression(alert(4))">css</span>'
    '<a href="https://fan.example/x" class="mention">a fan</a></p>'
)


def context(server, tmp_path, **net) -> EmbedContext:
    base = server.url_for("").rstrip("/")
    return EmbedContext(
        net=NetSettings(cache_dir=tmp_path / "cache", timeout=net.pop("timeout", 2), allow_private=True, **net),
        endpoints=Endpoints(
            youtube_oembed=f"{base}/oembed",
            youtube_thumbnails=f"{base}/yt",
            vimeo_oembed=f"{base}/vimeo",
            bluesky_appview=base,
        ),
        content_path=FILM / "content",
    )


def convert(ctx: EmbedContext, text: str) -> str:
    return markdown.Markdown(extensions=[EmbedExtension(ctx, TEMPLATES)]).convert(text)


def status(**overrides) -> dict:
    data = {
        "id": "109",
        "url": "https://film.example/@crew/109",
        "visibility": "public",
        "created_at": "2026-11-20T18:00:00.000Z",
        "content": HOSTILE,
        "account": {"display_name": "Crew <b>Account</b>", "acct": "crew@film.example", "avatar_static": "AVATAR"},
        "media_attachments": [{"type": "image", "url": "IMG", "preview_url": "IMG", "description": "The mast at dusk"}],
    }
    return {**data, **overrides}


# --- what counts as an embed ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, embedded",
    [
        ("https://vimeo.com/1 | title=x poster=images/key-art.jpg duration=1:00", True),
        ("<https://vimeo.com/1> | title=x poster=images/key-art.jpg duration=1:00", True),
        ("See https://vimeo.com/1 for more.", False),
        ("[the clip](https://vimeo.com/1)", False),
    ],
)
def test_only_a_url_alone_on_its_line_becomes_an_embed(httpserver, tmp_path, text, embedded):
    httpserver.clear_log()
    html = convert(context(httpserver, tmp_path), text)
    assert ("embed--video" in html) is embedded
    assert len(httpserver.log) == 0  # title, poster and duration given: nothing to fetch


def test_options():
    assert parse_options('start=1m30s captions=on title="A long title"') == (
        {"start": "1m30s", "captions": "on", "title": "A long title"},
        [],
    )
    options, problems = parse_options("start=soon colour=red captions=maybe")
    assert problems == [
        '"colour=red" is not an option (expected key=value with key one of start, captions, title, poster, duration)',
        'start="soon" is not a time (expected 90, 90s, 1m30s or 1:30)',
        'captions="maybe" is not on or off',
    ]


def test_any_other_url_stays_a_link(httpserver, tmp_path):
    html = convert(context(httpserver, tmp_path), "https://festival.example/programme")
    assert html == '<p><a href="https://festival.example/programme">https://festival.example/programme</a></p>'


# --- video facades --------------------------------------------------------------------------


def test_youtube_facade_with_downloaded_poster_and_no_player_until_click(httpserver, tmp_path):
    httpserver.expect_request("/oembed").respond_with_json(
        {"title": "Night <script>x</script> shoot", "thumbnail_url": None}
    )
    httpserver.expect_request("/yt/vi/abcdefghijk/hqdefault.jpg").respond_with_data(
        jpeg(480, 360), content_type="image/jpeg"
    )
    ctx = context(httpserver, tmp_path)
    html = convert(ctx, "https://youtu.be/abcdefghijk?t=42 | captions=on")
    assert "<iframe" not in html and "<script" not in html
    assert (
        'data-embed-src="https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1&amp;start=42&amp;cc_load_policy=1"'
        in html
    )
    assert 'href="https://youtu.be/abcdefghijk?t=42"' in html  # without JavaScript: a plain link
    assert "Night &lt;script&gt;x&lt;/script&gt; shoot" in html
    (name,) = ctx.assets
    assert f'src="/images/remote/{name}"' in html and 'width="480" height="360"' in html


def test_vimeo_facade_takes_title_duration_and_poster_from_oembed(httpserver, tmp_path):
    base = httpserver.url_for("")
    httpserver.expect_request("/vimeo").respond_with_json(
        {"title": "Sound", "duration": 1300, "thumbnail_url": f"{base}thumb.jpg"}
    )
    httpserver.expect_request("/thumb.jpg").respond_with_data(jpeg(640, 360), content_type="image/jpeg")
    html = convert(context(httpserver, tmp_path), "https://vimeo.com/912345678 | start=90")
    assert 'data-embed-src="https://player.vimeo.com/video/912345678?dnt=1&amp;autoplay=1#t=90s"' in html
    assert "Sound · 21:40 · starts at 1:30 · on Vimeo" in html


def test_local_video_with_captions_beside_it(httpserver, tmp_path):
    content = tmp_path / "content"
    (content / "videos").mkdir(parents=True)
    (content / "videos" / "teaser.mp4").write_bytes(b"\0" * 100)
    (content / "videos" / "teaser.vtt").write_text("WEBVTT\n", encoding="utf-8")
    ctx = context(httpserver, tmp_path)
    ctx.content_path = content
    html = convert(ctx, "videos/teaser.mp4")
    assert '<source src="/videos/teaser.mp4" type="video/mp4">' in html
    assert '<track kind="captions" src="/videos/teaser.vtt" srclang="en" label="English" default>' in html


# --- post cards -----------------------------------------------------------------------------


def serve_images(server):
    server.expect_request("/avatar.png").respond_with_data(jpeg(200, 200), content_type="image/png")
    server.expect_request("/img.jpg").respond_with_data(jpeg(1600, 900), content_type="image/jpeg")


def test_mastodon_card_is_sanitized_and_local(httpserver, tmp_path):
    base = httpserver.url_for("").rstrip("/")
    data = status()
    data["account"]["avatar_static"] = f"{base}/avatar.png"
    data["media_attachments"][0].update(url=f"{base}/img.jpg", preview_url=f"{base}/img.jpg")
    httpserver.expect_request("/api/v1/statuses/109").respond_with_json(data)
    serve_images(httpserver)
    ctx = context(httpserver, tmp_path)
    html = convert(ctx, f"{base}/@crew/109")
    for bad in (
        "<script",
        "onclick",
        "onerror",
        "javascript:",
        "data:text",
        "expression(",
        "<iframe",
        'class="mention"',
    ):
        assert bad not in html, bad
    assert "Premiere tonight!" in html and 'href="https://fan.example/x"' in html
    assert "Crew &lt;b&gt;Account&lt;/b&gt;" in html  # a display name is plain text: shown, escaped
    assert 'alt="The mast at dusk"' in html
    assert base not in html.replace(f'href="{base}', "")  # images are ours, not hot-linked
    assert len(ctx.assets) == 2


def test_private_mastodon_post_stays_a_link(httpserver, tmp_path):
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/api/v1/statuses/110").respond_with_json(status(visibility="private"))
    html = convert(context(httpserver, tmp_path), f"{base}/@crew/110")
    assert html == f'<p><a href="{base}/@crew/110">{base}/@crew/110</a></p>'


def test_bluesky_card_from_the_appview(httpserver, tmp_path):
    base = httpserver.url_for("").rstrip("/")
    post = {
        "uri": "at://film.test/app.bsky.feed.post/3l4",
        "author": {"handle": "film.test", "displayName": "Salt & Static", "avatar": f"{base}/avatar.png"},
        "record": {"text": "Tickets for Dublin <script>alert(1)</script> are out", "createdAt": "2026-11-01T10:00:00Z"},
        "embed": {"$type": "app.bsky.embed.images#view", "images": [{"thumb": f"{base}/img.jpg", "alt": "Poster"}]},
    }
    httpserver.expect_request(
        "/xrpc/app.bsky.feed.getPostThread",
        query_string={"uri": "at://film.test/app.bsky.feed.post/3l4", "depth": "0", "parentHeight": "0"},
    ).respond_with_json({"thread": {"post": post}})
    serve_images(httpserver)
    html = convert(context(httpserver, tmp_path), "https://bsky.app/profile/film.test/post/3l4")
    assert "Tickets for Dublin &lt;script&gt;" in html and "<script" not in html
    assert "Salt &amp; Static" in html and 'alt="Poster"' in html and "2026-11-01" in html


# --- the network misbehaves: the build goes on ------------------------------------------------


def bad_answers():
    return {
        "5xx": Response("oops", status=503),
        "429": Response("slow down", status=429, headers={"Retry-After": "30"}),
        "redirect elsewhere": Response("", status=302, headers={"Location": "https://elsewhere.example/x"}),
        "wrong content type": Response("<html></html>", status=200, content_type="text/html"),
        "malformed JSON": Response("{not json", status=200, content_type="application/json"),
        "invalid UTF-8": Response(b'{"title": "\xff\xfe"', status=200, content_type="application/json"),
        "enormous body": Response(b" " * 3_000_000, status=200, content_type="application/json"),
    }


@pytest.mark.parametrize("case", list(bad_answers()))
def test_a_bad_answer_leaves_a_plain_link_and_a_warning(httpserver, tmp_path, caplog, case):
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/api/v1/statuses/111").respond_with_response(bad_answers()[case])
    html = convert(context(httpserver, tmp_path, max_bytes=1_000_000), f"{base}/@crew/111")
    assert html == f'<p><a href="{base}/@crew/111">{base}/@crew/111</a></p>'
    assert any(r.levelname == "WARNING" for r in caplog.records), case


def test_a_timeout_leaves_a_plain_link(httpserver, tmp_path, caplog):
    import threading

    release = threading.Event()

    def slow(request):
        release.wait(5)  # answers only after the client has given up
        return Response("{}", content_type="application/json")

    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/api/v1/statuses/112").respond_with_handler(slow)
    try:
        html = convert(context(httpserver, tmp_path, timeout=0.3), f"{base}/@crew/112")
    finally:
        release.set()
    assert html.startswith("<p><a href=") and "did not answer in time" in caplog.text


def test_warm_cache_makes_no_requests_and_stale_cache_covers_an_outage(httpserver, tmp_path, caplog):
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/api/v1/statuses/109").respond_with_json(
        status(media_attachments=[], account={"acct": "crew"})
    )

    def asked():
        return sum(request.path == "/api/v1/statuses/109" for request, _ in httpserver.log)

    httpserver.clear_log()
    first = convert(context(httpserver, tmp_path), f"{base}/@crew/109")
    assert "post-card" in first and asked() == 1
    assert convert(context(httpserver, tmp_path), f"{base}/@crew/109") == first
    assert asked() == 1  # warm cache: zero requests

    # Past the freshness window a build asks again; when the server is down, the old copy serves.
    httpserver.expect_ordered_request("/api/v1/statuses/120").respond_with_json(
        status(media_attachments=[], account={"acct": "crew"})
    )
    httpserver.expect_ordered_request("/api/v1/statuses/120").respond_with_data("down", status=500)
    fresh = convert(context(httpserver, tmp_path), f"{base}/@crew/120")
    later = context(httpserver, tmp_path)
    later.fetcher.expire_cached()  # as if the freshness window had passed
    stale = convert(later, f"{base}/@crew/120")
    assert "post-card" in fresh and stale == fresh
    assert "HTTP 500; using the copy cached earlier" in caplog.text


def test_offline_mode_never_opens_a_socket(httpserver, tmp_path):
    httpserver.clear_log()
    base = httpserver.url_for("").rstrip("/")
    cold = convert(context(httpserver, tmp_path, offline=True), f"{base}/@crew/109")
    assert cold.startswith("<p><a href=") and len(httpserver.log) == 0
    httpserver.expect_request("/api/v1/statuses/109").respond_with_json(
        status(media_attachments=[], account={"acct": "crew"})
    )
    warm = convert(context(httpserver, tmp_path), f"{base}/@crew/109")
    offline = context(httpserver, tmp_path, offline=True)
    offline.fetcher.expire_cached()  # offline, even a stale copy is better than nothing
    assert convert(offline, f"{base}/@crew/109") == warm
    assert len(httpserver.log) == 1


def test_not_an_image_is_left_out(httpserver, tmp_path, caplog):
    httpserver.expect_request("/oembed").respond_with_json({"title": "T"})
    httpserver.expect_request("/yt/vi/abcdefghijk/hqdefault.jpg").respond_with_data(
        b"<svg onload=alert(1)>", content_type="image/jpeg"
    )
    html = convert(context(httpserver, tmp_path), "https://youtu.be/abcdefghijk")
    assert "embed--video" in html and "<img" not in html and "not a usable image" in caplog.text


def test_deeply_nested_html_is_flattened_safely(httpserver, tmp_path):
    base = httpserver.url_for("").rstrip("/")
    nested = "<div>" * 5000 + "deep <script>alert(1)</script>" + "</div>" * 5000
    httpserver.expect_request("/api/v1/statuses/130").respond_with_json(
        status(content=nested, media_attachments=[], account={"acct": "x"})
    )
    html = convert(context(httpserver, tmp_path), f"{base}/@crew/130")
    assert "post-card" in html and "deep" in html
    assert "<div><div>" not in html and "<script" not in html and len(html) < 5000
