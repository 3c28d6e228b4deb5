"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), with a `_marquee` object per item.

`_marquee` carries what syndication needs, so the publish pipeline reads the site's own
feed instead of Pelican's internals: the content type, per-network texts, the share image
with its alt text, and whether the post may be syndicated at all.
"""

from __future__ import annotations

import json

from .entries import FeedItem
from .syndication_feeds import FeedInfo

VERSION = "https://jsonfeed.org/version/1.1"


def _item(item: FeedItem) -> dict:
    data = {
        "id": item.id,
        "url": item.url,
        "title": item.title,
        "content_html": item.content_html,
        "summary": item.summary,
        "date_published": item.date_published.isoformat(),
        "date_modified": item.date_modified.isoformat(),
    }
    if item.image:
        data["image"] = item.image.url
    if item.share_image:
        data["banner_image"] = item.share_image.url
    if item.tags:
        data["tags"] = list(item.tags)
    if getattr(item.post, "lang", None):
        data["language"] = item.post.lang  # JSON Feed 1.1: the item's own language
    share = item.share_image or item.image
    data["_marquee"] = {
        "type": item.section,
        "syndicate": item.syndicate,
        "texts": dict(sorted(item.texts.items())),
        "details": item.details,
        "links": list(item.links),
        "share_image": {"url": share.url, "alt": share.alt, "width": share.width, "height": share.height}
        if share
        else None,
    }
    return data


def document(info: FeedInfo, items: list[FeedItem]) -> dict:
    feed = {
        "version": VERSION,
        "title": info.title,
        "home_page_url": info.home_url,
        "feed_url": info.feed_url,
        "description": info.description,
        "language": info.language,
        "items": [_item(i) for i in items],
    }
    if info.icon:
        feed["icon"] = info.icon
    if info.favicon:
        feed["favicon"] = info.favicon
    if info.author:
        feed["authors"] = [{"name": info.author, "url": info.home_url}]
        for entry in feed["items"]:
            entry["authors"] = feed["authors"]
    return feed


def dumps(info: FeedInfo, items: list[FeedItem]) -> bytes:
    return (json.dumps(document(info, items), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
