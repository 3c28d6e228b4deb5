"""A Bluesky post URL (https://bsky.app/profile/handle/post/rkey) -> a static card from the AppView."""

from __future__ import annotations

from ...networks import bluesky as bsky
from ...sanitize import plain, timestamp
from ..context import Embed, EmbedContext

def match(url: str):
    found = bsky.parse_post_url(url)
    return {"url": url, "uri": f"at://{found[0]}/app.bsky.feed.post/{found[1]}"} if found else None


def card(post: dict, url: str, ctx: EmbedContext) -> dict:
    """The card's data from an app.bsky.feed.defs#postView: plain text, images stored locally."""
    author = post.get("author") or {}
    record = post.get("record") or {}
    images = []
    embed = post.get("embed") or {}
    for image in embed.get("images") or (embed.get("media") or {}).get("images") or []:
        source = image.get("thumb") or image.get("fullsize")
        local = ctx.image(source, 1200) if source else None
        if local:
            images.append({**local, "alt": plain(str(image.get("alt") or ""), 1500)})
    avatar = ctx.image(author["avatar"], 96) if author.get("avatar") else None
    text = plain(str(record.get("text") or ""), 3000)
    return {
        "network": "Bluesky",
        "url": url,
        "author": plain(str(author.get("displayName") or author.get("handle") or ""), 100),
        "handle": "@" + plain(str(author.get("handle") or ""), 100),
        "avatar": avatar,
        "html": "",
        "text": text,
        "date": timestamp(record.get("createdAt") or post.get("indexedAt"))[:10],
        "images": images,
    }


def render(found: dict, options: dict, ctx: EmbedContext) -> Embed | None:
    data = ctx.fetcher.json(
        f"{ctx.endpoints.bluesky_appview}/xrpc/app.bsky.feed.getPostThread",
        {"uri": found["uri"], "depth": 0, "parentHeight": 0},
    )
    post = ((data or {}).get("thread") or {}).get("post") if isinstance(data, dict) else None
    if not isinstance(post, dict):
        return None
    return Embed("embeds/post-card.html", card(post, found["url"], ctx))
