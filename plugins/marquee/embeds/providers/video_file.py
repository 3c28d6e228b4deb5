"""A local .mp4/.webm under content/: a native <video>, with captions when a .vtt sits beside it."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from ..context import Embed, EmbedContext

SUFFIXES = (".mp4", ".webm")


def match(url: str):
    if "://" in url or not url.lower().endswith(SUFFIXES):
        return None
    return url.lstrip("/").removeprefix("{static}").lstrip("/")


def render(path: str, options: dict, ctx: EmbedContext) -> Embed:
    if not (ctx.content_path / path).is_file():
        ctx.warn("embedded video %s is not a file under content/", path)
    captions = Path(path).with_suffix(".vtt").as_posix()
    return Embed(
        "embeds/local-video.html",
        {
            "src": f"{ctx.site_url}/{path}",
            "type": mimetypes.guess_type(path)[0] or "video/mp4",
            "captions": f"{ctx.site_url}/{captions}" if (ctx.content_path / captions).is_file() else "",
            "poster": ctx.local_image(options["poster"]) if "poster" in options else None,
            "title": options.get("title") or Path(path).stem.replace("-", " ").capitalize(),
        },
    )
