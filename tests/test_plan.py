"""`invoke plan`, the editorial calendar, on a fixture film as if on 2026-11-23: scheduled posts
and where they go, an overdue series and a scheduled one, a gap while shooting, events whose post
is late or went nowhere; the team's ICS (read by the strict `ical` package) and the local page."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from helpers import FILM_SETTINGS, write_film

DIARY = "Title: {title}\nDate: {date}\nPhase: {phase}\n\n{title}.\n"
EPISODE = "Title: {title}\nDate: {date}\nSeries: {series}\nEpisode: {n}\nGuests: Ana Ruiz (director)\nVideo: https://www.youtube.com/watch?v=aaaaaaaaaaa\n\nTalk.\n"
EVENT = "Title: {title}\nDate: {date}\nEvent-Kind: screening\nStart: {start}\nTimezone: Europe/Dublin\nVenue: The Lighthouse\n\nCome.\n"
PREFIX = "tag:fixture.example,2026:"


@pytest.fixture(scope="module")
def film(tmp_path_factory):
    root = tmp_path_factory.mktemp("plan-film")
    write_film(
        root,
        {
            "diary/d1.md": DIARY.format(title="Day 1", date="2026-10-01 18:00", phase="production"),
            "diary/d2.md": DIARY.format(title="Day 2", date="2026-10-03 18:00", phase="production"),
            "diary/d3.md": DIARY.format(
                title="Day 15", date="2026-10-20 18:00", phase="production"
            ),  # 17 days after Day 2
            "diary/d4.md": DIARY.format(title="Day 16", date="2026-10-22 18:00", phase="production"),
            "diary/later.md": DIARY.format(title="Day 30", date="2026-12-05 10:00", phase="production"),  # scheduled
            "diary/quiet.md": DIARY.format(title="Quiet one", date="2026-12-06 10:00", phase="production").replace(
                "Phase:", "Syndicate: no\nPhase:"
            ),
            "diary/wip.md": DIARY.format(title="Half written", date="2026-12-07 10:00", phase="production").replace(
                "Phase:", "Status: draft\nPhase:"
            ),
            "interviews/os1.md": EPISODE.format(title="Off Set 1", date="2026-09-01 10:00", series="Off Set", n=1),
            "interviews/os2.md": EPISODE.format(
                title="Off Set 2", date="2026-10-01 10:00", series="Off Set", n=2
            ),  # #3 was due 2026-10-31
            "interviews/nt1.md": EPISODE.format(
                title="Night Talk 1", date="2026-11-01 10:00", series="Night Talk", n=1
            ),
            "interviews/nt2.md": EPISODE.format(
                title="Night Talk 2", date="2026-12-01 10:00", series="Night Talk", n=2
            ),
            "events/premiere.md": EVENT.format(
                title="Dublin premiere", date="2026-11-25 09:00", start="2026-12-02 19:00"
            ),
            "events/cork.md": EVENT.format(title="Cork screening", date="2026-11-10 09:00", start="2027-01-10 19:00"),
            "events/galway.md": EVENT.format(
                title="Galway screening", date="2026-11-05 09:00", start="2027-01-20 19:00"
            ),
        },
    )
    ledger = root / "ledger.json"
    entry = {
        "post": f"{PREFIX}events/galway",
        "channel": "mastodon",
        "account": "film@example.social",
        "state": "posted",
        "key": "k",
        "url": "https://example.social/@film/1",
        "updated": "2026-11-05T09:05:00+00:00",
    }
    ledger.write_text(json.dumps({"version": 1, "created": "2026-11-01T00:00:00+00:00", "entries": [entry]}))
    conf = root / "conf.py"
    conf.write_text(
        f"{FILM_SETTINGS}PATH = {str(root / 'content')!r}\n"
        f"CACHE_PATH = {str(root / 'cache')!r}\nMARQUEE_WALLS = []\nMARQUEE_BUILD_DATE = '2026-11-23'\nTIMEZONE = 'Europe/Dublin'\n"
        f"MARQUEE_ID_PREFIX = {PREFIX!r}\nMARQUEE_FILM = {{'title': 'Plan Film'}}\n"
        f"MARQUEE_SYNDICATION = {{'ledger': {str(ledger)!r}, 'since': '2026-09-01',\n"
        "    'mastodon': {'instance': 'https://example.social', 'account': 'film'}, 'bluesky': {'handle': 'film.bsky.social'}}\n"
        f"MARQUEE_BACKFEED = {{'data': {str(root / 'b.json')!r}}}\n"
    )
    return conf


def test_the_plan_says_what_goes_out_when_what_is_due_and_what_is_missing(film):
    from marquee import plan

    found = plan.rows(plan.from_build(film))
    assert found["scheduled"] == [
        ("2026-11-25 09:00", "Dublin premiere", "events", "Mastodon, Bluesky"),
        ("2026-12-01 10:00", "Night Talk 2", "interviews", "Mastodon, Bluesky"),
        ("2026-12-05 10:00", "Day 30", "diary", "Mastodon, Bluesky"),
        ("2026-12-06 10:00", "Quiet one", "diary", "the site only"),  # Syndicate: no; the draft is not there
    ]
    assert found["series"] == [
        ("Night Talk", "every 30 days (learned)", "#1 2026-11-01", "#2 scheduled 2026-12-01"),
        (
            "Off Set",
            "every 30 days (learned)",
            "#2 2026-10-01",
            "OVERDUE by 23 days: nothing scheduled (due 2026-10-31)",
        ),
    ]
    assert ("2026-10-03", "2026-10-20", "17 days") in found["gaps"]
    assert all(int(days.split()[0]) > 10 for _, _, days in found["gaps"])
    assert found["events"] == [
        ("2026-12-02 19:00", "Dublin premiere", "its post goes out 2026-11-25, 7 days before it"),
        (
            "2027-01-10 19:00",
            "Cork screening",
            "its post is on the site but has gone out to no network (the ledger has no copy)",
        ),
    ]  # Galway went out to Mastodon: announced


def test_a_series_cadence_can_be_set_and_bad_plan_settings_are_named():
    import datetime as dt

    from marquee import plan
    from marquee.settings.plan import read

    zone = dt.UTC
    items = [
        plan.Item(
            f"e{n}",
            f"E{n}",
            "interviews",
            dt.datetime(2026, 11, n, tzinfo=zone),
            False,
            series="Weekly Show",
            episode=n,
        )
        for n in (1, 2)
    ]
    state = plan.make(
        items, {}, {}, None, dt.datetime(2026, 11, 20, tzinfo=zone), read({"series": {"Weekly Show": "weekly"}})
    ).series[0]
    assert (state.cadence_days, state.learned, str(state.due), state.overdue_days) == (7, False, "2026-11-09", 11)
    for raw, words in [
        ({"series": {"X": "daily"}}, '"daily" is not a cadence'),
        ({"gap_days": 0}, 'gap_days "0"'),
        ({"gaps": 3}, "unknown key(s) gaps"),
    ]:
        with pytest.raises(ValueError, match=re.escape(words)):
            read(raw)


def test_invoke_plan_prints_the_table_and_writes_the_teams_calendar_and_page(film, tmp_path):
    from ical.calendar_stream import IcsCalendarStream

    ics, page = tmp_path / "team.ics", tmp_path / "plan.html"
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("invoke")),
            "plan",
            "--settings",
            str(film),
            "--ics",
            str(ics),
            "--html",
            str(page),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "OVERDUE by 23 days" in done.stdout and "Dublin premiere" in done.stdout and "17 days" in done.stdout
    calendar = IcsCalendarStream.calendar_from_ics(ics.read_text(encoding="utf-8"))  # the strict parser
    summaries = sorted(event.summary for event in calendar.events)
    assert "Goes out: Day 30" in summaries and "Off Set: next episode due (overdue by 23 days)" in summaries
    assert "Announce: Dublin premiere" in summaries and "Goes out: Half written" not in summaries
    first = ics.read_bytes()
    subprocess.run(
        [str(Path(sys.executable).with_name("invoke")), "plan", "--settings", str(film), "--ics", str(ics)],
        cwd=ROOT,
        capture_output=True,
        check=True,
        timeout=300,
    )
    assert ics.read_bytes() == first  # stable UIDs and stamps: a subscribed calendar updates in place
    html = page.read_text(encoding="utf-8")
    assert (
        "<h2>Series</h2>" in html
        and "OVERDUE by 23 days" in html
        and "<script" not in html
        and "http" not in html.split("<h1>")[1]
    )
