"""Exactly once on slow servers: a write that reaches the server after the client gave up is never
sent again in the run (Threads, Instagram, Buttondown per post and digest); a container is made
once per post and its id kept; a used-up daily quota leaves posts waiting, not failed; waiting on
containers is bounded per run; a remote copy is matched by its whole address, never a substring."""

from __future__ import annotations

import pytest
from helpers import quiet, syndication_config, syndication_settings
from marquee.networks.base.delivery import ATTEMPTING, POSTED
from marquee.networks.base.text import names_link
from marquee.syndication import run
from marquee.syndication.ledger import read_entries
from servers.buttondown import ButtondownAPI
from servers.loopback import json_response
from servers.meta import InstagramAPI, ThreadsAPI

pytestmark = pytest.mark.slow

ENV = {
    "MARQUEE_THREADS_TOKEN": "threads-token",
    "MARQUEE_INSTAGRAM_TOKEN": "instagram-token",
    "MARQUEE_BUTTONDOWN_API_KEY": "buttondown-key",
}
PIER = "http://127.0.0.1:8000/diary/pier/"


def meta_settings(tmp_path, server, network, **account):
    config = syndication_config(
        tmp_path,
        timeout=1,
        **{network: {"user_id": server.user_id, "api_url": server.url, "container_poll": 0, **account}},
    )
    return syndication_settings(config)


@pytest.mark.parametrize("api, network", [(ThreadsAPI, "threads"), (InstagramAPI, "instagram")])
def test_a_publish_that_lands_after_the_client_gave_up_is_not_made_twice(film, tmp_path, api, network):
    with api() as server:
        marquee = meta_settings(tmp_path, server, network, **({"image": True} if network == "threads" else {}))
        held = server.hold("before")  # the publish reaches the server and waits past the client's deadline
        outcomes = run(marquee, film, environ=ENV, console=quiet())
        pier = next(o for o in outcomes if o.post.url.startswith(PIER))
        assert pier.state == "waiting" and "may still arrive" in pier.detail
        entry = next(e for e in read_entries(tmp_path / "ledger.json").values() if e.post_url.startswith(PIER))
        assert entry.state == ATTEMPTING and entry.pending in server.containers  # the container is in the ledger
        made = len(server.containers)
        held.release.set()
        server._lock.acquire()  # the held publishes have landed once the lock is free
        server._lock.release()
        again = run(marquee, film, environ=ENV, console=quiet())
        assert next(o for o in again if o.post.url.startswith(PIER)).state == POSTED
        assert len(server.posted_for("diary/pier")) == 1  # one copy
        assert len(server.containers) == made  # and no second container for it


def test_a_containers_id_is_published_again_rather_than_a_new_container_made(film, tmp_path):
    """The publish was refused at the door (503: nothing published): the next run publishes the same container."""
    with ThreadsAPI() as threads:
        marquee = meta_settings(tmp_path, threads, "threads")
        threads.rate_limited = 0
        original = threads.publish
        threads.publish = lambda creation_id: json_response(
            {"error": {"message": "Service temporarily unavailable", "code": 2, "is_transient": True}}, 503
        )
        run(marquee, film, environ=ENV, console=quiet())
        threads.publish = original
        made = len(threads.containers)
        again = run(marquee, film, environ=ENV, console=quiet())
        assert {o.state for o in again} == {POSTED}
        assert len(threads.containers) == made and len(threads.posts) == 2


def test_a_daily_limit_reached_mid_run_leaves_the_rest_waiting_for_the_next_run(film, tmp_path):
    """Instagram's documented answer past the limit: 400, code 9, subcode 2207042, at publish."""
    with InstagramAPI(quota_used=0) as instagram:
        marquee = meta_settings(tmp_path, instagram, "instagram")
        original = instagram.publish

        def publish_after_others_used_the_quota(creation_id):  # the quota edge said there was room
            instagram.quota_used = instagram.quota_total
            return original(creation_id)

        instagram.publish = publish_after_others_used_the_quota
        outcomes = run(marquee, film, environ=ENV, console=quiet())
        pier = next(o for o in outcomes if o.post.url.startswith(PIER))
        assert pier.state == "waiting" and "2207042" in pier.detail
        assert {e.state for e in read_entries(tmp_path / "ledger.json").values()} <= {
            ATTEMPTING,
            "planned",
        }  # none failed
        assert len(instagram.containers) == 1  # the quota is remembered: no container for the next post
        instagram.publish, instagram.quota_used = original, 0  # the next day
        again = run(marquee, film, environ=ENV, console=quiet())
        assert next(o for o in again if o.post.url.startswith(PIER)).state == POSTED
        assert len(instagram.posted_for("diary/pier")) == 1 and len(instagram.containers) == 2  # one per post


