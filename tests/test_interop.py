"""What calendars and feed readers read from the site, checked by the consumers themselves: the
strict `ical` package and icalendar for calendars, feedparser for feeds (issue 15, findings 5 and 6)."""

from __future__ import annotations

import json
from pathlib import Path

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


def test_sitemap_dates_come_from_content_and_addresses_are_absolute(films):
    import xml.etree.ElementTree as ET

    out = films["first"]
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {u.find("s:loc", ns).text: u.find("s:lastmod", ns).text for u in ET.parse(out / "sitemap.xml").getroot()}
    assert urls and all(loc.startswith("http://127.0.0.1:8000/") for loc in urls)
    assert urls["http://127.0.0.1:8000/events/"].startswith("2026-09-01T10:00:00")  # its newest item
    assert urls["http://127.0.0.1:8000/diary/"].startswith("2026-05-01T10:00:00")
    newest = max(urls.values())
    assert newest.startswith("2026-09-01")  # nothing dated by the clock of the build
    assert (out / "robots.txt").read_text() == "User-agent: *\nAllow: /\n\nSitemap: http://127.0.0.1:8000/sitemap.xml\n"


def test_two_production_builds_are_byte_identical_without_a_pinned_date(tmp_path):
    write_film(tmp_path, {"diary/a.md": "Title: Day one\nDate: 2026-05-01 10:00\nPhase: production\n\nWe began.\n",
                          "pages/about.md": "Title: About\n\nAbout the film.\n"})  # fmt: skip
    production = {"MARQUEE_BUILD_DATE": None, "SITEURL": "https://film.example", "FEED_DOMAIN": "https://film.example"}
    out = build_film(tmp_path, **production)
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    out = build_film(tmp_path, **production)
    second = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert first.keys() == second.keys() and Path("sitemap.xml") in first
    assert [k for k in first if first[k] != second[k]] == []


def json_ld(page) -> dict:
    import re

    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(), re.S)
    return json.loads(block)


def test_structured_data_for_events_episodes_contests_and_articles(tmp_path):
    write_film(tmp_path, {
        "events/qa.md": ("Title: Screening and Q&A\nDate: 2026-09-01 10:00\nEvent-Kind: q-and-a\nStart: 2026-12-10 19:30\n"
                         "Timezone: Europe/Dublin\nVenue: The Lighthouse\nAddress: 4 Market Lane, Smithfield, Dublin 7, D07 K1X2, Ireland\n"
                         "Price: Free\nTickets: https://tickets.example/qa\nGuests: Maeve Lacey (Bríd), Nuala Brennan (director)\n\nx\n"),
        "interviews/ep.md": ("Title: Episode one\nDate: 2026-06-01 10:00\nSeries: Talks\nEpisode: 1\nGuests: Ines Vidal (DoP)\n"
                             "Video: https://www.youtube.com/watch?v=abcdefghijk\nDuration: 00:10:00\n\nHello.\n\n## Chapters\n\n"
                             "- 00:00 Start\n- 02:30 Light\n\n## Transcript\n\nWe talked about light.\n"),
        "contests/win.md": "Title: Win tickets\nDate: 2026-06-02 10:00\nOpens: 2026-06-02 10:00\nCloses: 2027-01-01 10:00\nPrize: Two tickets\n\nEnter.\n",
        "press/news.md": "Title: News\nDate: 2026-06-03 10:00\nRelease-Date: 2026-06-03\nContact: press@film.example\n\nNews.\n",
    })  # fmt: skip
    out = build_film(tmp_path, AUTHOR="Harbour Films", MARQUEE_FILM={"title": "Interop Film", "release_year": 2027})
    event = json_ld(out / "events" / "qa" / "index.html")
    assert event["offers"]["price"] == "0" and event["offers"]["priceCurrency"] == "EUR"
    assert event["location"]["address"]["@type"] == "PostalAddress" and event["location"]["address"]["postalCode"] == "D07 K1X2"
    assert [p["name"] for p in event["performer"]] == ["Maeve Lacey", "Nuala Brennan"]
    assert event["organizer"]["name"] == "Harbour Films"
    video = json_ld(out / "interviews" / "ep" / "index.html")
    assert [(c["name"], c["startOffset"], c.get("endOffset")) for c in video["hasPart"]] == [("Start", 0, 150), ("Light", 150, 600)]
    assert all(c["@type"] == "Clip" and "t=" in c["url"] for c in video["hasPart"])
    assert video["transcript"] == "We talked about light."
    contest = json_ld(out / "contests" / "win" / "index.html")
    assert contest["@type"] == "BlogPosting" and contest["headline"] == "Win tickets"
    news = json_ld(out / "press" / "news" / "index.html")
    assert news["author"]["name"] == news["publisher"]["name"] == "Harbour Films"
    movie = json_ld(out / "index.html")
    assert movie["datePublished"] == "2027" and "dateCreated" not in movie


def test_microformats_as_indieweb_tools_read_them(site):
    """mf2py over the example film: h-entry with its properties, replies as u-comment h-cite,
    h-event, h-feed, and the film's h-card with rel=me."""
    import mf2py

    def parse(path):
        return mf2py.parse(doc=(site / path).read_text(), url="http://127.0.0.1:8000/")

    entry = next(i for i in parse("diary/picture-lock/index.html")["items"] if "h-entry" in i["type"])
    props = entry["properties"]
    for name in ("url", "uid", "published", "author", "summary", "content", "category", "syndication", "comment", "like", "repost"):
        assert props.get(name), name
    assert all(like["type"] == ["h-cite"] and like["properties"]["author"][0]["type"] == ["h-card"] for like in props["like"])
    assert props["author"][0]["type"] == ["h-card"]
    reply = props["comment"][0]
    assert reply["type"] == ["h-cite"] and reply["properties"]["author"][0]["properties"]["photo"]
    assert reply["properties"]["in-reply-to"] and reply["properties"]["comment"][0]["properties"]["in-reply-to"]
    event = next(i for i in parse("events/dublin-screening-and-q-and-a/index.html")["items"] if "h-event" in i["type"])
    assert {"name", "start", "location", "url", "summary"} <= set(event["properties"])
    assert event["properties"]["location"][0]["properties"]["adr"]
    feed = parse("diary/index.html")["items"][0]
    assert feed["type"] == ["h-feed"] and all(child["type"] == ["h-entry"] for child in feed["children"]) and feed["children"]
    home = parse("index.html")
    card = next(i for i in home["items"] if "h-card" in i["type"])
    assert card["properties"]["name"] == ["Salt and Static"] and home["rels"]["me"]


def test_counts_and_shown_replies_agree_or_say_why(site):
    page = (site / "diary" / "picture-lock" / "index.html").read_text()
    import re

    for counts in re.findall(r'<p class="conversation__counts">(.*?)</p>', page, re.S):
        stated = int(counts.split()[0])
        shown = re.search(r"\((\d+) shown here", counts)
        assert shown is None or int(shown[1]) < stated
