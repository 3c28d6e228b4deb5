"""What every wall source shares: the wall's stored images, and a wall Post from the shared social model."""

from __future__ import annotations

from pathlib import Path

from ..net import Fetcher, localize
from ..networks.social import SocialPost
from .post import Post


class Media:
    """Stores a wall's images in its media folder (committed with the snapshots)."""

    def __init__(self, fetcher: Fetcher, folder: Path):
        self.fetcher, self.folder = fetcher, folder

    def image(self, url: str, max_side: int, alt: str = "") -> dict | None:
        local = localize(self.fetcher, url, max_side, self.folder) if url else None
        return {"name": local.name, "alt": alt, "width": local.width, "height": local.height} if local else None


def wall_post(source: dict, social: SocialPost, media: Media) -> Post:
    """A wall's Post from the shared model: pictures and avatar stored in the wall's media folder."""
    images = [found for picture in social.pictures if (found := media.image(picture.url, 800, picture.alt))]
    avatar = media.image(social.author.avatar, 96)
    return Post(
        source=source["name"], network=social.network, id=social.id, url=social.url, author=social.author.name,
        handle=social.author.handle, date=social.date, html=social.html, text=social.text,
        avatar=avatar["name"] if avatar else "", images=tuple(images), author_created=social.author.created,
    )  # fmt: skip
