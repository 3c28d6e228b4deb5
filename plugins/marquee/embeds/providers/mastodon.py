"""A Mastodon post URL (https://instance/@user/123) -> a static card from the public statuses API."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from ...net.policy import web_url
from ...sanitize import clean_html, plain, timestamp
from ..context import Embed, EmbedContext

_PATH = re.compile(r"/@([\w.]+)(?:@[\w.-]+)?/(\d+)/?")


def match(url: str):
    parts = urlparse(url)
    found = _PATH.fullmatch(parts.path)
    if parts.scheme not in ("http", "https") or not found:
        return None
    return {"url": url, "api": f"{parts.scheme}://{parts.netloc}/api/v1/statuses/{found[2]}"}


def card(status: dict, ctx: EmbedContext) -> dict:
    """The card's data from a Mastodon status (API JSON): every string sanitized, images local."""
    account = status.get("account") or {}
    images = []
    for media in status.get("media_attachments") or []:
        if media.get("type") == "image" and media.get("url"):
            local = ctx.image(media.get("preview_url") or media["url"], 1200)
            if local:
                images.append({**local, "alt": plain(str(media.get("description") or ""), 1500)})
    avatar = ctx.image(account["avatar_static"], 96) if account.get("avatar_static") else None
    return {
        "network": "Mastodon",
        "url": web_url(status.get("url")) or web_url(status.get("uri")) or "",
        "author": plain(str(account.get("display_name") or account.get("username") or ""), 100),
        "handle": "@" + plain(str(account.get("acct") or ""), 100),
        "avatar": avatar,
        "html": clean_html(str(status.get("content") or "")),
        "text": "",
        "date": timestamp(status.get("created_at"))[:10],
        "images": images,
    }


def render(found: dict, options: dict, ctx: EmbedContext) -> Embed | None:
    status = ctx.fetcher.json(found["api"])
    if not isinstance(status, dict) or status.get("visibility", "public") not in ("public", "unlisted"):
        return None
    data = card(status, ctx)
    data["url"] = data["url"] or found["url"]
    return Embed("embeds/post-card.html", data)
