"""What calendars and feed readers read from the site, checked by the consumers themselves: the
strict `ical` package and icalendar for calendars, feedparser for feeds (issue 15, findings 5 and 6)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import feedparser
import pytest
from conftest import FILM
from helpers import build_film, fixture_settings, write_film
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar
from marquee.content.validate import ContentError
from PIL import Image
from tiny_images import jpeg

pytestmark = pytest.mark.slow


def event(title: str, start: str, status: str = "", modified: str = "", date: str = "2026-09-01 10:00") -> str:
    return (
        f"Title: {title}\nDate: {date}\n{'Modified: ' + modified + chr(10) if modified else ''}Event-Kind: screening\n"
        f"Start: {start}\nTimezone: Europe/Dublin\nVenue: The Town Hall\n{'Status: ' + status + chr(10) if status else ''}\n"
        "A screening.\n"
    )


@pytest.fixture(scope="module")
def films(tmp_path_factory):
    """The same film built twice: as first published, and after one event was edited."""
    built = {}
    for name, modified in (("first", ""), ("edited", "2026-10-01 12:00")):
        root = tmp_path_factory.mktemp(name)
        write_film(
            root,
            {
                "images/poster.jpg": jpeg(600, 900),
                "events/premiere.md": event("Premiere", "2026-12-10 19:30", modified=modified),
                "events/postponed.md": event("Island screening", "2026-12-20 20:00", status="postponed"),
                "events/past.md": event("Festival", "2026-10-05 18:00", date="2026-08-01 10:00"),
                "diary/a.md": "Title: Day one\nDate: 2026-05-01 10:00\nPhase: production\n\nWe began.\n",
            },
        )
        built[name] = build_film(
            root,
            MARQUEE_FILM={"title": "Interop Film", "poster": "images/poster.jpg", "poster_alt": "Poster"},
            AUTHOR="Harbour Films",
        )
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
    (vevent,) = Calendar.from_ical((films["first"] / "events" / "postponed" / "postponed.ics").read_bytes()).walk(
        "VEVENT"
    )
    assert vevent["STATUS"] == "CANCELLED"
    assert str(vevent["DESCRIPTION"]).startswith("Postponed: a new date will be announced.")


def test_a_rescheduled_event_moves_to_its_new_date_in_the_same_calendar_entry(tmp_path):
    def vevent(name, start, status="", modified=""):
        write_film(tmp_path / name, {"events/gala.md": event("Gala", start, status=status, modified=modified)})
        out = build_film(tmp_path / name)
        (found,) = Calendar.from_ical((out / "events" / "gala" / "gala.ics").read_bytes()).walk("VEVENT")
        return found

    before = vevent("before", "2026-12-10 19:30")
    after = vevent("after", "2027-01-15 19:30", status="rescheduled", modified="2026-10-01 12:00")
    assert after["UID"] == before["UID"] and after["STATUS"] == "CONFIRMED"
    assert after.decoded("DTSTART").date().isoformat() == "2027-01-15"
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert str(after["DESCRIPTION"]).startswith("Rescheduled: this is the new date.")


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
    write_film(
        tmp_path,
        {
            "diary/a.md": "Title: Day one\nDate: 2026-05-01 10:00\nPhase: production\n\nWe began.\n",
            "pages/about.md": "Title: About\n\nAbout the film.\n",
        },
    )
    production = {"MARQUEE_BUILD_DATE": None, "SITEURL": "https://film.example", "FEED_DOMAIN": "https://film.example"}
    out = build_film(tmp_path, **production)
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    out = build_film(tmp_path, **production)
    second = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert first.keys() == second.keys() and Path("sitemap.xml") in first
    assert [k for k in first if first[k] != second[k]] == []


def json_ld(page) -> dict:
    import re

    found = [
        json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(), re.S)
    ]
    (block,) = [b for b in found if b.get("@type") != "WebPage"]  # every page also says its language as a WebPage
    return block


STRUCTURED_FILM = {
    "events/qa.md": (
        "Title: Screening and Q&A\nDate: 2026-09-01 10:00\nEvent-Kind: q-and-a\nStart: 2026-12-10 19:30\nEnd: 2026-12-10 21:45\n"
        "Timezone: Europe/Dublin\nVenue: The Lighthouse\nAddress: 4 Market Lane, Smithfield, Dublin 7, D07 K1X2, Ireland\n"
        "Price: Free\nTickets: https://tickets.example/qa\nGuests: Maeve Lacey (Bríd), Nuala Brennan (director)\n\nx\n"
    ),
    "interviews/ep.md": (
        "Title: Episode one\nDate: 2026-06-01 10:00\nSeries: Talks\nEpisode: 1\nGuests: Ines Vidal (DoP)\n"
        "Video: https://www.youtube.com/watch?v=abcdefghijk\nDuration: 00:10:00\n\nHello.\n\n## Chapters\n\n"
        "- 00:00 Start\n- 02:30 Light\n\n## Transcript\n\nWe talked about light.\n"
    ),
    "events/premiere.md": (
        "Title: Premiere\nDate: 2026-09-02 10:00\nEvent-Kind: premiere\nStart: 2027-01-20 19:00\nEnd: 2027-01-20 22:00\n"
        "Timezone: Europe/Dublin\nVenue: The Savoy\nAddress: 17 O'Connell Street, Dublin 1, D01 T2X2, Ireland\n"
        "Price: 12\nTickets: https://tickets.example/premiere\nGuests: Nuala Brennan (director)\n\nThe premiere.\n"
    ),
    "contests/win.md": "Title: Win tickets\nDate: 2026-06-02 10:00\nOpens: 2026-06-02 10:00\nCloses: 2027-01-01 10:00\nPrize: Two tickets\n\nEnter.\n",
    "press/news.md": "Title: News\nDate: 2026-06-03 10:00\nRelease-Date: 2026-06-03\nContact: press@film.example\n\nNews.\n",
}


@pytest.fixture(scope="module")
def structured_film(tmp_path_factory):
    root = tmp_path_factory.mktemp("structured")
    write_film(root, {**STRUCTURED_FILM, "images/poster.jpg": jpeg(600, 900)})
    return build_film(
        root,
        AUTHOR="Harbour Films",
        SITEURL="https://interop-film.example",
        FEED_DOMAIN="https://interop-film.example",
        MARQUEE_FILM={
            "title": "Interop Film",
            "release_year": 2027,
            "director": "Nuala Brennan",
            "poster": "images/poster.jpg",
            "poster_alt": "Poster",
        },
    )


def test_structured_data_for_events_episodes_contests_and_articles(structured_film):
    out = structured_film
    event = json_ld(out / "events" / "qa" / "index.html")
    assert event["offers"]["price"] == "0" and event["offers"]["priceCurrency"] == "EUR"
    assert (
        event["location"]["address"]["@type"] == "PostalAddress"
        and event["location"]["address"]["postalCode"] == "D07 K1X2"
    )
    assert [p["name"] for p in event["performer"]] == ["Maeve Lacey", "Nuala Brennan"]
    assert event["organizer"]["name"] == "Harbour Films"
    video = json_ld(out / "interviews" / "ep" / "index.html")
    assert [(c["name"], c["startOffset"], c.get("endOffset")) for c in video["hasPart"]] == [
        ("Start", 0, 150),
        ("Light", 150, 600),
    ]
    assert all(c["@type"] == "Clip" and "t=" in c["url"] for c in video["hasPart"])
    assert video["transcript"] == "We talked about light."
    contest = json_ld(out / "contests" / "win" / "index.html")
    assert contest["@type"] == "BlogPosting" and contest["headline"] == "Win tickets"
    news = json_ld(out / "press" / "news" / "index.html")
    assert news["author"]["name"] == news["publisher"]["name"] == "Harbour Films"
    movie = json_ld(out / "index.html")
    assert movie["datePublished"] == "2027" and "dateCreated" not in movie


# Google Search Central's structured data pages: (required, recommended) per type. "a|b": either.
GOOGLE = {
    "Event": (
        ("name", "startDate", "location"),
        ("description", "endDate", "eventAttendanceMode", "eventStatus", "image", "offers", "organizer", "performer"),
    ),
    "Place": (("address",), ("name",)),
    "PostalAddress": ((), ("streetAddress", "addressLocality", "postalCode", "addressCountry")),
    "Offer": ((), ("availability", "price", "priceCurrency", "url", "validFrom")),
    "VideoObject": (
        ("name", "thumbnailUrl", "uploadDate"),
        ("contentUrl|embedUrl", "description", "duration", "hasPart"),
    ),
    "Clip": (("name", "startOffset", "url"), ("endOffset",)),
    "NewsArticle": ((), ("author", "dateModified", "datePublished", "headline", "image")),
    "BlogPosting": ((), ("author", "dateModified", "datePublished", "headline", "image")),
    "Organization": (("name",), ("url",)),
    "Movie": (("name", "image"), ("director",)),
}
URL_PROPERTIES = ("url", "image", "thumbnailUrl", "embedUrl", "contentUrl", "mainEntityOfPage")


def google_problems(thing, where: str, within: str = "") -> list[str]:
    """Every missing required or recommended property, and every relative URL, in `thing` and below.
    Event subtypes (ScreeningEvent, Festival ...) follow Event's rules; a Place only needs an
    address as an event's location (a diary entry's contentLocation may be a name and a position)."""
    problems = []
    if isinstance(thing, list):
        return [p for item in thing for p in google_problems(item, where, within)]
    if not isinstance(thing, dict):
        return []
    kind = thing.get("@type", "")
    rules = "Event" if kind.endswith("Event") or kind == "Festival" else kind
    required, recommended = GOOGLE.get(rules, ((), ())) if rules != "Place" or within == "Event.location" else ((), ())
    for name in (*required, *recommended):
        if not any(thing.get(option) not in (None, "", []) for option in name.split("|")):
            problems.append(f"{where}: {kind} has no {name}")
    for name in URL_PROPERTIES:
        for url in thing.get(name) if isinstance(thing.get(name), list) else [thing.get(name)]:
            if isinstance(url, str) and not url.startswith("https://"):
                problems.append(f"{where}: {kind}.{name} is not an absolute URL: {url}")
    for key, value in thing.items():
        problems += google_problems(value, where, f"{rules}.{key}")
    return problems


def test_json_ld_has_what_google_requires_and_recommends_as_extruct_reads_it(structured_film):
    import extruct

    seen, problems = set(), []
    for page in sorted(structured_film.rglob("*.html")):
        where = page.relative_to(structured_film).as_posix()
        found = extruct.extract(
            page.read_text(encoding="utf-8"),
            base_url=f"https://interop-film.example/{where}",
            syntaxes=["json-ld"],
            errors="strict",
        )["json-ld"]
        for thing in found:
            assert thing["@context"] == "https://schema.org", where
            seen.add(thing["@type"])
            problems += google_problems(thing, where)
    assert {"Event", "ScreeningEvent", "VideoObject", "NewsArticle", "BlogPosting", "Movie"} <= seen
    assert problems == []


def test_a_sitemap_parser_finds_every_page_with_its_date_through_robots_txt(tmp_path):
    import functools
    import http.server
    import threading

    from usp.tree import sitemap_tree_for_homepage

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "output"))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    home = f"http://127.0.0.1:{server.server_port}"
    try:
        write_film(
            tmp_path,
            {
                **STRUCTURED_FILM,
                "diary/a.md": "Title: Day one\nDate: 2026-05-01 10:00\nModified: 2026-05-03 09:00\nPhase: production\n\nWe began.\n",
            },
        )
        build_film(tmp_path, SITEURL=home, FEED_DOMAIN=home)
        tree = sitemap_tree_for_homepage(home + "/", use_known_paths=False)
        pages = {page.url: page.last_modified for page in tree.all_pages()}
    finally:
        server.shutdown()
    assert f"{home}/diary/a/" in pages and f"{home}/events/qa/" in pages and f"{home}/" in pages
    assert pages[f"{home}/diary/a/"].date().isoformat() == "2026-05-03"  # Modified, not the build time
    assert all(url.startswith(home + "/") for url in pages)
    assert all(modified is not None for modified in pages.values())
    assert not any(url.endswith("404.html") for url in pages)


PREFIX = "tag:fixture.example,2026:"
COPY = "https://social.example/@film/1"


def person(n: int, avatar: str = "") -> dict:
    return {
        "id": str(n),
        "name": f"Fan {n}",
        "handle": f"@fan{n}@social.example",
        "url": f"https://social.example/@fan{n}",
        "avatar": avatar,
    }


def reply(n: int, parent: str = "", **author) -> dict:
    return {
        "id": str(n),
        "url": f"https://social.example/@fan{n}/{n}",
        "parent": parent,
        "author": person(n, **author),
        "published": f"2026-10-0{n}T10:00:00Z",
        "html": f"<p>Reply {n}</p>",
    }


@pytest.fixture(scope="module")
def conversation_film(tmp_path_factory):
    """A diary post syndicated to Mastodon, with a stored conversation: a reply with an avatar and
    an answer to it, one more reply, likes and a repost; the network counts 4 replies (one hidden)."""
    root = tmp_path_factory.mktemp("conversation")
    write_film(
        root,
        {
            **STRUCTURED_FILM,
            "diary/lock.md": (
                "Title: Picture lock\nDate: 2026-10-01 10:00\nPhase: post-production\n"
                "Tags: edit, post\nSummary: We locked picture.\n\nWe locked picture today.\n"
            ),
        },
    )
    (root / "media").mkdir()
    (root / "media" / "fan1.jpg").write_bytes(jpeg(96, 96))
    entry = {
        "post": PREFIX + "diary/lock",
        "channel": "mastodon",
        "account": "@film@social.example",
        "state": "posted",
        "remote_id": "1",
        "url": COPY,
        "updated": "2026-10-01T10:00:00+00:00",
    }
    (root / "ledger.json").write_text(
        json.dumps({"version": 1, "created": "2026-09-01T00:00:00+00:00", "entries": [entry]})
    )
    thread = {
        "network": "mastodon",
        "copy_url": COPY,
        "remote_id": "1",
        "counts": {"replies": 4, "likes": 2, "reposts": 1},
        "replies": [reply(1, avatar="fan1.jpg"), reply(2, parent="1"), reply(3)],
        "likes": [person(5), person(6)],
        "reposts": [person(7)],
        "answered": [],
        "fetched": "2026-10-02T00:00:00Z",
    }
    (root / "backfeed.json").write_text(
        json.dumps({"version": 1, "threads": {PREFIX + "diary/lock": {"mastodon": thread}}, "history": []})
    )
    return build_film(
        root,
        MARQUEE_ID_PREFIX=PREFIX,
        SITEURL="https://fixture.example",
        FEED_DOMAIN="https://fixture.example",
        MARQUEE_BACKFEED={"data": str(root / "backfeed.json"), "media": str(root / "media")},
        MARQUEE_FILM={"title": "Fixture Film", "accounts": ["https://social.example/@film"]},
    )


def test_microformats_as_indieweb_tools_read_them(conversation_film):
    """mf2py: h-entry with its properties, replies as u-comment h-cite, h-event, h-feed, and the
    film's h-card with rel=me."""
    import mf2py

    def parse(path):
        return mf2py.parse(doc=(conversation_film / path).read_text(), url="https://fixture.example/")

    entry = next(i for i in parse("diary/lock/index.html")["items"] if "h-entry" in i["type"])
    props = entry["properties"]
    for name in (
        "url",
        "uid",
        "published",
        "author",
        "summary",
        "content",
        "category",
        "syndication",
        "comment",
        "like",
        "repost",
    ):
        assert props.get(name), name
    assert props["url"] == ["https://fixture.example/diary/lock/"] and props["syndication"] == [COPY]
    assert props["category"] == ["edit", "post"] and props["author"][0]["type"] == ["h-card"]
    assert [like["properties"]["author"][0]["properties"]["name"][0] for like in props["like"]] == ["Fan 5", "Fan 6"]
    assert all(like["type"] == ["h-cite"] for like in props["like"] + props["repost"])
    first, second = props["comment"]
    assert first["type"] == ["h-cite"] and first["properties"]["author"][0]["properties"]["photo"]
    assert first["properties"]["in-reply-to"] == [COPY]
    (answer,) = first["properties"]["comment"]
    assert answer["properties"]["in-reply-to"] == ["https://social.example/@fan1/1"]
    assert second["properties"]["content"][0]["value"] == "Reply 3"
    event = next(i for i in parse("events/qa/index.html")["items"] if "h-event" in i["type"])
    assert {"name", "start", "end", "location", "url", "summary"} <= set(event["properties"])
    assert event["properties"]["location"][0]["properties"]["adr"]
    feed = parse("diary/index.html")["items"][0]
    assert feed["type"] == ["h-feed"] and [c["type"] for c in feed["children"]] == [["h-entry"]]
    home = parse("index.html")
    card = next(i for i in home["items"] if "h-card" in i["type"])
    assert card["properties"]["name"] == ["Fixture Film"] and home["rels"]["me"] == ["https://social.example/@film"]


