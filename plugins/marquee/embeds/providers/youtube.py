"""YouTube: a facade with a local poster; only a click loads youtube-nocookie.com."""

from __future__ import annotations

from urllib.parse import urlencode

from ...networks.base.embed import Embed, EmbedContext
from ...networks.social import obj
from ..options import clock, local_poster, seconds
from .clips import clip


def match(url: str):
    return clip(url, "youtube")


def render(video, options: dict, ctx: EmbedContext) -> Embed:
    playlist = "list=" in video.url and "v=" not in video.url
    start = seconds(options["start"]) if "start" in options else video.start
    title, poster_url = options.get("title"), None
    if not title or "poster" not in options:
        info = obj(
            ctx.fetcher.json(ctx.endpoints.youtube_oembed, {"url": video.url, "format": "json"})
        )  # an answer of another shape: none
        title = title or str(info.get("title") or "")
        poster_url = info.get("thumbnail_url") if isinstance(info.get("thumbnail_url"), str) else None
    if "poster" in options:
        poster = local_poster(ctx, options["poster"])
    else:
        poster = ctx.image(poster_url or f"{ctx.endpoints.youtube_thumbnails}/vi/{video.id}/hqdefault.jpg", 1280)
    params = {"autoplay": 1}
    if start:
        params["start"] = start
    if options.get("captions") == "on":
        params["cc_load_policy"] = 1
    if playlist:
        player = "https://www.youtube-nocookie.com/embed/videoseries?" + urlencode({"list": video.id, **params})
    else:
        player = f"https://www.youtube-nocookie.com/embed/{video.id}?" + urlencode(params)
    return Embed(
        "embeds/video.html",
        {
            "service": "YouTube",
            "url": video.url,
            "player": player,
            "title": title,  # none: the template says "A video"
            "duration": options.get("duration", ""),
            "start": clock(start) if start else "",
            "poster": poster,
        },
    )
