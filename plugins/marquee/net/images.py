"""Store remote images locally: fetched through the Fetcher, checked and re-encoded by Pillow.

Re-encoding drops anything that is not pixels (metadata, trailing payloads) after turning the image
upright (EXIF orientation); the size is capped.
Files land in the cache and are copied into output/ by the caller, under a name derived from
the URL, so pages never hot-link another host.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from .http import Fetcher
from .pixels import opened

log = logging.getLogger(__name__)
MAX_PIXELS = 40_000_000  # refuse decompression bombs well before Pillow's own limit


@dataclass(frozen=True)
class LocalImage:
    path: Path  # the file in the cache
    name: str  # file name to use under output/
    width: int
    height: int


def localize(fetcher: Fetcher, url: str, max_side: int, folder: Path) -> LocalImage | None:
    """Download `url`, check it is an image, shrink to `max_side`, save as JPEG in `folder`."""
    name = hashlib.sha256(f"{url}|{max_side}".encode()).hexdigest()[:24] + ".jpg"
    target = folder / name
    if target.exists():
        with Image.open(target) as img:
            return LocalImage(target, name, *img.size)
    fetched = fetcher.get(url, accept=("image/",), public_only=True)  # payloads name image URLs
    if fetched is None:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with opened(fetched.body, MAX_PIXELS) as img:
                from ..media.images import (
                    clean_pixels,  # here: media's settings import this package
                )

                rgb = clean_pixels(img)  # the image pipeline's: upright, 8-bit RGB, no metadata
                rgb.thumbnail((max_side, max_side))
    except (OSError, ValueError, Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        log.warning("%s: not a usable image (%s); leaving it out", url, error)
        return None
    folder.mkdir(parents=True, exist_ok=True)
    # A name of its own: walls fetch concurrently, and two sources may name the same image.
    partial = folder / f".{name}.{os.getpid()}.{threading.get_ident()}.tmp"
    rgb.save(partial, "JPEG", quality=82, optimize=True)
    os.replace(partial, target)
    return LocalImage(target, name, *rgb.size)
