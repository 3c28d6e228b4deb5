"""A Mastodon post URL (https://instance/@user/123) -> a static card from the public statuses API."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from .. import mastodon
from ..base.embed import Embed, EmbedContext, card

_PATH = re.compile(r"/@([\w.]+)(?:@[\w.-]+)?/(\d+)/?")


def match(url: str):
    parts = urlparse(url)
    found = _PATH.fullmatch(parts.path)
    if parts.scheme not in ("http", "https") or not found:
        return None
    return {"url": url, "api": f"{parts.scheme}://{parts.netloc}/api/v1/statuses/{found[2]}"}


def render(found: dict, options: dict, ctx: EmbedContext) -> Embed | None:
    status = ctx.fetcher.json(found["api"])
    if not isinstance(status, dict):
        return None
    social = mastodon.post(status)
    if social.visibility not in mastodon.OPEN:
        return None
    return Embed("embeds/post-card.html", card(social, social.url or found["url"], ctx))
