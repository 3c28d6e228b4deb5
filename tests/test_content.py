"""marquee.content's plain functions, without building a site."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from conftest import ROOT
from marquee import settings as marquee_settings
from marquee.content import event_start, home, link_neighbours, picture, separate_event_status

DUBLIN = ZoneInfo("Europe/Dublin")


def post(slug, section, date, **metadata):
    return SimpleNamespace(
        slug=slug, date=dt.datetime.fromisoformat(date), metadata=metadata, category=SimpleNamespace(slug=section)
    )


def test_event_start_is_in_the_events_own_zone():
    event = post("x", "events", "2026-01-01", start="2026-12-05 19:00", timezone="Europe/London")
    assert event_start(event) == dt.datetime(2026, 12, 5, 19, 0, tzinfo=ZoneInfo("Europe/London"))
    assert event_start(post("y", "events", "2026-01-01", start="soon", timezone="Europe/London")) is None
    assert event_start(post("z", "events", "2026-01-01", start="2026-12-05 19:00", timezone="Mars/Olympus")) is None


def test_home_picks_latest_per_section_and_next_event_that_will_happen():
    now = dt.datetime(2026, 11, 23, tzinfo=DUBLIN)
    posts = [
        post("old-diary", "diary", "2026-01-01"),
        post("new-diary", "diary", "2026-06-01"),
        post("past", "events", "2026-01-01", start="2026-09-18 19:30", timezone="Europe/Dublin"),
        post("cancelled", "events", "2026-02-01", start="2026-11-28 20:00", timezone="Europe/Dublin",
             **{"event-status": "cancelled"}),
        post("later", "events", "2026-03-01", start="2027-03-12 20:00", timezone="Europe/Dublin"),
        post("sooner", "events", "2026-01-02", start="2026-12-20 20:00", timezone="Europe/Dublin"),
    ]
    result = home(posts, now)
    assert result.latest["diary"].slug == "new-diary"
    assert [e.slug for e in result.upcoming_events] == ["sooner", "later"]
    assert result.next_event.slug == "sooner"
    assert home([], now).next_event is None


def test_neighbours_stay_within_a_section():
    a, b = post("a", "diary", "2026-01-01"), post("b", "diary", "2026-01-03")
    c = post("c", "press", "2026-01-02")
    link_neighbours([b, c, a])
    assert (a.older, a.newer) == (None, b)
    assert (b.older, b.newer) == (a, None)
    assert (c.older, c.newer) == (None, None)


def test_event_status_is_moved_aside_and_pelican_status_is_kept():
    event = {"status": "Postponed"}
    separate_event_status(None, event)
    assert event == {"event-status": "postponed"}
    draft = {"status": "draft"}
    separate_event_status(None, draft)
    assert draft == {"status": "draft"}


def test_picture_reads_the_image_size():
    pic = picture(ROOT / "content", "images/diary/ferry.jpg", "A ferry")
    assert (pic.src, pic.width, pic.height) == ("images/diary/ferry.jpg", 1200, 750)
    missing = picture(ROOT / "content", "{static}/images/nope.jpg", "Nothing")
    assert (missing.src, missing.width) == ("images/nope.jpg", None)


def test_settings_defaults_and_build_date():
    read = marquee_settings.read({"SITENAME": "A Film", "TIMEZONE": "Europe/Dublin", "MARQUEE_BUILD_DATE": "2026-11-23"})
    assert read.film.title == "A Film"
    assert list(read.sections) == ["diary", "interviews", "events", "press", "contests"]
    assert read.now == dt.datetime(2026, 11, 23, tzinfo=DUBLIN)
    assert marquee_settings.read({}).build_date is None
