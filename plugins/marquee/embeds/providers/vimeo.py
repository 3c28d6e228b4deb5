"""Vimeo: a facade with a local poster; only a click loads the player, with dnt=1."""

from __future__ import annotations

from urllib.parse import urlencode

from ...networks.base.embed import Embed, EmbedContext
from ...networks.social import obj
from ..options import clock, local_poster, seconds
from .clips import clip


def match(url: str):
    return clip(url, "vimeo")


def render(video, options: dict, ctx: EmbedContext) -> Embed:
    info = {}
    if "title" not in options or "poster" not in options or "duration" not in options:
        info = obj(ctx.fetcher.json(ctx.endpoints.vimeo_oembed, {"url": video.url}))  # an answer of another shape: none
    start = seconds(options["start"]) if "start" in options else video.start
    if "poster" in options:
        poster = local_poster(ctx, options["poster"])
    else:
        thumbnail = info.get("thumbnail_url")
        poster = ctx.image(thumbnail, 1280) if isinstance(thumbnail, str) and thumbnail else None
    seconds_long = info.get("duration")
    if isinstance(seconds_long, str) and seconds_long.isascii() and seconds_long.isdigit():
        seconds_long = int(seconds_long)
    duration = options.get("duration") or (
        clock(seconds_long) if type(seconds_long) is int and 0 < seconds_long < 10**6 else ""
    )
    params = {"dnt": 1, "autoplay": 1}
    if options.get("captions") == "on":
        params["texttrack"] = "en"
    player = f"https://player.vimeo.com/video/{video.id}?" + urlencode(params) + (f"#t={start}s" if start else "")
    return Embed(
        "embeds/video.html",
        {
            "service": "Vimeo",
            "url": video.url,
            "player": player,
            "title": options.get("title") or str(info.get("title") or ""),  # none: the template says "A video"
            "duration": duration,
            "start": clock(start) if start else "",
            "poster": poster,
        },
    )
