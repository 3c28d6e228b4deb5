"""What providers share during one build: the fetcher, endpoints, and the images to publish."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from ...net import Fetcher, NetSettings, localize
from .. import bluesky as bsky

log = logging.getLogger("marquee.embeds")


@dataclass(frozen=True)
class Endpoints:
    """Base URLs of the services embeds read; settings, so tests can point them at loopback."""

    youtube_oembed: str = "https://www.youtube.com/oembed"
    youtube_thumbnails: str = "https://i.ytimg.com"
    vimeo_oembed: str = "https://vimeo.com/api/oembed.json"
    bluesky_appview: str = bsky.APPVIEW


@dataclass(frozen=True)
class Embed:
    template: str  # under theme/templates/, e.g. "embeds/video.html"
    data: dict


@dataclass
class EmbedContext:
    net: NetSettings
    endpoints: Endpoints
    content_path: Path
    site_url: str = ""
    assets: dict[str, Path] = field(default_factory=dict)  # output name -> cached file
    _fetcher: Fetcher | None = None

    def __getstate__(self) -> dict:
        # Pelican's content cache pickles articles, and with them the Markdown settings that
        # hold this context: leave the HTTP session out (it is made again when needed).
        return {**self.__dict__, "_fetcher": None}

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:  # no session (and no socket) unless an embed needs one
            self._fetcher = Fetcher(self.net)
        return self._fetcher

    def image(self, url: str, max_side: int) -> dict | None:
        """Download and store an image; the {src, width, height} to show it from our own site."""
        local = localize(self.fetcher, url, max_side, self.net.cache_dir / "images")
        if local is None:
            return None
        self.assets[local.name] = local.path
        return {"src": f"{self.site_url}/images/remote/{local.name}", "width": local.width, "height": local.height}

    def warn(self, message: str, *args) -> None:
        log.warning(message, *args)


def card(social, url: str, ctx: EmbedContext) -> dict:
    """The post card's data from the shared social model (networks.social.SocialPost): text already
    sanitized there; pictures and avatar stored locally."""
    images = [{**local, "alt": picture.alt} for picture in social.pictures if (local := ctx.image(picture.url, 1200))]
    return {
        "network": social.network,
        "url": url,
        "author": social.author.name,
        "handle": social.author.handle,
        "avatar": ctx.image(social.author.avatar, 96) if social.author.avatar else None,
        "html": social.html,
        "text": social.text,
        "date": social.date[:10],
        "images": images,
    }
