"""Threads and Instagram against loopback copies of their APIs (tests/servers/meta.py). Threads:
text posts with a link attachment, image posts that wait for their container, the 500-character
count with emoji as bytes, one topic tag, the daily quota, refused tokens, a dry run. Instagram:
the share image with caption and alt text, the address written out, its quota. Both: SIGKILL
mid-post, then a rerun that posts exactly once."""

from __future__ import annotations

import pytest
from conftest import EMOJI_TEXT
from helpers import (
    kill_mid_post_then_rerun,
    quiet,
    syndication_config,
    syndication_settings,
)
from marquee.networks.base.delivery import ATTEMPTING, FAILED, POSTED
from marquee.syndication import run
from marquee.syndication.ledger import read_entries
from servers.meta import InstagramAPI, ThreadsAPI, threads_length

pytestmark = pytest.mark.slow

ENV = {"MARQUEE_THREADS_TOKEN": "threads-token", "MARQUEE_INSTAGRAM_TOKEN": "instagram-token"}


def syndication(tmp_path, server, network="threads", **account) -> dict:
    return syndication_config(
        tmp_path,
        hashtags=["ThreadsFilm"],
        **{network: {"user_id": server.user_id, "api_url": server.url, "container_poll": 0, **account}},
    )


def settings(tmp_path, server, network="threads", **account):
    return syndication_settings(syndication(tmp_path, server, network, **account))


def test_each_new_post_goes_out_once_as_text_with_its_link(film, tmp_path):
    with ThreadsAPI() as threads:
        marquee = settings(tmp_path, threads)
        outcomes = run(marquee, film, environ=ENV, console=quiet())
        assert [o.state for o in outcomes] == [POSTED, POSTED] and len(threads.posts) == 2
        pier, storm = threads.posts
        assert pier["media_type"] == "TEXT" and pier["link_attachment_url"].startswith(
            "http://127.0.0.1:8000/diary/pier/"
        )
        assert "utm_source=threads" in pier["link_attachment_url"]
        assert pier["text"].count("#") == 1 and "#ThreadsFilm" in pier["text"]  # one topic tag: the film's own
        assert threads_length(storm["text"]) <= 500 < threads_length(EMOJI_TEXT)  # emoji weigh their bytes
        assert storm["text"].startswith("🎬")
        entries = read_entries(tmp_path / "ledger.json")
        assert all(e.url.startswith("https://www.threads.net/@saltandstatic/post/") for e in entries.values())
        again = run(marquee, film, environ=ENV, console=quiet())
        assert [o.state for o in again] == [POSTED, POSTED] and len(threads.posts) == 2


def test_image_posts_wait_for_their_container_and_carry_the_alt_text(film, tmp_path):
    with ThreadsAPI(processing_reads=3) as threads:
        outcomes = run(settings(tmp_path, threads, image=True), film, environ=ENV, console=quiet())
        assert {o.state for o in outcomes} == {POSTED}
        pier = next(p for p in threads.posts if "pier" in p.get("image_url", ""))
        assert pier["media_type"] == "IMAGE" and pier["alt_text"] == "A wooden pier at dawn, empty."
        assert pier["image_url"].startswith("http://127.0.0.1:8000/images/share/")
        status_reads = [path for method, path in threads.requests if method == "GET" and path.startswith("/v1.0/9000")]
        assert len(status_reads) >= 3  # published only once FINISHED


def test_an_image_threads_cannot_fetch_is_refused_with_its_reason(film, tmp_path):
    with ThreadsAPI() as threads:
        threads.unreachable_images = {
            f"http://127.0.0.1:8000/images/share/diary-{name}.jpg" for name in ("pier", "storm")
        }
        outcomes = run(settings(tmp_path, threads, image=True), film, environ=ENV, console=quiet())
        assert {o.state for o in outcomes} == {FAILED} and "FAILED_DOWNLOADING_IMAGE" in outcomes[0].detail
        assert threads.posts == []


