"""The conversation around one syndicated copy, as every backfeed reader brings it home: the
people, their replies (a tree by parent), the counts. Text and links pass the site's policy
whether fetched now or loaded from the committed data file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ...net.policy import web_url
from ...sanitize import clean_html, media_name, plain, timestamp


@dataclass(frozen=True)
class Person:
    id: str  # account id or DID
    name: str  # display name, plain text
    handle: str  # "@fan@instance.social" or "@fan.bsky.social"
    url: str
    avatar: str = ""  # file name under the backfeed media folder

    def __post_init__(self):
        # Fetched now or loaded from data/: the same policy (links, plain text, stored names).
        object.__setattr__(self, "name", plain(self.name, 100))
        object.__setattr__(self, "handle", plain(self.handle, 100))
        object.__setattr__(self, "url", web_url(self.url, source="backfeed") or "")
        object.__setattr__(self, "avatar", media_name(self.avatar))


def person(author, fetcher, media, avatar_side: int = 96) -> Person:
    """A Person from the shared social model's Author, with the avatar stored in `media`."""
    from ...net import localize  # here: net imports settings' packages

    avatar = localize(fetcher, author.avatar, avatar_side, media) if author.avatar else None
    return Person(
        id=author.id, name=author.name, handle=author.handle, url=author.url, avatar=avatar.name if avatar else ""
    )


@dataclass(frozen=True)
class Reply:
    id: str
    url: str
    parent: str  # the id it answers; "" for a reply to our copy itself
    author: Person
    published: str  # ISO 8601, UTC
    html: str = ""  # sanitized (Mastodon)
    text: str = ""  # plain (Bluesky)
    kind: str = ""  # on the web (webmentions): "reply", "mention", "bookmark" or "rsvp"

    def __post_init__(self):
        object.__setattr__(self, "url", web_url(self.url, source="backfeed") or "")
        object.__setattr__(self, "html", clean_html(self.html) if self.html else "")
        object.__setattr__(self, "text", plain(self.text, 3000))
        object.__setattr__(self, "kind", plain(self.kind, 20))


@dataclass(frozen=True)
class Counts:
    replies: int = 0
    likes: int = 0
    reposts: int = 0

    @property
    def total(self) -> int:
        return self.replies + self.likes + self.reposts


@dataclass(frozen=True)
class Thread:
    """The conversation around one syndicated copy."""

    network: str  # "mastodon", "bluesky" or "web" (webmentions)
    copy_url: str
    remote_id: str
    counts: Counts = Counts()
    replies: tuple[Reply, ...] = ()  # fans' replies only, oldest first
    likes: tuple[Person, ...] = ()
    reposts: tuple[Person, ...] = ()
    answered: tuple[str, ...] = ()  # ids of fan replies our account has answered
    fetched: str = ""

    def __post_init__(self):
        object.__setattr__(self, "copy_url", web_url(self.copy_url, source="backfeed") or "")


def now() -> str:
    return timestamp(dt.datetime.now(dt.UTC))


def ordered(thread: Thread) -> Thread:
    """Deterministic order: replies by time then id; people by handle."""
    return replace(
        thread,
        replies=tuple(sorted(thread.replies, key=lambda r: (r.published, r.id))),
        likes=tuple(sorted(set(thread.likes), key=lambda p: (p.handle, p.id))),
        reposts=tuple(sorted(set(thread.reposts), key=lambda p: (p.handle, p.id))),
        answered=tuple(sorted(set(thread.answered))),
    )
