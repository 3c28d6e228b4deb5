"""One normalized Post for every wall source, and the snapshot file each source keeps."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..net.policy import web_url
from ..sanitize import clean_html, media_name, plain


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
                images.append({"name": image["name"], "alt": plain(str(image.get("alt") or ""), 1500),
                               "width": int(image.get("width") or 0), "height": int(image.get("height") or 0)})  # fmt: skip
        fix("images", tuple(images))


def save(path: Path, posts: list[Post]) -> None:
    """Write a snapshot: deterministic JSON, replaced atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = [asdict(p) for p in sorted(posts, key=lambda p: (p.date, p.id), reverse=True)]
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    partial.replace(path)


def load(path: Path) -> list[Post] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [Post(**{**item, "images": tuple(item.get("images", ()))}) for item in data]
    except (OSError, ValueError, TypeError, AttributeError, RecursionError):
        return None