def test_counts_and_shown_replies_agree_or_say_why(conversation_film):
    page = (conversation_film / "diary" / "lock" / "index.html").read_text()
    counts = page.split('<p class="conversation__counts">')[1].split("</p>")[0]
    assert counts.startswith("4 replies") and "(3 shown here: the others are followers-only" in counts


# --- podcast (finding 1): podcastparser (gPodder) and podcast-partytime (Podcast Index) ---------

SHORT_MP3 = (Path(__file__).parent / "fixtures" / "short.mp3").read_bytes()  # 2 s of real speech


def episode(
    number: int, extra: str = "", video: str = "https://www.youtube.com/watch?v=abcdefghijk", body: str = ""
) -> str:
    return (
        f"Title: Episode {number}\nDate: 2026-0{number}-01 10:00\nSeries: Fixture Talks\nEpisode: {number}\n"
        f"Guests: Ada Quinn (editor), Bo Reyes (composer)\nVideo: {video}\nDuration: 00:10:00\n{extra}\n"
        f"Talk number {number}.\n{body}"
    )


CHAPTERS = "\n## Chapters\n\n- 00:00 Hello\n- 00:01 Goodbye\n"


@pytest.fixture(scope="module")
def podcast_film(tmp_path_factory):
    root = tmp_path_factory.mktemp("podcast")
    write_film(
        root,
        {
            "interviews/one.md": episode(1),  # a YouTube clip only: not playable in a podcast app
            "interviews/two.md": episode(2, "Podcast: audio/épisode-2.mp3\n", body=CHAPTERS),
            "interviews/two.vtt": "WEBVTT\n\n00:00.000 --> 00:02.000\nFixture film, episode two.\n",
            "audio/épisode-2.mp3": SHORT_MP3,
            "interviews/three.md": episode(
                3, "Podcast: https://media.example.org/talks/three.m4a\nPodcast-Length: 48213344\n"
            ),
            "interviews/four.md": (episode(4, video="videos/four.mp4")),  # a local video file is playable too
            "videos/four.mp4": SHORT_MP3,  # not mp4 inside, but what matters here is the size and the path
        },
    )
    return build_film(root, MARQUEE_FILM={"title": "Podcast Film"}, AUTHOR="Harbour Films")


