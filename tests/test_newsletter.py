"""The email newsletter against a loopback Buttondown API (tests/servers/buttondown.py): one email
per new post (a draft by default, sent with send: True and the one-time confirmation header),
once each through the ledger, a refused key, SIGKILL then rerun; the Follow page's signup form."""

from __future__ import annotations

import json

import pytest

from helpers import build_film, kill_mid_post_then_rerun, quiet, syndication_config, syndication_settings, write_film
from marquee.syndication import copies, run
from marquee.syndication.ledger import ATTEMPTING, POSTED, read_entries
from servers.buttondown import ButtondownAPI

pytestmark = pytest.mark.slow

ENV = {"MARQUEE_BUTTONDOWN_API_KEY": "buttondown-key"}


def syndication(tmp_path, server, **newsletter) -> dict:
    return syndication_config(tmp_path, hashtags=["Film"], newsletter={"username": server.username, "api_url": server.url, **newsletter})


def settings(tmp_path, server, **newsletter):
    return syndication_settings(syndication(tmp_path, server, **newsletter))


def test_each_new_post_becomes_one_draft_by_default(film, tmp_path):
    with ButtondownAPI() as buttondown:
        marquee = settings(tmp_path, buttondown)
        outcomes = run(marquee, film, environ=ENV, console=quiet())
        assert [o.state for o in outcomes] == [POSTED, POSTED]
        pier, storm = buttondown.posts
        assert (pier["subject"], pier["status"]) == ("The pier at dawn", "draft")
        assert pier["body"].startswith("![A wooden pier at dawn, empty.](http://127.0.0.1:8000/images/share/diary-pier.jpg)")
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
        assert {o.state for o in outcomes} == {"waiting"} and "401" in outcomes[0].detail and "Invalid token" in outcomes[0].detail
        assert buttondown.posts == []
        assert "buttondown-key" not in json.dumps([o.detail for o in outcomes])


@pytest.mark.parametrize("point", ["before", "after"])
def test_killed_mid_post_then_rerun_sends_exactly_once(film, tmp_path, point):
    with ButtondownAPI() as buttondown:
        killed, entries, output = kill_mid_post_then_rerun(buttondown, syndication(tmp_path, buttondown), film, ENV, point, tmp_path)
        assert ATTEMPTING in {e.state for e in killed.values()}
        assert {e.state for e in entries.values()} == {POSTED}
        ids = [e["metadata"]["marquee_id"] for e in buttondown.posts]
        assert sorted(ids) == sorted(post for post, _, _ in entries)  # one email per post
        assert any("newest emails" in e.checked for e in entries.values())
        assert "buttondown-key" not in output


def test_the_follow_page_offers_a_signup_form_that_posts_only_when_submitted(tmp_path):
    write_film(tmp_path, {"diary/a.md": "Title: A\nDate: 2026-11-05 08:00\nPhase: production\n\nA.\n"})
    out = build_film(tmp_path, MARQUEE_SYNDICATION={"ledger": str(tmp_path / "l.json"), "newsletter": {"username": "saltandstatic"}})
    page = (out / "follow" / "index.html").read_text(encoding="utf-8")
    form = page.split('<form class="signup"')[1].split("</form>")[0]
    assert 'action="https://buttondown.com/api/emails/embed-subscribe/saltandstatic" method="post"' in form
    assert 'type="email" name="email" required' in form and '<label for="signup-email">' in form
    assert page.count("buttondown.com") == 1  # only the form's address: nothing loads from there
    bare = build_film(tmp_path, MARQUEE_SYNDICATION={"ledger": str(tmp_path / "l.json")})
    assert "signup" not in (bare / "follow" / "index.html").read_text(encoding="utf-8")
