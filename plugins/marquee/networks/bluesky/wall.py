"""The Bluesky wall source: an account's posts, without replies or reposts, from the AppView."""

from __future__ import annotations

from ...net import Fetcher
from .. import bluesky as bsky
from ..base.wall import Media, Post, wall_post


def bluesky(source: dict, fetcher: Fetcher, media: Media) -> list[Post] | None:
    appview = source.get("appview", bsky.APPVIEW).rstrip("/")
    data = fetcher.json(
        f"{appview}/xrpc/app.bsky.feed.getAuthorFeed",
        {"actor": source["actor"], "limit": source.get("limit", 10), "filter": "posts_no_replies"},
    )
    if not isinstance(data, dict) or not isinstance(data.get("feed"), list):
        return None
    posts = []
    for item in data["feed"]:
        view = item.get("post") if isinstance(item, dict) and not item.get("reason") else None  # no reposts
        if isinstance(view, dict):
            posts.append(wall_post(source, bsky.post(view), media))
    return posts


KINDS = {"bluesky": bluesky}