def test_the_podcast_feed_lists_only_playable_episodes_as_podcast_apps_read_it(podcast_film):
    import podcastparser

    raw = (podcast_film / "feeds" / "fixture-talks.podcast.xml").read_bytes()
    parsed = podcastparser.parse("http://127.0.0.1:8000/feeds/fixture-talks.podcast.xml", __import__("io").BytesIO(raw))
    by_number = {e["number"]: e for e in parsed["episodes"]}
    assert sorted(by_number) == [2, 3, 4]  # episode 1 (YouTube only) is not an item
    for number, (url, size, mime) in {
        2: ("http://127.0.0.1:8000/audio/%C3%A9pisode-2.mp3", len(SHORT_MP3), "audio/mpeg"),
        3: ("https://media.example.org/talks/three.m4a", 48213344, "audio/x-m4a"),
        4: ("http://127.0.0.1:8000/videos/four.mp4", len(SHORT_MP3), "video/mp4"),
    }.items():
        assert by_number[number]["enclosures"] == [{"url": url, "file_size": size, "mime_type": mime}], number
    assert by_number[2]["total_time"] == 2  # read from the file, not the clip's Duration
    assert by_number[3]["total_time"] == 600  # a file elsewhere: the Duration given
    assert (podcast_film / "audio" / "épisode-2.mp3").read_bytes() == SHORT_MP3
    assert (podcast_film / "videos" / "four.mp4").is_file()


