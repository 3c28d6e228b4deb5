"""1200x630 share images (Open Graph, Twitter cards) made with Pillow.

From the post's own image (cropped to fill) or, when it has none, the film's poster on the
film's night blue with the post title. Cached by content hash, so rebuilds copy, not redraw.
"""

from __future__ import annotations

import functools
import hashlib
import os
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

SIZE = (1200, 630)
NIGHT = (14, 22, 32)
VERSION = b"share-v2"  # bump to redraw every cached image after changing the drawing


def _draw(source: Path | None, poster: Path | None, title: str, film_title: str) -> Image.Image:
    if source:
        with Image.open(source) as img:  # a phone photo stands as it was taken (EXIF orientation)
            return ImageOps.fit(ImageOps.exif_transpose(img).convert("RGB"), SIZE, Image.Resampling.LANCZOS)
    canvas = Image.new("RGB", SIZE, NIGHT)
    if poster:
        with Image.open(poster) as img:
            art = ImageOps.contain(
                ImageOps.exif_transpose(img).convert("RGB"), (SIZE[0] // 2, SIZE[1]), Image.Resampling.LANCZOS
            )
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
            art = ImageOps.contain(
                ImageOps.exif_transpose(img).convert("RGB"), (side * 3 // 5, side), Image.Resampling.LANCZOS
            )
        canvas.paste(art, (side - art.width, (side - art.height) // 2))
    draw = ImageDraw.Draw(canvas)
    draw.text((70, 110), film_title.upper(), font=ImageFont.load_default(48), fill=(255, 180, 168))
    lines = textwrap.wrap(title, width=11)[:6]
    draw.multiline_text((70, 200), "\n".join(lines), font=ImageFont.load_default(104), fill=(238, 242, 246), spacing=24)
    return canvas


def _icon(poster: Path | None, film_title: str, side: int) -> Image.Image:
    """A square icon (feed readers, podcast apps): the poster, or the film's initial, on night blue."""
    canvas = Image.new("RGB", (side, side), NIGHT)
    if poster:
        with Image.open(poster) as img:
            art = ImageOps.contain(ImageOps.exif_transpose(img).convert("RGB"), (side, side), Image.Resampling.LANCZOS)
        canvas.paste(art, ((side - art.width) // 2, (side - art.height) // 2))
    else:
        draw = ImageDraw.Draw(canvas)
        draw.text(
            (side // 2, side // 2),
            (film_title[:1] or "M").upper(),
            font=ImageFont.load_default(side // 2),
            fill=(238, 242, 246),
            anchor="mm",
        )
    return canvas


def icon(out: Path, poster: Path | None, film_title: str, cache: Path, side: int) -> None:
    """Write a side x side icon to `out` (cached like share images)."""
    path = cached_path(None, poster, f"icon-{side}", film_title, cache)
    if not path.exists():
        _save(_icon(poster, film_title, side), path)
    from ..media import link

    out.parent.mkdir(parents=True, exist_ok=True)
    link(path, out)


def cached_path(
    source: Path | None, poster: Path | None, title: str, film_title: str, cache: Path, cover: bool = False
) -> Path:
    """Where the image for these inputs is kept: a hash of everything that changes the drawing."""
    digest = hashlib.sha256(VERSION)
    for part in (source, poster):
        digest.update(_file_digest(part) if part else b"-")
    digest.update(f"{title}\0{film_title}".encode())
    digest.update(b"cover" if cover else b"share")
    return cache / f"{digest.hexdigest()[:32]}.jpg"


def draw(
    target: str, source: Path | None, poster: Path | None, title: str, film_title: str, cover: bool = False
) -> None:
    """Draw one image into `target` (atomically). Runs in a worker process on a cold build."""
    _save(_cover(poster, title, film_title) if cover else _draw(source, poster, title, film_title), Path(target))


def _save(image: Image.Image, target: Path) -> None:
    """A JPEG into the cache, atomically, with nothing of the source's metadata (a JPEG comment
    in `info` would otherwise travel)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    image.info = {}
    image.save(partial, "JPEG", quality=82, optimize=True, progressive=True)
    os.replace(partial, target)


def make_all(jobs: list[tuple[Path, Path | None, Path | None, str, str]], cache: Path, cover: bool = False) -> None:
    """Write each (out, source, poster, title, film title) image: drawn only when not cached,
    over every core when there are several to draw."""
    from ..media import link, run_all

    planned = [
        (out, cached_path(source, poster, title, film, cache, cover), source, poster, title, film)
        for out, source, poster, title, film in jobs
    ]
    todo = {
        str(path): (str(path), source, poster, title, film, cover)
        for _, path, source, poster, title, film in planned
        if not path.exists()
    }
    for path, error in run_all(draw, todo, "Share images").items():
        raise RuntimeError(f"cannot draw the share image {path}: {error}")
    for out, path, *_ in planned:
        out.parent.mkdir(parents=True, exist_ok=True)
        link(path, out)


def make(
    out: Path, source: Path | None, poster: Path | None, title: str, film_title: str, cache: Path, cover: bool = False
) -> None:
    """Write one share image (or, with `cover`, a square podcast cover) to `out`."""
    make_all([(out, source, poster, title, film_title)], cache, cover)


def _file_digest(path: Path) -> bytes:
    stat = path.stat()
    return _digest_of(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4096)
def _digest_of(path: str, mtime_ns: int, size: int) -> bytes:
    """The poster goes into every share image: hash each file once per build, not once per post."""
    return hashlib.sha256(Path(path).read_bytes()).digest()
