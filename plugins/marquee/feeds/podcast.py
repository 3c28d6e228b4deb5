"""An interview series as a video podcast: feedgen's podcast (iTunes) and Media RSS extensions.

feedgen writes itunes:explicit as yes/no/clean; Apple now asks for true/false, and feedgen
has no Podcasting 2.0 tags, so a small extension adds both (itunes:explicit, podcast:transcript).
"""

from __future__ import annotations

import mimetypes

from feedgen.ext.base import BaseExtension
from lxml import etree

from .entries import FeedItem
from .syndication_feeds import FeedInfo, generator

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"


class CurrentPodcastTags(BaseExtension):
    """Channel: itunes:explicit as true/false."""

    def __init__(self):
        self.explicit = False

    def extend_ns(self):
        return {"podcast": PODCAST}

    def extend_rss(self, rss_feed):
        etree.SubElement(rss_feed[0], f"{{{ITUNES}}}explicit").text = "true" if self.explicit else "false"
        return rss_feed


class CurrentPodcastEntryTags(BaseExtension):
    """Item: itunes:explicit as true/false and podcast:transcript."""

    def __init__(self):
        self.explicit = False
        self.transcript: tuple[str, str] | None = None  # (url, mime type)

    def extend_rss(self, item):
        etree.SubElement(item, f"{{{ITUNES}}}explicit").text = "true" if self.explicit else "false"
        if self.transcript:
            url, mime = self.transcript
            etree.SubElement(item, f"{{{PODCAST}}}transcript", url=url, type=mime)
        return item


def feed(info: FeedInfo, items: list[FeedItem], settings: dict, cover_url: str, base_url: str) -> bytes:
    """The RSS of one series. Episodes whose Video is a local file get it as the enclosure."""
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
    for entry, feed_item in zip(fg.entry(), items):  # fg.entry() keeps the order entries were added
        episode = feed_item.post.episode
        entry.podcast.itunes_episode(episode.number)
        entry.podcast.itunes_season(episode.season)
        entry.podcast.itunes_episode_type("full")
        entry.podcast.itunes_title(feed_item.title)
        if episode.duration:
            entry.podcast.itunes_duration(int(episode.duration.total_seconds()))
        entry.current.explicit = bool(settings.get("explicit"))
        video = episode.video
        if video.provider == "file":
            url = f"{base_url}/{video.url}"
            mime = mimetypes.guess_type(video.url)[0] or "video/mp4"
            entry.enclosure(url, str(video.size), mime)
            entry.media.content({"url": url, "type": mime, "medium": "video"})
        else:
            entry.media.content({"url": video.embed_url, "medium": "video", "type": "text/html"})
        if episode.transcript_vtt:
            entry.current.transcript = (f"{feed_item.url}transcript.vtt", "text/vtt")
    return fg.rss_str(pretty=True)
