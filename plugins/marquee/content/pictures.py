"""Images named in metadata (`Image`, `Image-Alt`), with their pixel size for width/height."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from .. import media

log = logging.getLogger(__name__)


def content_relative(value: str) -> str:
    """A path as written in metadata ("{static}/images/a.jpg", "/images/a.jpg") -> "images/a.jpg"."""
    text = str(value).strip()
    for prefix in ("{static}", "{attach}", "{filename}"):
        text = text.lstrip("/").removeprefix(prefix)
    return text.lstrip("/")


def content_file(content_path: str | Path, value: str) -> Path | None:
    """The file `value` names under content/, or None when it is not a file inside content/
    (``../`` and links that lead outside are refused, so nothing outside is ever published)."""
    root = Path(content_path).resolve()
    try:
        path = (root / content_relative(value)).resolve()
    except (OSError, ValueError):
        return None
    return path if path.is_relative_to(root) and path.is_file() else None


@dataclass(frozen=True)
class Picture:
    src: str  # path relative to the site root, e.g. "images/diary/ferry.jpg"
    alt: str
    width: int | None = None
    height: int | None = None
    source: str = ""  # the file under content/ it is made from (a HEIC photo is published as JPEG)
    candidates: tuple = ()  # (MIME type, ((path, width), ...)) per format, fallback last: srcset


def picture(content_path: str | Path, src: str, alt: str) -> Picture:
    """A Picture with the size it is displayed at, so pages reserve its space: from the image
    pipeline's plan when a build is under way, else read from the file."""
    src = content_relative(src)
    found = media.library_for(content_path)
    plan = found.plan(src) if found else None
    if plan is not None and plan.widths:
        width, height = plan.size
        return Picture(plan.url, alt, width, height, source=src, candidates=plan.candidates)
    path = content_file(content_path, src)
    try:
        if path is None:
            raise OSError("not a file inside content/")
        with Image.open(path) as img:
            width, height = img.size
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        log.warning("%s: cannot read image size (%s)", src, error)
        width = height = None
    return Picture(src=src, alt=alt, width=width, height=height, source=src)
