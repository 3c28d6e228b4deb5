"""A Bluesky post URL (https://bsky.app/profile/handle/post/rkey) -> a static card from the AppView."""

from __future__ import annotations

from .. import bluesky as bsky
from ..base.embed import Embed, EmbedContext, card
from ..social import obj


def match(url: str):
    found = bsky.parse_post_url(url)
    return {"url": url, "uri": f"at://{found[0]}/app.bsky.feed.post/{found[1]}"} if found else None


def render(found: dict, options: dict, ctx: EmbedContext) -> Embed | None:
    data = ctx.fetcher.json(
        f"{ctx.endpoints.bluesky_appview}/xrpc/app.bsky.feed.getPostThread",
        {"uri": found["uri"], "depth": 0, "parentHeight": 0},
    )
    post = obj(obj(data).get("thread")).get("post")
    if not isinstance(post, dict):
        return None
    return Embed("embeds/post-card.html", card(bsky.post(post), found["url"], ctx))
