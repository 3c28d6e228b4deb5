"""An interview series as a podcast: feedgen's podcast (iTunes) and Media RSS extensions.

Only episodes with a file podcast apps can play (Episode.enclosure) are items. feedgen writes
itunes:explicit as yes/no/clean; Apple now asks for true/false, and feedgen has no Podcasting
2.0 tags, so a small extension adds both (itunes:explicit, podcast:guid, podcast:transcript,
podcast:chapters, podcast:person).
"""

from __future__ import annotations

import json
import uuid

from feedgen.ext.base import BaseExtension
from lxml import etree

from .entries import FeedItem
from .syndication_feeds import FeedInfo, generator

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
# podcast:guid is a UUIDv5 of the feed URL without its scheme, in this namespace (Podcasting 2.0).
GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")


def podcast_guid(feed_url: str) -> str:
    return str(uuid.uuid5(GUID_NAMESPACE, feed_url.split("://", 1)[-1].rstrip("/")))


def chapters_json(episode) -> bytes:
    """JSON Chapters (Podcasting 2.0) for podcast:chapters."""
    chapters = [{"startTime": c.seconds, "title": c.title} for c in episode.podcast_chapters]
    return json.dumps({"version": "1.2.0", "chapters": chapters}, ensure_ascii=False, indent=1).encode() + b"\n"


class CurrentPodcastTags(BaseExtension):
    """Channel: itunes:explicit as true/false, podcast:guid."""

    def __init__(self):
        self.explicit = False
        self.guid = ""

    def extend_ns(self):
        return {"podcast": PODCAST}

    def extend_rss(self, rss_feed):
        etree.SubElement(rss_feed[0], f"{{{ITUNES}}}explicit").text = "true" if self.explicit else "false"
        if self.guid:
            etree.SubElement(rss_feed[0], f"{{{PODCAST}}}guid").text = self.guid
        return rss_feed


class CurrentPodcastEntryTags(BaseExtension):
    """Item: itunes:explicit as true/false, podcast:transcript, podcast:chapters, podcast:person."""

    def __init__(self):
        self.explicit = False
        self.transcript = ""  # URL of the WebVTT file
        self.chapters = ""  # URL of the JSON chapters
        self.guests: tuple = ()  # content.fields.Person

    def extend_rss(self, item):
        etree.SubElement(item, f"{{{ITUNES}}}explicit").text = "true" if self.explicit else "false"
        if self.transcript:
            etree.SubElement(item, f"{{{PODCAST}}}transcript", url=self.transcript, type="text/vtt")
        if self.chapters:
            etree.SubElement(item, f"{{{PODCAST}}}chapters", url=self.chapters, type="application/json+chapters")
        for guest in self.guests:
            etree.SubElement(item, f"{{{PODCAST}}}person", role="guest", group="cast").text = guest.name
        return item


def playable(items: list[FeedItem]) -> list[FeedItem]:
    return [i for i in items if getattr(i.post, "episode", None) and i.post.episode.enclosure]


def feed(info: FeedInfo, items: list[FeedItem], settings: dict, cover_url: str, base_url: str) -> bytes:
    """The RSS of one series: its episodes with a podcast file, each that file as the enclosure."""
    items = playable(items)
    fg = generator(info, items)
    fg.load_extension("podcast")
    fg.register_extension("current", CurrentPodcastTags, CurrentPodcastEntryTags, atom=False)
    fg.podcast.itunes_category(settings["category"], settings.get("subcategory") or None)
    fg.podcast.itunes_image(cover_url)
    fg.podcast.itunes_type("episodic")
    fg.podcast.itunes_author(settings.get("author") or info.author)
    fg.podcast.itunes_summary(info.description)
    if settings.get("owner_name") and settings.get("owner_email"):
        fg.podcast.itunes_owner(name=settings["owner_name"], email=settings["owner_email"])
    fg.current.explicit = bool(settings.get("explicit"))
    fg.current.guid = podcast_guid(info.feed_url)
    for entry, feed_item in zip(fg.entry(), items, strict=False):  # fg.entry() keeps the order entries were added
        episode = feed_item.post.episode
        entry.podcast.itunes_episode(episode.number)
        entry.podcast.itunes_season(episode.season)
        entry.podcast.itunes_episode_type("full")
        entry.podcast.itunes_title(feed_item.title)
        file = episode.enclosure
        seconds = file.seconds or (int(episode.duration.total_seconds()) if episode.duration else 0)
        if seconds:
            entry.podcast.itunes_duration(seconds)
        entry.current.explicit = bool(settings.get("explicit"))
        entry.enclosure(
            file.address(base_url), str(file.length), file.mime
        )  # not again as media:content: apps would list it twice
        if episode.transcript_vtt:
            entry.current.transcript = f"{feed_item.url}transcript.vtt"
        if episode.podcast_chapters:
            entry.current.chapters = f"{feed_item.url}chapters.json"
        entry.current.guests = episode.guests
    return fg.rss_str(pretty=True)
