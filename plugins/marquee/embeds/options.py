"""Embed options, written after the URL on the same line, behind a bar:

    https://youtu.be/Lr5tY8bNa3K | start=1m30s captions=on title="Opening the door"

Keys: start (seconds, 90s, 1m30s or 1:30), captions (on/off), title, poster (an image under
content/, used instead of downloading one), duration (MM:SS or HH:MM:SS).
"""

from __future__ import annotations

import shlex

from ..content.fields import seconds
from ..content.pictures import picture

__all__ = ["KEYS", "clock", "local_poster", "parse", "seconds"]

KEYS = ("start", "captions", "title", "poster", "duration")


def parse(text: str) -> tuple[dict[str, str], list[str]]:
    """Options and a list of problems (unknown keys, bad values)."""
    options, problems = {}, []
    try:
        parts = shlex.split(text)
    except ValueError as error:
        return {}, [f"cannot read the options ({error})"]
    for part in parts:
        key, _, value = part.partition("=")
        key = key.strip().lower()
        if key not in KEYS or not value:
            problems.append(f'"{part}" is not an option (expected key=value with key one of {", ".join(KEYS)})')
            continue
        options[key] = value
    if "start" in options and seconds(options["start"]) is None:
        problems.append(f'start="{options["start"]}" is not a time (expected 90, 90s, 1m30s or 1:30)')
    if options.get("captions", "on") not in ("on", "off"):
        problems.append(f'captions="{options["captions"]}" is not on or off')
    return options, problems


def clock(total: int) -> str:
    h, rest = divmod(total, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"


def local_poster(ctx, path: str) -> dict | None:
    """The `poster=` option: an image under content/ on our own site, as {src, width, height} and
    the pipeline's smaller copies (`sources`: the modern formats, `srcset`: the fallback's), so a
    phone loads a 480 px AVIF, not the 1200 px original."""
    pic = picture(ctx.content_path, path, "")
    if pic.width is None:
        ctx.warn("embed poster %s is not an image under content/", path)
        return None

    def srcset(files) -> str:
        return ", ".join(f"{ctx.site_url}/{file} {width}w" for file, width in files)

    *modern, fallback = pic.candidates or ((None, ()),)
    return {
        "src": f"{ctx.site_url}/{pic.src}",
        "width": pic.width,
        "height": pic.height,
        "sources": [{"type": kind, "srcset": srcset(files)} for kind, files in modern],
        "srcset": srcset(fallback[1]),
    }
