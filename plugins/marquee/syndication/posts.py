"""What syndication works from: the posts of the site's own JSON Feed (with its `_marquee` part)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..networks.base.message import ShareImage


class FeedError(Exception):
    """The JSON Feed is missing or not what the build writes."""


class BuiltElsewhere(FeedError):
    """The site was built for another address (a preview's, not the public site's)."""


@dataclass(frozen=True)
class Post:
    id: str  # permanent id, the ledger's key
    url: str
    title: str
    summary: str
    type: str  # the content section: diary, interviews, events, ...
    published: dt.datetime
    tags: tuple[str, ...] = ()
    image: ShareImage | None = None
    texts: dict = field(default_factory=dict)  # network -> text written for it in the post
    details: dict = field(default_factory=dict)  # per-type template fields (location, series, when ...)
    syndicate: bool = True
    links: tuple[str, ...] = ()  # links that leave the site: each gets a webmention
    language: str = ""  # BCP 47; "": the feed's


def read_feed(feed_path: Path, output: Path) -> tuple[list[Post], str]:
    """Every post in the feed, oldest first, and the site's home URL."""
    try:
        document = json.loads(feed_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FeedError(f"{feed_path}: no JSON Feed here; build the site first") from None
    except ValueError as error:
        raise FeedError(f"{feed_path}: not JSON ({error})") from None
    home = (document.get("home_page_url") or "").rstrip("/")
    posts = [_post(item, home, output, document.get("language") or "") for item in document.get("items", [])]
    return sorted(posts, key=lambda p: (p.published, p.id)), home


def _post(item: dict, home: str, output: Path, language: str) -> Post:
    extra = item.get("_marquee") or {}
    share = extra.get("share_image")
    image = None
    if share:
        alt = (share.get("alt") or "").strip()
        image = ShareImage(_local(share["url"], home, output), share["url"], alt, _mime(share["url"]))
    return Post(
        id=item["id"],
        url=item["url"],
        title=item.get("title", ""),
        summary=item.get("summary", ""),
        type=extra.get("type", ""),
        published=dt.datetime.fromisoformat(item["date_published"]),
        tags=tuple(item.get("tags", ())),
        image=image,
        texts=dict(extra.get("texts") or {}),
        details=dict(extra.get("details") or {}),
        syndicate=extra.get("syndicate", True),
        links=tuple(str(link) for link in extra.get("links") or ()),
        language=item.get("language") or language,
    )


def _local(url: str, home: str, output: Path) -> Path:
    """The built file behind one of the site's own URLs."""
    path = url[len(home) :] if home and url.startswith(home) else urlsplit(url).path
    return output / path.lstrip("/")


def _mime(url: str) -> str:
    suffix = Path(urlsplit(url).path).suffix.lower()
    return {".png": "image/png", ".webp": "image/webp", ".gif": "image/gif"}.get(suffix, "image/jpeg")
