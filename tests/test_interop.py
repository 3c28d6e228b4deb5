"""What calendars and feed readers read from the site, checked by the consumers themselves: the
strict `ical` package and icalendar for calendars, feedparser for feeds (issue 15, findings 5 and 6)."""

from __future__ import annotations

import json

import feedparser
import pytest
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar
from PIL import Image

from helpers import build_film, write_film
from tiny_images import jpeg

pytestmark = pytest.mark.slow


def event(title: str, start: str, status: str = "", modified: str = "", date: str = "2026-09-01 10:00") -> str:
    return (f"Title: {title}\nDate: {date}\n{'Modified: ' + modified + chr(10) if modified else ''}Event-Kind: screening\n"
            f"Start: {start}\nTimezone: Europe/Dublin\nVenue: The Town Hall\n{'Status: ' + status + chr(10) if status else ''}\n"
            "A screening.\n")  # fmt: skip


@pytest.fixture(scope="module")
def films(tmp_path_factory):
    """The same film built twice: as first published, and after one event was edited."""
    built = {}
    for name, modified in (("first", ""), ("edited", "2026-10-01 12:00")):
        root = tmp_path_factory.mktemp(name)
        write_film(root, {
            "images/poster.jpg": jpeg(600, 900),
            "events/premiere.md": event("Premiere", "2026-12-10 19:30", modified=modified),
            "events/postponed.md": event("Island screening", "2026-12-20 20:00", status="postponed"),
            "events/past.md": event("Festival", "2026-10-05 18:00", date="2026-08-01 10:00"),
            "diary/a.md": "Title: Day one\nDate: 2026-05-01 10:00\nPhase: production\n\nWe began.\n",
        })  # fmt: skip
        built[name] = build_film(root, MARQUEE_FILM={"title": "Interop Film", "poster": "images/poster.jpg", "poster_alt": "Poster"},
                                 AUTHOR="Harbour Films")  # fmt: skip
    return built


def ics_files(out):
    return sorted(out.rglob("*.ics"))


def test_every_calendar_file_passes_the_strict_parser(films):
    for path in ics_files(films["first"]):
        calendar = IcsCalendarStream.calendar_from_ics(path.read_text())
        assert calendar.events, path


def test_method_publish_and_single_event_files_are_not_subscriptions(films):
    out = films["first"]
    feed = Calendar.from_ical((out / "events" / "calendar.ics").read_bytes())
    assert feed["METHOD"] == "PUBLISH" and "X-WR-CALNAME" in feed and "REFRESH-INTERVAL" in feed
    one = Calendar.from_ical((out / "events" / "premiere" / "premiere.ics").read_bytes())
    assert one["METHOD"] == "PUBLISH"
    assert not {"NAME", "X-WR-CALNAME", "REFRESH-INTERVAL"} & set(one.keys())
    assert len(one.walk("VEVENT")) == 1


def test_sequence_rises_when_an_event_is_edited(films):
    def sequence(out):
        (vevent,) = Calendar.from_ical((out / "events" / "premiere" / "premiere.ics").read_bytes()).walk("VEVENT")
        return int(vevent["SEQUENCE"])

    assert sequence(films["first"]) == 0 < sequence(films["edited"])


def test_a_postponed_event_is_cancelled_with_a_note(films):
    (vevent,) = Calendar.from_ical((films["first"] / "events" / "postponed" / "postponed.ics").read_bytes()).walk("VEVENT")
    assert vevent["STATUS"] == "CANCELLED"
    assert str(vevent["DESCRIPTION"]).startswith("Postponed: a new date will be announced.")


def test_every_event_page_links_its_own_calendar_file(films):
    out = films["first"]
    for slug in ("premiere", "postponed", "past"):
        page = (out / "events" / slug / "index.html").read_text()
        assert f'href="/events/{slug}/{slug}.ics"' in page, slug


def test_feed_icons_images_and_authors(films):
    out = films["first"]
    rss = feedparser.parse((out / "feeds" / "all.rss.xml").read_bytes())
    assert int(rss.feed.image.width) <= 144 and rss.feed.image.href.endswith("icon-144.jpg")
    assert all(entry.author == "Harbour Films" for entry in rss.entries)
    atom = feedparser.parse((out / "feeds" / "all.atom.xml").read_bytes())
    assert atom.feed.icon.endswith("icon-512.jpg") and all(entry.author == "Harbour Films" for entry in atom.entries)
    document = json.loads((out / "feeds" / "all.json").read_text())
    assert document["icon"].endswith("icon-512.jpg") and document["favicon"].endswith("icon-64.jpg")
    for side in (512, 144, 64):
        with Image.open(out / "images" / "share" / f"icon-{side}.jpg") as img:
            assert img.size == (side, side)
