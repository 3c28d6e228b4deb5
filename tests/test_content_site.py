"""Content types in a real build of the example site: pages, calendar, structured data, press kit."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import FILM, ROOT
from icalendar import Calendar
from PIL import Image

pytestmark = pytest.mark.slow


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def json_ld(html: str) -> list[dict]:
    """The page's structured data, without the WebPage node every page has for its language."""
    found = [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    return [d for d in found if d.get("@type") != "WebPage"]


def meta(html: str, prop: str) -> str:
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', html)
    return match[1] if match else ""


# --- pages ------------------------------------------------------------------------------------


def test_diary_timeline_groups_by_phase_newest_first(site):
    # Issue 18: newest first, by date within a phase (was: production order, by shoot day).
    html = read(site, "diary/index.html")
    phases = re.findall(r'<h2 id="phase-([\w-]+)">', html)
    assert phases == ["post-production", "production", "pre-production"]
    production = html.split('id="phase-production"')[1].split("</section>")[0]
    days = [int(d) for d in re.findall(r'timeline__when">Day (\d+)<', production)]
    assert days == sorted(days, reverse=True) == [23, 18, 12, 9, 4, 1]
    assert production.count('class="timeline__thumb u-photo"') >= 1  # entries with a photo show it


def test_locations_page_lists_entries_and_openstreetmap_links(site):
    html = read(site, "diary/locations/index.html")
    names = re.findall(r'<h2 id="place-\d+">(.*?)</h2>', html)
    assert names == [
        "Ballyroan ferry terminal",
        "Clonmore Studios, Galway",
        "Inishcarrow harbour",
        "Knockbrack relay mast, Inishcarrow",
    ]
    harbour = html.split("Inishcarrow harbour</h2>")[1].split("</section>")[0]
    assert (
        "https://www.openstreetmap.org/?mlat=53.9821&amp;mlon=-10.1134" in harbour
        or "mlat=53.9821&mlon=-10.1134" in harbour
    )
    assert harbour.count("<li>") == 5
    assert "<iframe" not in html  # a link, not an embedded map


def test_series_index_and_episode_page(site):
    index = read(site, "interviews/off-the-call-sheet/index.html")
    assert re.findall(r"Episode (\d+):", index) == ["1", "2", "3", "4", "5"]
    html = read(site, "interviews/off-the-call-sheet-04-siobhan-tully/index.html")
    assert "Siobhán Tully" in html and "production design, props, sets" in html
    # Chapters seek the clip (the URL's own ?t=42 is replaced by each chapter's start).
    assert 'href="https://www.youtube.com/watch?v=Lr5tY8bNa3K&amp;t=42s"' in html
    assert 'href="https://www.youtube.com/watch?v=Lr5tY8bNa3K&amp;t=820s"' in html  # 13:40
    assert "Read the transcript" in html
    nav = html.split('class="post-nav"')[1].split("</nav>")[0]
    assert 'rel="prev" href="/interviews/off-the-call-sheet-03-kofi-mensah-doyle/"' in nav
    assert 'rel="next" href="/interviews/off-the-call-sheet-05-island-sounds/"' in nav


def test_episode_with_a_vtt_transcript_links_the_file(site):
    html = read(site, "interviews/off-the-call-sheet-03-kofi-mensah-doyle/index.html")
    assert 'href="/interviews/off-the-call-sheet-03-kofi-mensah-doyle/transcript.vtt"' in html
    vtt = read(site, "interviews/off-the-call-sheet-03-kofi-mensah-doyle/transcript.vtt")
    assert vtt.startswith("WEBVTT")


def test_events_section_splits_upcoming_and_past_at_the_build_date(site):
    html = read(site, "events/index.html")
    upcoming = html.split('id="upcoming"')[1].split("</section>")[0]
    past = html.split('id="past"')[1].split("</section>")[0]
    # Build date 2026-11-23: watch party (28 Nov), Belfast (5 Dec), Dublin (12 Mar) are ahead.
    assert re.findall(r'<a class="u-url p-name" href="/events/([\w-]+)/">', upcoming) == [
        "online-watch-party",
        "belfast-community-screening",
        "dublin-screening-and-q-and-a",
    ]
    assert re.findall(r'<a class="u-url p-name" href="/events/([\w-]+)/">', past) == ["world-premiere-western-shore"]
    assert "Cancelled" in upcoming and "Postponed" in upcoming


def test_event_page_shows_time_in_its_zone_tickets_and_calendar_links(site):
    html = read(site, "events/dublin-screening-and-q-and-a/index.html")
    assert '<time class="dt-start" datetime="2027-03-12T20:00:00+00:00">Friday 12 March 2027, 20:00</time>' in html
    assert "Book tickets" in html and "https://lighthousepicturehouse.example/films/salt-and-static" in html
    assert 'href="/events/dublin-screening-and-q-and-a/dublin-screening-and-q-and-a.ics"' in html
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in html
    belfast = read(site, "events/belfast-community-screening/index.html")
    assert '<time datetime="2026-12-05T19:00:00+00:00">' in belfast  # Europe/London
    assert 'class="status-banner status--postponed"' in belfast
    assert "Book tickets" not in belfast and "Google Calendar" not in belfast


def test_press_room_and_press_kit_zip(site):
    html = read(site, "press/index.html")
    assert re.findall(r'<time datetime="([\d-]+)">', html)[:3] == ["2026-10-14", "2026-08-01", "2026-05-12"]
    assert 'href="/press/press-kit.zip"' in html and 'href="/press-kit/"' in html
    with zipfile.ZipFile(site / "press/press-kit.zip") as archive:
        names = archive.namelist()
        synopsis = archive.read("synopsis.txt").decode()
    assert names == ["poster.jpg", "stills/brid-on-the-pier.jpg", "stills/mast-in-the-storm.jpg", "synopsis.txt"]
    for heading in ("SHORT SYNOPSIS", "LONG SYNOPSIS", "DIRECTOR'S STATEMENT", "TECHNICAL SPECIFICATIONS"):
        assert heading in synopsis
    assert "Runtime: 97 minutes" in synopsis and "<" not in synopsis


def test_contest_page_says_when_it_closes(site):
    html = read(site, "contests/win-tickets-dublin-screening/index.html")
    assert "Open for entries" in html
    assert '<time datetime="2027-02-20T23:59:00+00:00">20 February 2027 at 23:59</time>' in html


def test_home_page_shows_next_event_and_open_contest(site):
    html = read(site, "index.html")
    next_event = html.split('id="next-event"')[1].split("</section>")[0]
    assert "Belfast" not in next_event and "watch party" not in next_event  # postponed, cancelled
    assert "Dublin screening" in next_event
    contest = html.split('id="open-contest"')[1].split("</section>")[0]
    assert "Win a pair of tickets" in contest


# --- calendar ---------------------------------------------------------------------------------


def test_subscription_calendar_parses_back(site):
    raw = (site / "events/calendar.ics").read_bytes()
    cal = Calendar.from_ical(raw)
    events = cal.walk("VEVENT")
    assert len(events) == 4
    tzids = {str(e["DTSTART"].params["TZID"]) for e in events}
    assert tzids == {"Europe/Dublin", "Europe/London"}
    assert {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")} == tzids  # a VTIMEZONE for every TZID
    by_summary = {str(e["SUMMARY"]): e for e in events}
    cancelled = by_summary["CANCELLED: Online watch party with the cast"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(by_summary["Dublin screening and Q&A"]["STATUS"]) == "CONFIRMED"
    for event in events:
        uid = str(event["UID"])
        assert re.fullmatch(r"[0-9a-f-]{36}", uid) and "example" not in uid and "@" not in uid
    premiere = by_summary["World premiere at the Western Shore Film Festival"]
    assert premiere["DTSTAMP"].dt.isoformat() == "2026-08-01T09:00:00+00:00"  # the post's Date, in UTC
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H" in raw


def test_per_event_ics_has_the_same_uid_as_the_feed(site):
    feed = {
        str(e["URL"]): str(e["UID"])
        for e in Calendar.from_ical((site / "events/calendar.ics").read_bytes()).walk("VEVENT")
    }
    one = Calendar.from_ical((site / "events/belfast-community-screening/belfast-community-screening.ics").read_bytes())
    (event,) = one.walk("VEVENT")
    assert feed[str(event["URL"])] == str(event["UID"])
    assert str(event["STATUS"]) == "CANCELLED"  # postponed, no new date yet: calendars drop it, with a note
    assert str(event["DESCRIPTION"]).startswith("Postponed: a new date will be announced.")


def test_every_page_links_the_calendar_feed(site):
    for path in site.rglob("*.html"):
        assert 'type="text/calendar"' in path.read_text(encoding="utf-8"), path


# --- structured data and link previews --------------------------------------------------------


def test_event_json_ld_has_googles_required_and_recommended_properties(site):
    (data,) = json_ld(read(site, "events/dublin-screening-and-q-and-a/index.html"))
    assert data["@type"] == "ScreeningEvent"
    for key in ("name", "startDate", "endDate", "location", "eventStatus", "offers", "image", "description"):
        assert data[key], key
    assert data["startDate"] == "2027-03-12T20:00:00+00:00"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "4 Market Lane, Smithfield",
        "addressLocality": "Dublin 7",
        "postalCode": "D07 K1X2",
        "addressCountry": "Ireland",
    }
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["offers"]["url"] == "https://lighthousepicturehouse.example/films/salt-and-static"
    assert (data["offers"]["price"], data["offers"]["priceCurrency"]) == ("12", "EUR")
    (cancelled,) = json_ld(read(site, "events/online-watch-party/index.html"))
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert cancelled["location"]["@type"] == "VirtualLocation"


def test_video_news_blog_and_movie_json_ld(site):
    (video,) = json_ld(read(site, "interviews/off-the-call-sheet-01-maeve-lacey/index.html"))
    assert video["@type"] == "VideoObject"
    for key in ("name", "description", "thumbnailUrl", "uploadDate", "duration", "embedUrl"):
        assert video[key], key
    assert video["duration"] == "PT0H14M32S"
    assert video["embedUrl"] == "https://www.youtube-nocookie.com/embed/q8VtR2sLk4w"
    (news,) = json_ld(read(site, "press/premiere-announced/index.html"))
    assert news["@type"] == "NewsArticle" and news["headline"] and news["datePublished"]
    (blog,) = json_ld(read(site, "diary/day-12-night-shoot-at-the-harbour/index.html"))
    assert blog["@type"] == "BlogPosting" and blog["contentLocation"]["geo"]["latitude"] == 53.9821
    for path in ("index.html", "about/index.html"):
        (movie,) = json_ld(read(site, path))
        assert movie["@type"] == "Movie" and movie["director"]["name"] == "Nuala Brennan"
        assert movie["duration"] == "PT97M" and len(movie["actor"]) == 4


def test_every_page_has_open_graph_tags_and_a_1200x630_share_image(site):
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for prop in ("og:title", "og:description", "og:url", "og:image", "og:type", "twitter:card"):
            assert meta(html, prop), f"{path.relative_to(site)} lacks {prop}"
        url = meta(html, "og:image")
        assert url.startswith("http://127.0.0.1:8000/"), f"{path.relative_to(site)}: og:image must be absolute"
        image = site / urlsplit(url).path.lstrip("/")
        with Image.open(image) as img:
            assert img.size == (1200, 630), image


def test_sitemap_lists_posts_and_pages(site):
    sitemap = read(site, "sitemap.xml")
    assert "/diary/day-12-night-shoot-at-the-harbour/" in sitemap and "/press-kit/" in sitemap
    assert "404.html" not in sitemap


# --- a broken site does not build -------------------------------------------------------------


def test_a_build_with_errors_lists_all_of_them_and_exits_non_zero(tmp_path):
    shutil.copytree(FILM / "content", tmp_path / "content")
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    shutil.copy(FILM / "pelicanconf.py", tmp_path)
    events = tmp_path / "content" / "events"
    text = (events / "dublin-screening-and-q-and-a.md").read_text(encoding="utf-8")
    (events / "lisbon-premiere.md").write_text(
        text.replace("Start: 2027-03-12 20:00", "Start: 2026-13-02 19:30").replace(
            "Timezone: Europe/Dublin", "Timezone: Europe/Lisbn"
        ),
        encoding="utf-8",
    )
    diary = tmp_path / "content" / "diary" / "day-12-night-shoot-at-the-harbour.md"
    diary.write_text(
        diary.read_text(encoding="utf-8").replace("Phase: production", "Phase: shooting"), encoding="utf-8"
    )
    pelican = str(Path(sys.executable).with_name("pelican"))
    result = subprocess.run(
        [pelican, "content", "-s", "pelicanconf.py", "-o", "output"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"COLUMNS": "400", "PATH": "/usr/bin:/bin"},
    )
    output = re.sub(r"\s+", " ", result.stdout + result.stderr)
    assert result.returncode != 0
    assert (
        'content/events/lisbon-premiere.md: Start: "2026-13-02 19:30" is not a date-time (expected YYYY-MM-DD HH:MM)'
        in output
    )
    assert 'content/events/lisbon-premiere.md: Timezone: "Europe/Lisbn" is not a time zone' in output
    assert 'content/diary/day-12-night-shoot-at-the-harbour.md: Phase: "shooting" is not a production phase' in output
    assert "3 content error(s)" in output
    assert not list((tmp_path / "output").rglob("*.html"))  # nothing half-built
