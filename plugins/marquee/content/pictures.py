"""Images named in metadata (`Image`, `Image-Alt`), with their pixel size for width/height."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Picture:
    src: str  # path relative to the site root, e.g. "images/diary/ferry.jpg"
    alt: str
    width: int | None = None
    height: int | None = None


def picture(content_path: str | Path, src: str, alt: str) -> Picture:
    """A Picture whose size is read from the file under content/, so pages reserve its space."""
    src = src.lstrip("/").removeprefix("{static}").lstrip("/")
    try:
        with Image.open(Path(content_path) / src) as img:
            width, height = img.size
    except OSError as error:
        log.warning("%s: cannot read image size (%s)", src, error)
        width = height = None
    return Picture(src=src, alt=alt, width=width, height=height)
