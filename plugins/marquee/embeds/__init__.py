"""Embeds: a URL alone on its line becomes a privacy-first video facade, a native video, or a
static post card. Plugin ``marquee.embeds``.

Settings: MARQUEE_EMBED_ENDPOINTS (dict: youtube_oembed, youtube_thumbnails, vimeo_oembed,
bluesky_appview) and the network settings of marquee.settings (MARQUEE_NET_*, MARQUEE_OFFLINE).
Downloaded images are copied to output/images/remote/ when the build finishes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pelican import signals

from .. import settings as marquee_settings
from ..networks.base.embed import Embed, EmbedContext, Endpoints
from .markdown_ext import EmbedExtension, lone_url

__all__ = ["Embed", "EmbedContext", "EmbedExtension", "Endpoints", "lone_url", "register"]


def extension_for(settings: dict) -> EmbedExtension:
    read = marquee_settings.read(settings)
    ctx = EmbedContext(
        net=read.net,
        endpoints=Endpoints(**read.embed_endpoints),
        content_path=Path(settings["PATH"]),
        site_url=settings.get("SITEURL", ""),
    )
    theme = Path(settings["THEME"]) / "templates"
    return EmbedExtension(ctx, [str(theme)])


def add_extension(pelican) -> None:
    markdown = pelican.settings.setdefault("MARKDOWN", {})
    extensions = markdown.setdefault("extensions", [])
    extensions[:] = [e for e in extensions if not isinstance(e, EmbedExtension)]
    extensions.append(extension_for(pelican.settings))


def publish_images(pelican) -> None:
    extensions = pelican.settings.get("MARKDOWN", {}).get("extensions", [])
    for extension in (e for e in extensions if isinstance(e, EmbedExtension)):
        folder = Path(pelican.output_path) / "images" / "remote"
        for name, source in sorted(extension.ctx.assets.items()):
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, folder / name)


def register() -> None:
    signals.initialized.connect(add_extension)
    signals.finalized.connect(publish_images)
