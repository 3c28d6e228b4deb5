"""Fetched images are opened here: their size is read from the header and checked before a pixel
is decoded (a few kilobytes of PNG can decode to gigabytes)."""

from __future__ import annotations

import io

from PIL import Image


class TooManyPixels(ValueError):
    pass


def opened(data: bytes, max_pixels: int) -> Image.Image:
    """The image in `data`, not yet decoded; TooManyPixels over `max_pixels`, OSError when it is
    not an image."""
    img = Image.open(io.BytesIO(data))
    if img.width * img.height > max_pixels:
        img.close()
        raise TooManyPixels(f"{img.width}x{img.height} is too large (at most {max_pixels} pixels)")
    return img
