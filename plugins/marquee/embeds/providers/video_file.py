"""A local .mp4/.webm under content/: a native <video>, with captions when a .vtt sits beside it."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from ...content.pictures import content_file, content_relative
from ...networks.base.embed import Embed, EmbedContext
from ..options import local_poster

SUFFIXES = (".mp4", ".webm")


def match(url: str):
    if "://" in url or not url.lower().endswith(SUFFIXES):
        return None
    return content_relative(url)


def render(path: str, options: dict, ctx: EmbedContext) -> Embed | None:
    if content_file(ctx.content_path, path) is None:
        ctx.warn("embedded video %s is not a file inside content/; it stays a link", path)
        return None
    captions = Path(path).with_suffix(".vtt").as_posix()
    return Embed(
        "embeds/local-video.html",
        {
            "src": f"{ctx.site_url}/{path}",
            "type": mimetypes.guess_type(path)[0] or "video/mp4",
            "captions": f"{ctx.site_url}/{captions}" if content_file(ctx.content_path, captions) else "",
            "poster": local_poster(ctx, options["poster"]) if "poster" in options else None,
            "title": options.get("title") or Path(path).stem.replace("-", " ").capitalize(),
        },
    )
