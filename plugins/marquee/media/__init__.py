"""The image pipeline: every raster image the site publishes, oriented, stripped, in a few widths
and two formats, cached by content. Plugin ``marquee.media`` (registered by marquee.content).

Pelican would copy the files under STATIC_PATHS as they are, EXIF and GPS included: raster images
are taken out of its list and published here instead. Templates get each image's plan through
content.pictures (Picture.candidates); Markdown images in post bodies become <picture> elements.
Settings: MARQUEE_IMAGES (settings/images.py).
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from ..settings.images import ImageSettings
from ..settings.images import read as read_settings
from .images import RASTER
from .library import Library, Plan, link, run_all
from .markdown_ext import PictureExtension

__all__ = [
    "ImageSettings",
    "Library",
    "Plan",
    "PictureExtension",
    "library_for",
    "link",
    "problem",
    "register",
    "run_all",
]
log = logging.getLogger(__name__)
_libraries: dict[Path, Library] = {}  # content folder -> the library of the build under way
SVG = "an SVG file can carry scripts (expected JPEG, PNG, WebP, AVIF, HEIC or GIF)"


def library_for(content_path) -> Library | None:
    """The library of the build whose content is at `content_path` (None outside a build)."""
    return _libraries.get(_resolved(str(content_path)))


@functools.lru_cache(maxsize=64)
def _resolved(path: str) -> Path:
    return Path(path).resolve()


def problem(content_path, source: str) -> str:
    """Why the image at `source` cannot be published ("" when it can, or outside a build)."""
    if Path(source).suffix.lower() == ".svg":
        return SVG
    found = library_for(content_path)
    plan = found.plan(source) if found else None
    if found and plan is None:
        return "not an image format the site publishes (expected JPEG, PNG, WebP, AVIF, HEIC or GIF)"
    return plan.probe.problem if plan else ""


def start(pelican) -> None:
    """A fresh library for each build, livereload's reruns included (connected to get_generators,
    which every run sends before it makes its generators)."""
    settings = pelican.settings
    _libraries[_resolved(str(settings["PATH"]))] = Library(
        Path(settings["PATH"]),
        Path(settings.get("CACHE_PATH", "cache")),
        read_settings(settings.get("MARQUEE_IMAGES")),
    )
    extensions = settings.setdefault("MARKDOWN", {}).setdefault("extensions", [])
    if not any(isinstance(e, PictureExtension) for e in extensions):
        extensions.append(PictureExtension(settings["PATH"], settings.get("SITEURL", "")))


def take_static_images(generator) -> None:
    """Raster images leave Pelican's copy list for the pipeline; SVGs under content/ are not
    published at all (an SVG can carry scripts; the theme's own icons are not touched)."""
    found = library_for(generator.settings["PATH"])
    if found is None:
        return
    kept = []
    for static in generator.staticfiles:
        source = static.relative_source_path.replace("\\", "/")
        suffix = Path(source).suffix.lower()
        if suffix == ".svg":
            found.warn(f"content/{source}: not published: {SVG}")
            continue
        if suffix not in RASTER:
            kept.append(static)
            continue
        plan = found.plan(source)
        if plan and plan.widths and plan.url != static.save_as:  # HEIC, TIFF ... become JPEG or PNG
            static.override_save_as = plan.url
            static.override_url = plan.url
    generator.staticfiles = kept
    generator.context["staticfiles"] = list(kept)  # what Pelican copies


def make_images(generators) -> None:
    """Encode what the cache lacks, once every post and static file is known (all at once, over
    every core). A content error stops the build before this runs."""
    found = library_for(generators[0].settings["PATH"])
    if found is not None:
        found.make()


class MediaGenerator(Generator):
    def generate_output(self, writer) -> None:  # noqa: ARG002 (Pelican's signature)
        found = library_for(self.settings["PATH"])
        if found is not None:
            found.publish(Path(self.output_path))


def get_generators(pelican):
    return MediaGenerator


def register() -> None:
    signals.get_generators.connect(start)  # before the readers exist: they take the Markdown extension
    signals.static_generator_finalized.connect(take_static_images)
    signals.all_generators_finalized.connect(make_images)
    signals.get_generators.connect(get_generators)
