"""The email newsletter against a loopback Buttondown API (tests/servers/buttondown.py): one email
per new post (a draft by default, sent with send: True and the one-time confirmation header),
once each through the ledger, a refused key, SIGKILL then rerun; the Follow page's signup form."""

from __future__ import annotations

import json

import pytest
from helpers import (
    build_film,
    kill_mid_post_then_rerun,
    quiet,
    syndication_config,
    syndication_settings,
    write_film,
)
from marquee.networks.base.delivery import ATTEMPTING, POSTED
from marquee.syndication import copies, run
from marquee.syndication.ledger import read_entries
from servers.buttondown import ButtondownAPI

pytestmark = pytest.mark.slow

ENV = {"MARQUEE_BUTTONDOWN_API_KEY": "buttondown-key"}


def syndication(tmp_path, server, **newsletter) -> dict:
    return syndication_config(
        tmp_path, hashtags=["Film"], newsletter={"username": server.username, "api_url": server.url, **newsletter}
    )


def settings(tmp_path, server, **newsletter):
    return syndication_settings(syndication(tmp_path, server, **newsletter))


def test_each_new_post_becomes_one_draft_by_default(film, tmp_path):
    with ButtondownAPI() as buttondown:
        marquee = settings(tmp_path, buttondown)
        outcomes = run(marquee, film, environ=ENV, console=quiet())
        assert [o.state for o in outcomes] == [POSTED, POSTED]
        pier, storm = buttondown.posts
        assert (pier["subject"], pier["status"]) == ("The pier at dawn", "draft")
        assert pier["body"].startswith(
            "![A wooden pier at dawn, empty.](http://127.0.0.1:8000/images/share/diary-pier.jpg)"
        )
        assert "We shot the pier walk." in pier["body"] and "utm_source=newsletter" in pier["body"]
        assert "#" not in pier["body"].split(")", 1)[1]  # no hashtags in an email
        assert pier["metadata"]["marquee_id"].endswith(":diary/pier")  # what reconciliation looks for
        assert storm["body"].startswith("![") and not buttondown.confirmed
        entries = read_entries(tmp_path / "ledger.json")
        assert all(e.state == POSTED and e.url == "" for e in entries.values())  # a draft has no public page yet
        assert copies(entries, next(iter(entries))[0]) == []
        assert len(run(marquee, film, environ=ENV, console=quiet())) == 2 and len(buttondown.posts) == 2


def test_send_true_sends_at_once_with_the_one_time_confirmation(film, tmp_path):
    with ButtondownAPI() as buttondown:
        outcomes = run(settings(tmp_path, buttondown, send=True), film, environ=ENV, console=quiet())
        assert [o.state for o in outcomes] == [POSTED, POSTED] and buttondown.confirmed
        assert {e["status"] for e in buttondown.posts} == {"about_to_send"}
        entries = read_entries(tmp_path / "ledger.json")
        assert all(e.url.startswith("https://buttondown.com/saltandstatic/archive/") for e in entries.values())
        assert [c.label for c in copies(entries, next(iter(entries))[0])] == ["Newsletter"]


def test_a_refused_key_sends_nothing_and_says_so(film, tmp_path):
    with ButtondownAPI(api_key="another") as buttondown:
        outcomes = run(settings(tmp_path, buttondown), film, environ=ENV, console=quiet())
        assert (
            {o.state for o in outcomes} == {"waiting"}
            and "401" in outcomes[0].detail
            and "Invalid token" in outcomes[0].detail
        )
        assert buttondown.posts == []
        assert "buttondown-key" not in json.dumps([o.detail for o in outcomes])


@pytest.mark.parametrize("point", ["before", "after", "late"])
def test_killed_mid_post_then_rerun_sends_exactly_once(film, tmp_path, point):
    with ButtondownAPI() as buttondown:
        killed, entries, output = kill_mid_post_then_rerun(
            buttondown, syndication(tmp_path, buttondown), film, ENV, point, tmp_path
        )
        assert ATTEMPTING in {e.state for e in killed.values()}
        assert {e.state for e in entries.values()} == {POSTED}
        ids = [e["metadata"]["marquee_id"] for e in buttondown.posts]
        assert sorted(ids) == sorted(post for post, _, _ in entries)  # one email per post
        assert any("newest emails" in e.checked for e in entries.values())
        assert "buttondown-key" not in output


def test_the_follow_page_offers_a_signup_form_that_posts_only_when_submitted(tmp_path):
    write_film(tmp_path, {"diary/a.md": "Title: A\nDate: 2026-11-05 08:00\nPhase: production\n\nA.\n"})
    out = build_film(
        tmp_path, MARQUEE_SYNDICATION={"ledger": str(tmp_path / "l.json"), "newsletter": {"username": "saltandstatic"}}
    )
    page = (out / "follow" / "index.html").read_text(encoding="utf-8")
    form = page.split('<form class="signup"')[1].split("</form>")[0]
    assert 'action="https://buttondown.com/api/emails/embed-subscribe/saltandstatic" method="post"' in form
    assert 'type="email" name="email" required' in form and '<label for="signup-email">' in form
    assert page.count("buttondown.com") == 1  # only the form's address: nothing loads from there
    bare = build_film(tmp_path, MARQUEE_SYNDICATION={"ledger": str(tmp_path / "l.json")})
    assert "signup" not in (bare / "follow" / "index.html").read_text(encoding="utf-8")