def test_waiting_for_containers_is_bounded_per_run_and_the_container_kept(film, tmp_path):
    with ThreadsAPI(processing_reads=10_000) as threads:
        marquee = meta_settings(tmp_path, threads, "threads", image=True, container_wait=1, container_poll=0.25)
        outcomes = run(marquee, film, environ=ENV, console=quiet())
        assert {o.state for o in outcomes} == {"waiting"} and all(
            "still IN_PROGRESS" in o.detail or "this run" in o.detail for o in outcomes
        )
        status_reads = [p for m, p in threads.requests if m == "GET" and p.startswith("/v1.0/9")]
        assert len(status_reads) <= 1 / 0.25 + 2 * 2  # the run's budget, not a budget per post
        made = len(threads.containers)
        for container in threads.containers.values():
            container["reads_left"] = 0
        again = run(marquee, film, environ=ENV, console=quiet())
        assert {o.state for o in again} == {POSTED} and len(threads.containers) == made and len(threads.posts) == 2


def test_a_late_email_and_a_late_digest_are_not_sent_twice(film, tmp_path):
    for digest in (None, {"every": "week", "day": "friday", "time": "09:00"}):
        folder = tmp_path / ("digest" if digest else "single")
        folder.mkdir()
        with ButtondownAPI() as buttondown:
            config = syndication_config(
                folder,
                timeout=1,
                newsletter={
                    "username": "saltandstatic",
                    "api_url": buttondown.url,
                    "send": True,
                    **({"digest": digest} if digest else {}),
                },
            )
            marquee = syndication_settings(config)
            held = buttondown.hold("before")
            first = run(marquee, film, environ=ENV, console=quiet())
            assert all(o.state == "waiting" for o in first), [(o.state, o.detail) for o in first]
            held.release.set()
            buttondown._lock.acquire()
            buttondown._lock.release()
            again = run(marquee, film, environ=ENV, console=quiet())
            assert {o.state for o in again} == {POSTED}, [(o.state, o.detail) for o in again]
            assert len(buttondown.posts) == (1 if digest else 2)


@pytest.mark.parametrize(
    "text, url, named",
    [
        ("Day 10 https://film.example/diary/day-10/", "https://film.example/diary/day-1/", False),
        ("Read: film.example/diary/day-10", "https://film.example/diary/day-1/", False),
        ("Read: film.example/diary/day-1", "https://film.example/diary/day-1/", True),
        ("(film.example/diary/day-1).", "https://film.example/diary/day-1/", True),
        (
            '<a href="https://film.example/diary/day-1/?utm_source=mastodon">x</a>',
            "https://film.example/diary/day-1/",
            True,
        ),
        ("https://film.example/diary/day-1/extra", "https://film.example/diary/day-1/", False),
        ("https://other.example/film.example/diary/day-1/", "https://film.example/diary/day-1/", False),
        ("", "https://film.example/diary/day-1/", False),
    ],
)
def test_a_copy_is_matched_by_its_whole_address(text, url, named):
    assert names_link(text, url) is named


def test_a_new_ledger_does_not_take_day_10_for_day_1(film, tmp_path):
    """Reconciling a new ledger: a caption naming a longer address is not this post's copy."""
    with InstagramAPI() as instagram:
        instagram.store({"caption": "Earlier: 127.0.0.1:8000/diary/pier-at-night", "media_type": "IMAGE"})
        marquee = meta_settings(tmp_path, instagram, "instagram")
        (tmp_path / "ledger.json").unlink()
        outcomes = run(marquee, film, environ=ENV, console=quiet(), new_ledger=True)
        assert next(o for o in outcomes if o.post.url.startswith(PIER)).state == POSTED
        ours = [p for p in instagram.posts if "127.0.0.1:8000/diary/pier\n" in p["caption"]]
        assert len(ours) == 1  # sent: nothing was "found" in pier-at-night
