"""Feeds in a real build: parsed back with feedparser (Atom, RSS, podcast) and json (JSON Feed)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import feedparser
import pytest
from conftest import FILM, build_site
from lxml import etree

pytestmark = pytest.mark.slow

BASE = "http://127.0.0.1:8000"  # pelicanconf's FEED_DOMAIN: the preview server
PREFIX = "tag:saltandstatic.example,2026:"
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
PODCAST = "{https://podcastindex.org/namespace/1.0}"


def parse(site: Path, name: str):
    parsed = feedparser.parse((site / "feeds" / name).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def absolute_urls_only(html: str) -> None:
    for url in re.findall(r'(?:href|src)="([^"]*)"', html):
        assert url.startswith(("http://", "https://", "mailto:", "#")), url


@pytest.mark.parametrize("name", ["all.atom.xml", "all.rss.xml", "diary.atom.xml", "events.rss.xml", "press.atom.xml"])
def test_atom_and_rss_feeds_parse_with_full_content_and_absolute_urls(site, name):
    feed = parse(site, name)
    assert feed.feed.title.startswith("Salt and Static")
    assert feed.entries, name
    for entry in feed.entries:
        assert entry.id.startswith(PREFIX)
        assert entry.link.startswith(BASE + "/")
        html = entry.content[0].value
        assert len(html) > len(entry.summary)  # full content, not the summary
        absolute_urls_only(html)
        assert entry.published_parsed and entry.get("tags")


def test_feed_entries_are_newest_first_and_carry_images(site):
    feed = parse(site, "diary.atom.xml")
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    ferry = next(e for e in feed.entries if e.id.endswith("diary/day-4-the-ferry-that-wouldnt-wait"))
    assert ferry.media_thumbnail[0]["url"] == f"{BASE}/images/diary/ferry.jpg"
    assert [t.term for t in ferry.tags] == ["shoot", "ferry", "weather"]


def test_inline_images_become_absolute_in_feed_content(site):
    wrap = next(e for e in parse(site, "all.atom.xml").entries if e.id.endswith("diary/day-23-wrap-on-inishcarrow"))
    assert f'src="{BASE}/images/stills/brid-on-the-pier.jpg"' in wrap.content[0].value
    from marquee.feeds.entries import absolutize

    assert absolutize('<img src="/images/x.jpg" srcset="/a.jpg 1x, b.jpg 2x">', f"{BASE}/diary/p/") == (
        f'<img src="{BASE}/images/x.jpg" srcset="{BASE}/a.jpg 1x, {BASE}/diary/p/b.jpg 2x">'
    )
    assert absolutize('<a href="#top">x</a> <a href="mailto:a@b.c">m</a>', BASE + "/") == (
        '<a href="#top">x</a> <a href="mailto:a@b.c">m</a>'
    )


def test_section_feeds_hold_only_their_section(site):
    for section in ("diary", "interviews", "events", "press"):
        feed = json.loads((site / "feeds" / f"{section}.json").read_text(encoding="utf-8"))
        assert feed["items"] and {i["_marquee"]["type"] for i in feed["items"]} == {section}


def test_json_feed_1_1(site):
    raw = (site / "feeds/all.json").read_text(encoding="utf-8")
    feed = json.loads(raw)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["home_page_url"] == f"{BASE}/" and feed["feed_url"] == f"{BASE}/feeds/all.json"
    assert feed["title"] and feed["authors"][0]["name"] == "Tidewater Pictures"
    assert len(feed["items"]) == 20  # MARQUEE_FEED_ITEMS
    for entry in feed["items"]:
        for key in ("id", "url", "title", "content_html", "summary", "date_published", "date_modified", "authors"):
            assert entry[key], key
        extension = entry["_marquee"]
        assert extension["type"] in ("diary", "interviews", "events", "press", "contests")
        assert extension["syndicate"] is True
        assert extension["share_image"]["url"].startswith(f"{BASE}/images/share/")
        assert extension["share_image"]["alt"] and extension["share_image"]["width"] == 1200
        absolute_urls_only(entry["content_html"])
    day12 = next(i for i in feed["items"] if i["id"] == PREFIX + "diary/day-12-night-shoot-at-the-harbour")
    assert day12["image"] == f"{BASE}/images/diary/harbour-night.jpg"
    assert day12["tags"] == ["shoot", "night", "harbour"]


def test_the_example_podcast_feed(site):
    raw = (site / "feeds/off-the-call-sheet.podcast.xml").read_bytes()
    feed = parse(site, "off-the-call-sheet.podcast.xml")
    assert feed.feed.itunes_type == "episodic"
    assert feed.feed.image.href == f"{BASE}/images/share/podcast-off-the-call-sheet.jpg"
    from PIL import Image

    with Image.open(site / "images/share/podcast-off-the-call-sheet.jpg") as cover:
        assert cover.size == (1400, 1400)  # Apple: square, 1400 to 3000 px
    channel = etree.fromstring(raw).find("channel")
    assert channel.find(f"{ITUNES}explicit").text == "false"  # Apple's current true/false
    assert channel.find(f"{ITUNES}category").get("text") == "TV & Film"
    assert channel.find("link").text == f"{BASE}/interviews/"
    items = channel.findall("item")
    # Only the episode with an audio file is playable in a podcast app; the clips stay on the site.
    assert [i.find(f"{ITUNES}episode").text for i in items] == ["5"]
    assert items[0].find(f"{ITUNES}duration").text == "31"
    assert items[0].find("enclosure").get("type") == "audio/mpeg"


def test_a_local_video_file_is_the_podcast_enclosure(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FILM / "content", content)
    (content / "videos").mkdir()
    # A file a player can play (2 s of real audio; mutagen reads it by its content): a file of
    # zeros named .mp4 is refused now (tests/test_interop.py), not made the enclosure.
    teaser = (FILM.parent / "short.mp3").read_bytes()
    (content / "videos" / "teaser.mp4").write_bytes(teaser)
    episode = content / "interviews" / "off-the-call-sheet-02-ines-vidal.md"
    episode.write_text(
        episode.read_text(encoding="utf-8").replace(
            "Video: https://www.youtube.com/watch?v=Zp4nW7cQe1M", "Video: videos/teaser.mp4"
        ),
        encoding="utf-8",
    )
    out = build_site(tmp_path / "out", PATH=str(content), STATIC_PATHS=["images", "videos", "extra/favicon.ico"])
    feed = feedparser.parse((out / "feeds/off-the-call-sheet.podcast.xml").read_bytes())
    episode_2 = next(e for e in feed.entries if e.itunes_episode == "2")
    (enclosure,) = episode_2.enclosures
    assert (enclosure.href, enclosure.length, enclosure.type) == (
        f"{BASE}/videos/teaser.mp4",
        str(len(teaser)),
        "video/mp4",
    )
    assert (out / "videos/teaser.mp4").is_file()


def test_ids_survive_an_edit_and_a_move(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FILM / "content", content)
    post = content / "diary" / "picture-lock.md"
    post.write_text(
        post.read_text(encoding="utf-8")
        .replace("We locked picture", "We finally locked picture")
        .replace("Title: Picture lock", "Title: Picture lock at last"),
        encoding="utf-8",
    )
    moved = build_site(
        tmp_path / "out", PATH=str(content), SITEURL="https://new-home.example", FEED_DOMAIN="https://new-home.example"
    )
    feed = json.loads((moved / "feeds/all.json").read_text(encoding="utf-8"))
    edited = next(i for i in feed["items"] if i["title"] == "Picture lock at last")
    assert edited["id"] == PREFIX + "diary/picture-lock"
    assert edited["url"] == "https://new-home.example/diary/picture-lock/"
    atom = feedparser.parse((moved / "feeds/all.atom.xml").read_bytes())
    assert any(e.id == PREFIX + "diary/picture-lock" for e in atom.entries)


def test_syndication_hints_reach_the_json_feed(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FILM / "content", content)
    post = content / "press" / "distribution-deal.md"
    post.write_text(
        post.read_text(encoding="utf-8").replace(
            "Release-Date:", "Syndicate: no\nMastodon-Text: Big news for #SaltAndStatic fans\nRelease-Date:"
        ),
        encoding="utf-8",
    )
    out = build_site(tmp_path / "out", PATH=str(content))
    feed = json.loads((out / "feeds/press.json").read_text(encoding="utf-8"))
    deal = next(i for i in feed["items"] if i["id"].endswith("press/distribution-deal"))
    assert deal["_marquee"]["syndicate"] is False
    assert deal["_marquee"]["texts"] == {"mastodon": "Big news for #SaltAndStatic fans"}


def test_autodiscovery_links_in_the_head(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    head = home.split("</head>")[0]
    assert f'type="application/atom+xml" title="Salt and Static: everything" href="{BASE}/feeds/all.atom.xml"' in head
    assert f'type="application/rss+xml" title="Salt and Static: everything" href="{BASE}/feeds/all.rss.xml"' in head
    assert f'type="application/feed+json" title="Salt and Static: everything" href="{BASE}/feeds/all.json"' in head
    assert "diary.atom.xml" not in head  # section feeds only on their section's pages
    episode = (
        (site / "interviews/off-the-call-sheet-01-maeve-lacey/index.html")
        .read_text(encoding="utf-8")
        .split("</head>")[0]
    )
    assert f'href="{BASE}/feeds/interviews.atom.xml"' in episode
    assert f'href="{BASE}/feeds/off-the-call-sheet.podcast.xml"' in episode


def test_follow_page_lists_every_feed_and_the_calendar(site):
    html = (site / "follow/index.html").read_text(encoding="utf-8")
    for name in (
        "all.atom.xml",
        "all.rss.xml",
        "all.json",
        "diary.atom.xml",
        "press.json",
        "off-the-call-sheet.podcast.xml",
    ):
        assert f"{BASE}/feeds/{name}" in html, name
    assert 'href="/events/calendar.ics"' in html


def test_the_follow_page_speaks_to_fans_and_folds_the_feed_formats_away(site):
    """What a fan sees: how to follow (networks, the calendar, the podcast, one feed-reader line),
    in their words; the per-section rows of formats only inside "Every feed", folded."""
    from lxml import html as lxml_html

    page = lxml_html.fromstring((site / "follow/index.html").read_bytes())
    main = page.find(".//main")
    headings = [h.text_content().strip() for h in main.iter("h2")]
    assert headings == [
        "On social media",
        "Screenings in your calendar",
        "The interviews as a podcast",
        "In a feed reader",
    ]
    folded = main.find(".//details")
    assert folded is not None and folded.get("open") is None
    assert folded.find("summary").text_content().strip() == "Every feed"
    for details in main.iter("details"):
        details.getparent().remove(details)
    shown = " ".join(main.text_content().split())
    assert shown.count("ATOM") + shown.count("JSON Feed") <= 2  # the one line's "also as", not a row per section
    assert "Paste this address into your feed reader" in shown and "Add the screenings to your calendar" in shown
    assert not re.search(r"\b(Atom|RSS|JSON)\b", " ".join(headings))  # no format names as headings


def test_pelicans_own_feeds_are_off_and_ours_use_the_site_url(tmp_path):
    out = build_site(tmp_path / "pub", settings_file="publishconf.py")
    for path in (out / "feeds").glob("*.xml"):
        assert b"<generator>Marquee</generator>" in path.read_bytes(), (
            path.name
        )  # Pelican's own say nothing of the kind
    feed = json.loads((out / "feeds/all.json").read_text(encoding="utf-8"))
    assert feed["feed_url"] == "https://saltandstatic.example/feeds/all.json"
    assert feed["items"][0]["url"].startswith("https://saltandstatic.example/")
