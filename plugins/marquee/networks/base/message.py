"""What a channel is given to send: the Message composed for its network, and the Style its
network shows and counts a text by."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import text as t


class ComposeError(Exception):
    """This post cannot go out on this network as it is (the reason says why and where)."""


@dataclass(frozen=True)
class ShareImage:
    path: Path  # the file inside the built site
    url: str
    alt: str
    mime: str = "image/jpeg"


@dataclass(frozen=True)
class Style:
    """How a network shows and counts a text."""

    network: str
    counting: t.Counting
    short_links: bool = False  # show a short link and carry the URL in a facet (Bluesky)
    max_hashtags: int | None = None  # the network's own limit (Threads: one topic tag)
    plain_links: bool = False  # links are not clickable (Instagram captions): the address, to read and type


@dataclass(frozen=True)
class Facet:
    start: int  # UTF-8 byte offsets into the text, end exclusive
    end: int
    kind: str  # "link" or "tag"
    value: str  # the URI, or the tag without "#"


@dataclass(frozen=True)
class Message:
    network: str
    post_id: str
    type: str
    text: str
    length: int  # as the network counts it
    limit: int
    url: str  # the post's link as sent (with UTM tags when on)
    title: str
    description: str
    image: ShareImage | None
    facets: tuple[Facet, ...] = ()
    language: str = "en"  # BCP 47, for networks that tag a post's language (Bluesky)
