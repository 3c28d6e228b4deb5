"""Vimeo: a facade with a local poster; only a click loads the player, with dnt=1."""

from __future__ import annotations

from urllib.parse import urlencode

from ...content.fields import Invalid
from ...content.interviews import video
from ..context import Embed, EmbedContext
from ..options import clock, seconds


def match(url: str):
    try:
        clip = video(url)
    except Invalid:
        return None
    return clip if clip.provider == "vimeo" else None


def render(clip, options: dict, ctx: EmbedContext) -> Embed:
    info = {}
    if "title" not in options or "poster" not in options or "duration" not in options:
        info = ctx.fetcher.json(ctx.endpoints.vimeo_oembed, {"url": clip.url}) or {}
    start = seconds(options["start"]) if "start" in options else clip.start
    if "poster" in options:
        poster = ctx.local_image(options["poster"])
    else:
        poster = ctx.image(info["thumbnail_url"], 1280) if info.get("thumbnail_url") else None
    duration = options.get("duration") or (clock(int(info["duration"])) if str(info.get("duration", "")).isdigit() else "")
    params = {"dnt": 1, "autoplay": 1}
    if options.get("captions") == "on":
        params["texttrack"] = "en"
    player = f"https://player.vimeo.com/video/{clip.id}?" + urlencode(params) + (f"#t={start}s" if start else "")
    return Embed(
        "embeds/video.html",
        {
            "service": "Vimeo",
            "url": clip.url,
            "player": player,
            "title": options.get("title") or str(info.get("title") or "") or "Video on Vimeo",
            "duration": duration,
            "start": clock(start) if start else "",
            "poster": poster,
        },
    )
