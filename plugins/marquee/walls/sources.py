"""Wall sources, one function per kind of source: fetch -> list of Post (sanitized, images local).

Kinds: youtube and feed here; mastodon-account, mastodon-tag and bluesky in the networks' packages
(networks/<name>/wall.py). Each source is a dict from MARQUEE_WALLS; its base URL is part of it,
so tests point sources at loopback servers.
"""

from __future__ import annotations

import datetime as dt

import feedparser

from ..net import Fetcher
from ..networks import parts
from ..networks.base.wall import Media, Post
from ..sanitize import clean_html, clean_text, plain, timestamp


def _feed_posts(source: dict, body: bytes, media: Media, network: str) -> list[Post] | None:
    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        return None
    posts = []
    for entry in parsed.entries[: source.get("limit", 10)]:
        link = str(entry.get("link") or "")
        if not link.startswith(("https://", "http://")):
            continue
        thumbnails = entry.get("media_thumbnail") or []
        title = plain(str(entry.get("title") or ""), 300)
        image = media.image(thumbnails[0].get("url", ""), 800, title) if thumbnails else None
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        posts.append(
            Post(
                source=source["name"],
                network=network,
                id=str(entry.get("id") or link),
                url=link,
                author=plain(str(entry.get("author") or parsed.feed.get("title") or ""), 100),
                handle="",
                date=timestamp(dt.datetime(*published[:6], tzinfo=dt.UTC)) if published else "",
                text=title,
                html=clean_html(str(entry.get("summary") or "")) if network != "YouTube" else "",
                images=(image,) if image else (),
            )
        )
    return posts


def youtube(source: dict, fetcher: Fetcher, media: Media) -> list[Post] | None:
    base = source.get("base", "https://www.youtube.com").rstrip("/")
    key = "playlist_id" if "playlist_id" in source else "channel_id"
    fetched = fetcher.get(
        f"{base}/feeds/videos.xml", {key: source[key]}, accept=("application/atom+xml", "text/xml", "application/xml")
    )
    return _feed_posts(source, fetched.body, media, "YouTube") if fetched else None


def feed(source: dict, fetcher: Fetcher, media: Media) -> list[Post] | None:
    fetched = fetcher.get(
        source["url"],
        accept=("application/rss+xml", "application/atom+xml", "application/xml", "text/xml"),
    )
    return (
        _feed_posts(source, fetched.body, media, source.get("network") or clean_text(source["name"], 60))
        if fetched
        else None
    )


# Each kind of source; the social networks' come from their packages (networks/<name>/wall.py).
KINDS = {
    **{kind: source for module in parts("wall").values() for kind, source in module.KINDS.items()},
    "youtube": youtube,
    "feed": feed,
}
