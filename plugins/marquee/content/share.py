"""1200x630 share images (Open Graph, Twitter cards) made with Pillow.

From the post's own image (cropped to fill) or, when it has none, the film's poster on the
film's night blue with the post title. Cached by content hash, so rebuilds copy, not redraw.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

SIZE = (1200, 630)
NIGHT = (14, 22, 32)
VERSION = b"share-v1"  # bump to redraw every cached image after changing the drawing


def _draw(source: Path | None, poster: Path | None, title: str, film_title: str) -> Image.Image:
    if source:
        with Image.open(source) as img:
            return ImageOps.fit(img.convert("RGB"), SIZE, Image.Resampling.LANCZOS)
    canvas = Image.new("RGB", SIZE, NIGHT)
    if poster:
        with Image.open(poster) as img:
            art = ImageOps.contain(img.convert("RGB"), (SIZE[0] // 2, SIZE[1]), Image.Resampling.LANCZOS)
        canvas.paste(art, (SIZE[0] - art.width, 0))
    draw = ImageDraw.Draw(canvas)
    draw.text((60, 70), film_title.upper(), font=ImageFont.load_default(30), fill=(255, 180, 168))
    lines = textwrap.wrap(title, width=24)[:5]
    draw.multiline_text((60, 130), "\n".join(lines), font=ImageFont.load_default(52), fill=(238, 242, 246), spacing=14)
    return canvas


def _cover(poster: Path | None, title: str, film_title: str) -> Image.Image:
    """A square podcast cover (Apple asks for 1400-3000 px): the poster beside the series name."""
    side = 1400
    canvas = Image.new("RGB", (side, side), NIGHT)
    if poster:
        with Image.open(poster) as img:
            art = ImageOps.contain(img.convert("RGB"), (side * 3 // 5, side), Image.Resampling.LANCZOS)
        canvas.paste(art, (side - art.width, (side - art.height) // 2))
    draw = ImageDraw.Draw(canvas)
    draw.text((70, 110), film_title.upper(), font=ImageFont.load_default(48), fill=(255, 180, 168))
    lines = textwrap.wrap(title, width=11)[:6]
    draw.multiline_text((70, 200), "\n".join(lines), font=ImageFont.load_default(104), fill=(238, 242, 246), spacing=24)
    return canvas


def make(
    out: Path, source: Path | None, poster: Path | None, title: str, film_title: str, cache: Path, cover: bool = False
) -> None:
    """Write the share image (or, with `cover`, a square podcast cover) to `out`.

    The cached copy is reused when its inputs are unchanged.
    """
    digest = hashlib.sha256(VERSION)
    for part in (source, poster):
        digest.update(_file_digest(part) if part else b"-")
    digest.update(f"{title}\0{film_title}".encode())
    digest.update(b"cover" if cover else b"share")
    cached = cache / f"{digest.hexdigest()[:32]}.jpg"
    if not cached.exists():
        cache.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".tmp")
        image = _cover(poster, title, film_title) if cover else _draw(source, poster, title, film_title)
        image.save(partial, "JPEG", quality=82, optimize=True, progressive=True)
        partial.replace(cached)
    out.parent.mkdir(parents=True, exist_ok=True)
    publish(cached, out)


def publish(cached: Path, out: Path) -> None:
    """Put a cached file into the output: a hard link when the two share a disk (a thousand
    share images then cost no copying), else a copy. Cache files are replaced, never rewritten,
    so the link never changes under the site."""
    out.unlink(missing_ok=True)
    try:
        os.link(cached, out)
    except OSError:
        shutil.copyfile(cached, out)


def _file_digest(path: Path) -> bytes:
    stat = path.stat()
    return _digest_of(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4096)
def _digest_of(path: str, mtime_ns: int, size: int) -> bytes:
    """The poster goes into every share image: hash each file once per build, not once per post."""
    return hashlib.sha256(Path(path).read_bytes()).digest()
