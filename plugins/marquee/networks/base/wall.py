"""What every wall source shares: the wall Post (one shape for every source, checked whether
fetched now or loaded from a snapshot), its stored images, and a Post from the shared social model."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...net import Fetcher, localize
from ...net.policy import web_url
from ...sanitize import clean_html, media_name, plain
from ..social import SocialPost


@dataclass(frozen=True)
class Post:
    source: str  # the wall source's name
    network: str  # "Mastodon", "Bluesky", "YouTube", or the feed's title
    id: str
    url: str
    author: str  # plain text (templates escape it)
    handle: str
    date: str  # ISO 8601, UTC
    html: str = ""  # sanitized HTML (Mastodon, feeds)
    text: str = ""  # plain text (Bluesky, video titles)
    avatar: str = ""  # file name under the wall media folder
    images: tuple[dict, ...] = field(default_factory=tuple)  # {"name", "alt", "width", "height"}
    author_created: str = ""  # when the author's account was made (curation)

    def __post_init__(self):
        """Whether fetched now or loaded from a snapshot in data/: links pass the URL policy, text
        is plain, HTML sanitized, image names are the store's own (never a path)."""
        fix = lambda name, value: object.__setattr__(self, name, value)  # noqa: E731 (frozen)
        fix("url", web_url(self.url, source=f"wall {self.source}") or "")
        for name in ("network", "author", "handle"):
            fix(name, plain(getattr(self, name), 100))
        fix("text", plain(self.text, 3000))
        fix("html", clean_html(self.html) if self.html else "")
        fix("avatar", media_name(self.avatar))
        images = []
        for image in self.images:
            if isinstance(image, dict) and media_name(image.get("name")):
                images.append(
                    {
                        "name": image["name"],
                        "alt": plain(str(image.get("alt") or ""), 1500),
                        "width": _size(image.get("width")),
                        "height": _size(image.get("height")),
                    }
                )
        fix("images", tuple(images))


def _size(value) -> int:
    """A stored width or height: a whole number of pixels, 0 when it is anything else."""
    return value if type(value) is int and 0 <= value <= 100_000 else 0


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
        source=source["name"],
        network=social.network,
        id=social.id,
        url=social.url,
        author=social.author.name,
        handle=social.author.handle,
        date=social.date,
        html=social.html,
        text=social.text,
        avatar=avatar["name"] if avatar else "",
        images=tuple(images),
        author_created=social.author.created,
    )