def digest_settings(tmp_path, server, day: str, **newsletter):
    """The run as if on `day` (midnight, Dublin), with a weekly digest going out on Fridays at 00:00."""
    from marquee.settings import read

    raw = syndication(tmp_path, server, digest={"every": "week", "day": "friday", "time": "00:00"}, **newsletter)
    return read(
        {
            "TIMEZONE": "Europe/Dublin",
            "FEED_DOMAIN": "http://127.0.0.1:8000",
            "MARQUEE_SYNDICATION": raw,
            "MARQUEE_BUILD_DATE": day,
        }
    )


def test_a_weekly_digest_sends_each_weeks_posts_in_one_email_once(film, tmp_path):
    """The pier (Thursday 5 November) goes out in Friday the 6th's digest; the storm (Tuesday the
    10th) waits for Friday the 13th's; a rerun in the same week sends nothing."""
    with ButtondownAPI() as buttondown:
        outcomes = run(digest_settings(tmp_path, buttondown, "2026-11-06"), film, environ=ENV, console=quiet())
        assert [(o.post.title, o.state) for o in outcomes] == [
            ("The pier at dawn", POSTED)
        ]  # the storm is not published yet
        outcomes = run(digest_settings(tmp_path, buttondown, "2026-11-12"), film, environ=ENV, console=quiet())
        waiting = {o.post.title: o.detail for o in outcomes if o.state == "waiting"}
        assert waiting == {"Storm day": "goes out in the digest of 2026-11-13 00:00"} and len(buttondown.posts) == 1
        outcomes = run(digest_settings(tmp_path, buttondown, "2026-11-13"), film, environ=ENV, console=quiet())
        assert sorted(o.state for o in outcomes) == [POSTED, POSTED] and len(buttondown.posts) == 2
        first, second = buttondown.posts
        assert first["subject"] == "The pier at dawn" and second["subject"] == "Storm day"
        assert first["metadata"]["marquee_digest"].startswith("digest-20261106T0000-")
        assert second["metadata"]["marquee_digest"].startswith("digest-20261113T0000-")
        run(digest_settings(tmp_path, buttondown, "2026-11-13"), film, environ=ENV, console=quiet())
        assert len(buttondown.posts) == 2


def test_a_digest_gathers_every_post_of_its_period_and_the_dry_run_says_so(film, tmp_path):
    with ButtondownAPI() as buttondown:
        dry = run(digest_settings(tmp_path, buttondown, "2026-11-20"), film, environ=ENV, console=quiet(), dry_run=True)
        assert [(o.state, o.detail) for o in dry] == [
            ("would send", "in one digest of 2 post(s)")
        ] * 2 and buttondown.posts == []
        outcomes = run(
            digest_settings(tmp_path, buttondown, "2026-11-20", send=True), film, environ=ENV, console=quiet()
        )
        assert [o.state for o in outcomes] == [POSTED, POSTED]
        (email,) = buttondown.posts
        assert email["subject"] == "The pier at dawn · Storm day" and email["status"] == "about_to_send"
        sections = email["body"].split("\n\n---\n\n")
        assert sections[0].startswith("## [The pier at dawn](http://127.0.0.1:8000/diary/pier/")
        assert "![A wooden pier at dawn, empty.](http://127.0.0.1:8000/images/share/diary-pier.jpg)" in sections[0]
        assert sections[1].startswith("## [Storm day](") and "No shooting today." in sections[1]
        assert sorted(email["metadata"]["marquee_ids"]) == sorted(o.post.id for o in outcomes)
        entries = read_entries(tmp_path / "ledger.json")
        assert len({e.remote_id for e in entries.values()}) == 1 and {e.url for e in entries.values()} == {
            email["absolute_url"]
        }


def test_bad_digest_settings_are_named(tmp_path):
    from marquee.networks.newsletter import Newsletter

    for digest, words in [
        ({"every": "fortnight"}, 'every "fortnight" is not day, week or month'),
        ({"every": "week", "day": "friyay"}, 'day "friyay" is not a weekday'),
        ({"every": "month", "day": 31}, 'day "31" is not a day of the month from 1 to 28'),
        ({"every": "day", "time": "25:00"}, 'time "25:00" is not HH:MM'),
    ]:
        with pytest.raises(ValueError, match=words):
            Newsletter("film", digest=digest)


@pytest.mark.parametrize("point", ["before", "after", "late"])
def test_a_digest_killed_mid_send_then_rerun_goes_out_exactly_once(film, tmp_path, point):
    with ButtondownAPI() as buttondown:
        config = syndication(tmp_path, buttondown, digest={"every": "week", "day": "friday", "time": "10:00"})
        killed, entries, output = kill_mid_post_then_rerun(buttondown, config, film, ENV, point, tmp_path)
        assert {e.state for e in killed.values()} == {ATTEMPTING} and len({e.key for e in killed.values()}) == 1
        assert {e.state for e in entries.values()} == {POSTED}
        (email,) = buttondown.posts  # both posts, in one email, once
        assert sorted(email["metadata"]["marquee_ids"]) == sorted(post for post, _, _ in entries)
        assert {e.remote_id for e in entries.values()} == {email["id"]}