def test_podcast_index_reads_guid_chapters_transcript_and_guests(podcast_film):
    import uuid

    feed_path = podcast_film / "feeds" / "fixture-talks.podcast.xml"
    result = subprocess.run(
        ["node", str(Path(__file__).parent / "tools" / "partytime.cjs"), str(feed_path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    )
    feed = json.loads(result.stdout)
    namespace = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")  # Podcasting 2.0's, for podcast:guid
    assert feed["guid"] == str(uuid.uuid5(namespace, "127.0.0.1:8000/feeds/fixture-talks.podcast.xml"))
    items = {item["title"]: item for item in feed["items"]}
    assert sorted(items) == ["Episode 2", "Episode 3", "Episode 4"]  # partytime skips items without enclosures
    two = items["Episode 2"]
    assert two["enclosure"]["length"] == len(SHORT_MP3) and two["duration"] == 2
    assert [(p["name"], p["role"].lower()) for p in two["people"]] == [("Ada Quinn", "guest"), ("Bo Reyes", "guest")]
    assert two["transcripts"][0]["url"].endswith("/interviews/two/transcript.vtt")
    chapters_url = two["chapters"]["url"]
    assert two["chapters"]["type"] == "application/json+chapters"
    chapters = json.loads((podcast_film / chapters_url.split(":8000/", 1)[1]).read_text(encoding="utf-8"))
    assert chapters["version"] == "1.2.0"
    assert chapters["chapters"] == [{"startTime": 0, "title": "Hello"}, {"startTime": 1, "title": "Goodbye"}]
    assert items["Episode 3"]["chapters"] is None  # no Chapters section


def test_the_episode_page_plays_and_offers_its_podcast_file(podcast_film):
    page = (podcast_film / "interviews" / "two" / "index.html").read_text(encoding="utf-8")
    assert '<audio controls preload="none" src="/audio/%C3%A9pisode-2.mp3"' in page
    assert (
        'href="/audio/%C3%A9pisode-2.mp3" type="audio/mpeg" download>Download the episode</a> <span class="muted">(MP3, 4 KB, 0:02)'
        in page
    )
    import mf2py

    entry = next(i for i in mf2py.parse(doc=page, url="http://127.0.0.1:8000/")["items"] if "h-entry" in i["type"])
    assert entry["properties"]["audio"] == [
        "http://127.0.0.1:8000/audio/%C3%A9pisode-2.mp3"
    ]  # IndieWeb readers find it too
    one = (podcast_film / "interviews" / "one" / "index.html").read_text(encoding="utf-8")
    assert "<audio" not in one and "Download the episode" not in one


def test_a_series_with_nothing_playable_has_no_podcast_feed_and_check_says_why(tmp_path):
    from marquee.check import check

    write_film(
        tmp_path, {"interviews/one.md": episode(1), "interviews/two.md": episode(2, video="https://vimeo.com/123456")}
    )
    overrides = {
        key: value
        for key, value in fixture_settings(tmp_path, MARQUEE_FILM={"title": "Clip Film"}).items()
        if key
        in (
            "PATH",
            "CACHE_PATH",
            "MARQUEE_BUILD_DATE",
            "MARQUEE_WALLS",
            "MARQUEE_FILM",
            "MARQUEE_SYNDICATION",
            "MARQUEE_BACKFEED",
        )
    }
    # check first: Pelican's log filter lets one process print a message only once
    (why,) = [p.message for p in check(FILM / "pelicanconf.py", overrides) if "podcast" in p.message]
    assert 'Series "Fixture Talks"' in why and "none of its 2 episode(s)" in why and "Podcast:" in why
    out = build_film(tmp_path, MARQUEE_FILM={"title": "Clip Film"})
    assert not list((out / "feeds").glob("*.podcast.xml"))
    for page in out.rglob("*.html"):
        assert ".podcast.xml" not in page.read_text(encoding="utf-8"), page


@pytest.mark.parametrize(
    "fields, files, expected",
    [
        ("Podcast: audio/missing.mp3\n", {}, 'Podcast: "audio/missing.mp3" is not a file under content/'),
        ("Podcast: notes/episode.txt\n", {}, 'Podcast: "notes/episode.txt" is not a podcast file'),
        (
            "Podcast: audio/fake.mp3\n",
            {"audio/fake.mp3": "not audio at all " * 50},
            "is not an audio or video file podcast apps can play",
        ),
        (
            "Podcast: https://media.example.org/three.mp3\n",
            {},
            "Podcast-Length: missing: podcast apps need the size in bytes",
        ),
        ("Podcast: https://media.example.org/three\nPodcast-Length: 12\n", {}, "Podcast-Type: missing"),
        (
            "Podcast: https://media.example.org/three.mp3\nPodcast-Length: 12\nPodcast-Type: text/html\n",
            {},
            'Podcast-Type: "text/html" is not an audio or video type',
        ),
        ("Podcast: javascript:alert(1)//x.mp3\n", {}, "is not a podcast file"),
        (
            "Podcast: https://media.example.org/three.mp3\nPodcast-Length: " + "1" * 30 + "\n",
            {},
            "is not a size in bytes",
        ),
        ("", {"videos/clip.mp4": "not a video " * 50}, 'Video: "videos/clip.mp4" is not a video file'),
    ],
)
def test_bad_podcast_fields_are_errors_naming_file_field_and_value(tmp_path, caplog, fields, files, expected):
    video = "videos/clip.mp4" if "videos/clip.mp4" in files else "https://www.youtube.com/watch?v=abcdefghijk"
    write_film(tmp_path, {"interviews/bad.md": episode(1, fields, video=video), **files})
    with pytest.raises(ContentError):
        build_film(tmp_path)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any("interviews/bad.md" in e and expected in e for e in errors), errors


def test_a_podcast_address_with_accents_is_written_percent_encoded(tmp_path):
    import podcastparser

    write_film(
        tmp_path,
        {
            "interviews/one.md": episode(
                1, "Podcast: https://media.example.org/episodios/señal-ñandú.mp3\nPodcast-Length: 48213344\n"
            )
        },
    )
    out = build_film(tmp_path)
    (feed,) = (out / "feeds").glob("*.podcast.xml")
    text = feed.read_text(encoding="utf-8")
    assert (
        "https://media.example.org/episodios/se%C3%B1al-%C3%B1and%C3%BA.mp3" in text
        and "señal" not in text.split("<enclosure")[1][:200]
    )
    with feed.open("rb") as handle:
        parsed = podcastparser.parse(str(feed), handle)
    assert parsed["episodes"][0]["enclosures"][0]["url"].endswith("se%C3%B1al-%C3%B1and%C3%BA.mp3")


def test_a_series_index_is_an_h_feed_of_its_episodes(podcast_film):
    import mf2py

    page = podcast_film / "interviews" / "fixture-talks" / "index.html"
    (feed,) = [
        i for i in mf2py.parse(doc=page.read_text(), url="https://fixture.example/")["items"] if "h-feed" in i["type"]
    ]
    assert feed["properties"]["name"] == ["Fixture Talks"]
    entries = feed["children"]
    assert len(entries) >= 2 and all(
        e["type"] == ["h-entry"] and e["properties"]["url"] and e["properties"]["published"] for e in entries
    )