def test_the_daily_quota_holds_posts_for_the_next_run(film, tmp_path):
    with ThreadsAPI(quota_used=249) as threads:
        marquee = settings(tmp_path, threads)
        outcomes = run(marquee, film, environ=ENV, console=quiet())
        assert [o.state for o in outcomes] == [POSTED, "waiting"] and "250 posts" in outcomes[1].detail
        assert len(threads.posts) == 1
        threads.quota_used = 0  # a day later
        assert [o.state for o in run(marquee, film, environ=ENV, console=quiet())] == [POSTED, POSTED]
        assert len(threads.posts) == 2


def test_a_refused_token_skips_threads_and_a_dry_run_sends_nothing(film, tmp_path):
    with ThreadsAPI(token="the-right-one") as threads:
        outcomes = run(settings(tmp_path, threads), film, environ=ENV, console=quiet())
        assert {o.state for o in outcomes} == {"skipped"} and "code 190" in outcomes[0].detail
        assert "the Threads access token was refused" in outcomes[0].detail and "Page" not in outcomes[0].detail
    with ThreadsAPI() as threads:
        dry = run(settings(tmp_path / "dry", threads), film, environ=ENV, dry_run=True, console=quiet())
        assert [(o.state, o.message.limit) for o in dry] == [("would send", 500)] * 2 and threads.posts == []


def test_instagram_posts_the_share_image_with_its_caption_and_alt_text_once(film, tmp_path):
    with InstagramAPI(processing_reads=2) as instagram:
        marquee = settings(tmp_path, instagram, "instagram")
        outcomes = run(marquee, film, environ=ENV, console=quiet())
        assert [o.state for o in outcomes] == [POSTED, POSTED] and len(instagram.posts) == 2
        pier = instagram.posts[0]
        assert pier["image_url"] == "http://127.0.0.1:8000/images/share/diary-pier.jpg"
        assert pier["alt_text"] == "A wooden pier at dawn, empty."
        # No clickable links in a caption: the address, written out to be read, without tracking tags.
        assert (
            "127.0.0.1:8000/diary/pier" in pier["caption"]
            and "http" not in pier["caption"]
            and "utm_" not in pier["caption"]
        )
        assert pier["caption"].endswith("#ThreadsFilm #Pier #Dawn #Harbour")  # up to max_hashtags, not one
        entries = read_entries(tmp_path / "ledger.json")
        assert all(e.url.startswith("https://www.instagram.com/p/") for e in entries.values())
        assert len(run(marquee, film, environ=ENV, console=quiet())) == 2 and len(instagram.posts) == 2


def test_instagram_keeps_to_its_daily_quota_and_a_dry_run_shows_its_limit(film, tmp_path):
    with InstagramAPI(quota_used=49) as instagram:
        outcomes = run(settings(tmp_path, instagram, "instagram"), film, environ=ENV, console=quiet())
        assert [o.state for o in outcomes] == [POSTED, "waiting"] and "50 posts" in outcomes[1].detail
        dry = run(settings(tmp_path / "dry", instagram, "instagram"), film, environ=ENV, dry_run=True, console=quiet())
        assert {(o.state, o.message.limit) for o in dry} == {("would send", 2200)}


@pytest.mark.parametrize("network", ["threads", "instagram"])
@pytest.mark.parametrize("point", ["before", "after", "late"])
def test_killed_mid_post_then_rerun_posts_exactly_once(film, tmp_path, network, point):
    with {"threads": ThreadsAPI, "instagram": InstagramAPI}[network]() as server:
        killed, entries, output = kill_mid_post_then_rerun(
            server, syndication(tmp_path, server, network), film, ENV, point, tmp_path
        )
        assert ATTEMPTING in {e.state for e in killed.values()}
        assert {e.state for e in entries.values()} == {POSTED}
        for entry in entries.values():
            assert len(server.posted_for(entry.post_url.split("://")[1].rstrip("/"))) == 1, (
                entry
            )  # as the caption writes it
        assert any("latest" in e.checked for e in entries.values())
        assert server.token not in output
