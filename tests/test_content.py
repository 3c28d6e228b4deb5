"""Content types: parsing every field and reporting every malformed value, without a build."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from helpers import DUBLIN, parse, post
from marquee.content import separate_event_status
from marquee.content.validate import (
    ContentError,
    ErrorCount,
    duplicate_episodes,
    report,
)

EVENT = dict(
    event_kind="screening",
    start="2027-03-12 20:00",
    end="2027-03-12 22:45",
    timezone="Europe/Dublin",
    venue="Lighthouse Picture House",
    address="Market Lane, Dublin",
    geo="53.3488, -6.2784",
    tickets="https://tickets.example/x",
    price="€12",
    event_status="scheduled",
)
EPISODE = dict(
    series="Off the Call Sheet",
    episode="3",
    guests="Kofi Mensah-Doyle (sound designer), Dara Quinn",
    topics="sound, radio",
    video="https://www.youtube.com/watch?v=abcdefghijk&t=1m30s",
    duration="00:21:40",
)
CHAPTERS = (
    '<p>Intro</p>\n<h2 id="chapters">Chapters</h2>\n<ul>\n<li>00:00 Hello</li>\n<li>03:15 Wind</li>\n'
    '<li>1:02:03 Late</li>\n</ul>\n<h2 id="transcript">Transcript</h2>\n<p><strong>Host:</strong> Hi.</p>\n'
)


# --- diary ------------------------------------------------------------------------------------


def test_diary_entry_is_typed():
    entry, problems = parse(
        "diary",
        shoot_day="12",
        phase="Production",
        location="Harbour",
        geo="53.98, -10.11",
        crew="Ines Vidal (director of photography), Cathal Byrne (gaffer)",
    )
    assert problems == []
    shoot = entry.shoot
    assert (shoot.day, shoot.phase, shoot.location) == (12, "production", "Harbour")
    assert (shoot.geo.lat, shoot.geo.lon) == (53.98, -10.11)
    assert [(p.name, p.role) for p in shoot.crew] == [
        ("Ines Vidal", "director of photography"),
        ("Cathal Byrne", "gaffer"),
    ]
    assert "mlat=53.98&mlon=-10.11" in shoot.geo.osm_url


@pytest.mark.parametrize(
    "fields, expected",
    [
        (
            {"phase": "prodution"},
            'Phase: "prodution" is not a production phase (expected one of development, '
            'pre-production, production, post-production, release; did you mean "production"?)',
        ),
        ({}, "Phase: missing (required for a diary entry; expected one of development"),
        ({"phase": "production", "shoot_day": "twelve"}, 'Shoot-Day: "twelve" is not a whole number'),
        ({"phase": "production", "geo": "95.2, 10"}, 'Geo: "95.2, 10" is not a position on Earth'),
        ({"phase": "production", "geo": "53.9, -190"}, 'Geo: "53.9, -190" is not a position on Earth'),
        ({"phase": "production", "geo": "the harbour"}, 'Geo: "the harbour" is not a position'),
    ],
)
def test_diary_problems_name_file_field_value_and_expectation(fields, expected):
    entry, problems = parse("diary", slug="day-12", **fields)
    assert any(p.startswith("content/diary/day-12.md: ") and expected in p for p in problems), problems


def test_image_needs_alt_text_and_an_existing_file():
    _, problems = parse("diary", phase="production", image="images/diary/ferry.jpg")
    assert problems == [
        "content/diary/post.md: Image-Alt: missing (required when Image is given; "
        "expected a sentence describing the image)"
    ]
    _, problems = parse("diary", phase="production", image="images/nope.jpg", image_alt="A photo")
    assert problems == [
        'content/diary/post.md: Image: "images/nope.jpg" is not a file under content/ (expected a path such as images/diary/photo.jpg)'
    ]


def test_unknown_field_is_a_warning_with_a_suggestion():
    item = post("diary", phase="production", locaton="Harbour", mood="wet")
    from marquee.content.validate import ParseContext, parse_post

    problems = parse_post(item, "diary", ParseContext("content/diary/post.md", DUBLIN, item.source_path))
    assert [(p.level, str(p)) for p in problems] == [
        ("warning", 'content/diary/post.md: Locaton: is not a field of a diary entry; did you mean "Location"?'),
        ("warning", "content/diary/post.md: Mood: is not a field of a diary entry"),
    ]


# --- events -----------------------------------------------------------------------------------


def test_event_is_typed_in_its_own_zone():
    item, problems = parse("events", **EVENT)
    assert problems == []
    ev = item.event
    assert ev.start == dt.datetime(2027, 3, 12, 20, 0, tzinfo=ZoneInfo("Europe/Dublin"))
    assert ev.start.utcoffset() == dt.timedelta(0)  # GMT in March, before summer time
    assert ev.end - ev.start == dt.timedelta(hours=2, minutes=45)
    assert (ev.kind, ev.status, ev.happening, ev.online) == ("screening", "scheduled", True, False)
    assert ev.upcoming(dt.datetime(2027, 3, 12, 21, 0, tzinfo=DUBLIN))  # still on
    assert not ev.upcoming(dt.datetime(2027, 3, 13, tzinfo=DUBLIN))


def test_google_calendar_link_is_in_utc_with_the_events_zone():
    item, _ = parse("events", **{**EVENT, "start": "2027-07-01 20:00", "end": "2027-07-01 22:00"})
    link = item.event.google_calendar_url("Dublin screening", "Details")
    assert link.startswith("https://calendar.google.com/calendar/render?action=TEMPLATE")
    assert "dates=20270701T190000Z%2F20270701T210000Z" in link  # 20:00 Irish summer time = 19:00 UTC
    assert "ctz=Europe%2FDublin" in link and "text=Dublin+screening" in link


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"start": "2026-13-02 19:30"}, 'Start: "2026-13-02 19:30" is not a date-time (expected YYYY-MM-DD HH:MM)'),
        ({"start": "next Friday"}, 'Start: "next Friday" is not a date-time'),
        ({"end": "2027-03-12 19:00"}, 'End: "2027-03-12 19:00" is not after Start "2027-03-12 20:00"'),
        ({"timezone": "Europe/Dublni"}, 'Timezone: "Europe/Dublni" is not a time zone (expected an IANA name'),
        ({"timezone": "GMT+1"}, 'Timezone: "GMT+1" is not a time zone'),
        (
            {"event_status": "canceled"},
            'Status: "canceled" is not an event status (expected one of scheduled, '
            'cancelled, postponed, rescheduled, sold-out, moved-online; did you mean "cancelled"?)',
        ),
        ({"event_kind": "gala"}, 'Event-Kind: "gala" is not an event kind'),
        ({"tickets": "tickets.example/x"}, 'Tickets: "tickets.example/x" is not a web address (expected a full URL'),
        ({"online_url": "javascript:alert(1)"}, 'Online-URL: "javascript:alert(1)" is not a web address'),
        ({"geo": "53.3, 200"}, 'Geo: "53.3, 200" is not a position on Earth'),
        ({"start": ""}, "Start: missing (required for an event; expected YYYY-MM-DD HH:MM)"),
        ({"venue": ""}, "Venue: missing (required for an event in a place"),
        ({"event_kind": "online", "venue": ""}, "Online-URL: missing (required for an online event"),
    ],
)
def test_event_problems(change, expected):
    item, problems = parse("events", slug="lisbon-premiere", **{**EVENT, **change})
    assert any(p.startswith("content/events/lisbon-premiere.md: ") and expected in p for p in problems), problems
    assert item.event is None  # a broken event is never half-typed


def test_every_problem_in_a_file_is_reported_at_once():
    _, problems = parse("events", **{**EVENT, "start": "2026-13-02 19:30", "timezone": "Mars/Base", "tickets": "nope"})
    assert [p.split(": ")[1] for p in problems] == ["Start", "Timezone", "Tickets"]


def test_event_status_is_moved_aside_and_pelican_status_is_kept():
    event = {"status": "Postponed"}
    separate_event_status(None, event)
    assert event == {"event-status": "postponed"}
    typo = {"status": "canceled", "event-kind": "screening"}  # an event's typo: ours to report
    separate_event_status(None, typo)
    assert typo == {"event-status": "canceled", "event-kind": "screening"}
    draft = {"status": "draft", "event-kind": "screening", "timezone": "Europe/Lisbn"}
    separate_event_status(None, draft)
    assert draft == {"status": "draft", "event-kind": "screening", "event-timezone": "Europe/Lisbn"}


# --- interviews -------------------------------------------------------------------------------


def test_episode_with_chapters_and_transcript_section():
    item, problems = parse("interviews", content=CHAPTERS, **{**EPISODE, "duration": "01:10:00"})
    assert problems == []
    ep = item.episode
    assert (ep.series, ep.number, ep.series_slug) == ("Off the Call Sheet", 3, "off-the-call-sheet")
    assert [str(g) for g in ep.guests] == ["Kofi Mensah-Doyle (sound designer)", "Dara Quinn"]
    assert ep.topics == ("sound", "radio")
    assert (ep.video.provider, ep.video.id, ep.video.start) == ("youtube", "abcdefghijk", 90)
    assert [(c.seconds, c.title, c.timestamp) for c in ep.chapters] == [
        (0, "Hello", "00:00"),
        (195, "Wind", "03:15"),
        (3723, "Late", "1:02:03"),
    ]
    assert ep.video.at(195) == "https://www.youtube.com/watch?v=abcdefghijk&t=195s"
    assert "<strong>Host:</strong> Hi." in ep.transcript_html
    assert item._content == "<p>Intro</p>\n"  # both sections lifted out of the body
    assert ep.iso_duration == "PT1H10M0S"


@pytest.mark.parametrize(
    "url, provider, video_id, start",
    [
        ("https://youtu.be/Lr5tY8bNa3K?t=42", "youtube", "Lr5tY8bNa3K", 42),
        ("https://www.youtube.com/shorts/Lr5tY8bNa3K", "youtube", "Lr5tY8bNa3K", 0),
        ("https://www.youtube.com/playlist?list=PL1234567", "youtube", "PL1234567", 0),
        ("https://www.youtube.com/watch?v=Lr5tY8bNa3K&start=75", "youtube", "Lr5tY8bNa3K", 75),
        ("https://vimeo.com/912345678", "vimeo", "912345678", 0),
        ("videos/teaser.mp4", "file", "teaser", 0),
    ],
)
def test_video_urls(url, provider, video_id, start):
    from marquee.content.interviews import video

    v = video(url)
    assert (v.provider, v.id, v.start) == (provider, video_id, start)


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            {"video": "https://example.com/clip"},
            'Video: "https://example.com/clip" is not a video (expected a YouTube or Vimeo URL',
        ),
        ({"video": "videos/missing.mp4"}, 'Video: "videos/missing.mp4" is not a file under content/'),
        ({"duration": "21 minutes"}, 'Duration: "21 minutes" is not a duration (expected HH:MM:SS'),
        ({"episode": "three"}, 'Episode: "three" is not a whole number'),
        ({"series": ""}, "Series: missing (required for an episode"),
        ({"duration": "00:02:00"}, 'Chapters: "03:15" is after the end of the clip (Duration 0:02:00)'),
    ],
)
def test_episode_problems(change, expected):
    _, problems = parse(
        "interviews", slug="ep3", content=CHAPTERS.replace("<li>1:02:03 Late</li>\n", ""), **{**EPISODE, **change}
    )
    assert any(p.startswith("content/interviews/ep3.md: ") and expected in p for p in problems), problems


def test_chapters_out_of_order_or_unreadable():
    content = '<h2 id="chapters">Chapters</h2>\n<ul>\n<li>05:00 B</li>\n<li>01:00 A</li>\n<li>Later on</li>\n</ul>\n'
    _, problems = parse("interviews", slug="ep", content=content, **EPISODE)
    assert problems == [
        'content/interviews/ep.md: Chapters: "01:00 A" does not come after the chapter before it',
        'content/interviews/ep.md: Chapters: "Later on" is not a chapter (expected "MM:SS Title")',
    ]


def test_duplicate_episode_numbers_in_a_series():
    first, _ = parse("interviews", slug="a", **EPISODE)
    second, _ = parse("interviews", slug="b", **EPISODE)
    other_series, _ = parse("interviews", slug="c", **{**EPISODE, "series": "Another"})
    problems = duplicate_episodes([first, second, other_series], lambda a: f"content/interviews/{a.slug}.md")
    assert [str(p) for p in problems] == [
        'content/interviews/b.md: Episode: 3 is already used in series "Off the Call Sheet" by content/interviews/a.md'
    ]


def test_transcript_from_a_vtt_file_beside_the_post():
    from helpers import CONTENT
    from marquee.content.interviews import vtt_text

    item, problems = parse("interviews", slug="off-the-call-sheet-03-kofi-mensah-doyle", **EPISODE)
    assert problems == []
    assert item.episode.transcript_vtt.name == "off-the-call-sheet-03-kofi-mensah-doyle.vtt"
    lines = vtt_text(CONTENT / "interviews" / "off-the-call-sheet-03-kofi-mensah-doyle.vtt")
    assert lines[0].startswith("We're at the desk") and not any("-->" in line or "NOTE" in line for line in lines)


# --- press and contests -----------------------------------------------------------------------


def test_press_release():
    item, problems = parse("press", release_date="2026-05-12", contact="press@film.example")
    assert problems == [] and item.release.date == dt.date(2026, 5, 12)
    _, problems = parse("press", release_date="12 May 2026")
    assert problems == [
        'content/press/post.md: Release-Date: "12 May 2026" is not a date (expected YYYY-MM-DD)',
        "content/press/post.md: Contact: missing (required for a press release; "
        "expected who journalists should write to, with an email address)",
    ]


def test_contest_state_follows_the_build_date():
    item, problems = parse("contests", opens="2026-11-10 10:00", closes="2027-02-20 23:59", prize="Two tickets")
    assert problems == []
    c = item.contest
    assert c.state(dt.datetime(2026, 11, 1, tzinfo=DUBLIN)) == "upcoming"
    assert c.state(dt.datetime(2026, 11, 23, tzinfo=DUBLIN)) == "open"
    assert c.state(dt.datetime(2027, 2, 21, tzinfo=DUBLIN)) == "closed"
    _, problems = parse("contests", opens="2027-01-01 10:00", closes="2026-01-01 10:00", prize="x")
    assert problems == ['content/contests/post.md: Closes: "2026-01-01 10:00" is not after Opens']


# --- the build stops on errors, after listing all of them --------------------------------------


def test_report_logs_everything_then_stops(caplog):
    from marquee.content.fields import Problem

    problems = [
        Problem("a.md", "Start", "bad"),
        Problem("b.md", "Mood", "unknown", level="warning"),
        Problem("c.md", "Geo", "bad"),
    ]
    with pytest.raises(ContentError, match="2 content error"):
        report(problems)
    assert [r.getMessage() for r in caplog.records] == ["a.md: Start: bad", "b.md: Mood: unknown", "c.md: Geo: bad"]
    report([Problem("b.md", "Mood", "unknown", level="warning")])  # warnings alone do not stop the build
    with pytest.raises(ContentError, match="1 content error"):
        report([], pelican_errors=1)


def test_error_count_counts_errors_only():
    import logging

    counter = ErrorCount()
    logger = logging.getLogger("pelican.test")
    logger.addHandler(counter)
    try:
        logger.warning("just a warning")
        logger.error("Could not process x.md")
    finally:
        logger.removeHandler(counter)
    assert counter.count == 1
