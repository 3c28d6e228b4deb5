"""What backfeed stores: per syndicated copy, its counts, reply tree, likers and reposters.

The data file is committed and rewritten deterministically (sorted keys and lists), so two runs
that see the same conversation leave it byte-identical.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from ..net.policy import web_url
from ..sanitize import clean_html, media_name, plain, timestamp

log = logging.getLogger(__name__)


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
    from ..net import localize  # here: net imports settings' packages

    avatar = localize(fetcher, author.avatar, avatar_side, media) if author.avatar else None
    return Person(id=author.id, name=author.name, handle=author.handle, url=author.url, avatar=avatar.name if avatar else "")


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


@dataclass
class Backfeed:
    threads: dict = field(default_factory=dict)  # post id -> {network: Thread}
    history: list = field(default_factory=list)  # [{"date": "YYYY-MM-DD", "totals": {network: n}}]
    mentions: dict = field(default_factory=dict)  # page path -> Thread of its webmentions

    def thread(self, post: str, network: str) -> Thread | None:
        return self.threads.get(post, {}).get(network)

    def record_history(self, today: dt.date) -> None:
        """One point per day: the engagement totals per network (the report's chart)."""
        totals: dict[str, int] = {}
        pairs = [(n, t) for threads in self.threads.values() for n, t in threads.items()]
        for network, thread in pairs + [(t.network, t) for t in self.mentions.values()]:
            totals[network] = totals.get(network, 0) + thread.counts.total
        point = {"date": today.isoformat(), "totals": dict(sorted(totals.items()))}
        if self.history and self.history[-1]["date"] == point["date"]:
            self.history[-1] = point
        else:
            self.history.append(point)


def now() -> str:
    return timestamp(dt.datetime.now(dt.UTC))


class BackfeedDataError(ValueError):
    """The data file is not what `invoke backfeed` writes."""


def load(path: Path, strict: bool = False) -> Backfeed:
    """The stored conversations. A file that is not what `invoke backfeed` writes is an error with
    `strict` (a backfeed run must not overwrite it), else a warning and no conversations (a build)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        threads = {
            str(post): {str(network): _thread(raw) for network, raw in by_network.items()}
            for post, by_network in data.get("threads", {}).items()
        }
        mentions = {str(path): _thread(raw) for path, raw in data.get("mentions", {}).items()}
        return Backfeed(threads, [dict(point) for point in data.get("history", [])], mentions)
    except FileNotFoundError:
        return Backfeed()
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
        message = f"{path}: not a backfeed data file ({type(error).__name__}: {error}); restore it from git"
        if strict:
            raise BackfeedDataError(message) from None
        log.warning("%s; building without conversations", message)
        return Backfeed()


def save(path: Path, backfeed: Backfeed) -> None:
    data = {
        "version": 1,
        "threads": {
            post: {network: asdict(backfeed.threads[post][network]) for network in sorted(backfeed.threads[post])}
            for post in sorted(backfeed.threads)
        },
        "history": backfeed.history,
        **({"mentions": {path: asdict(backfeed.mentions[path]) for path in sorted(backfeed.mentions)}} if backfeed.mentions else {}),
    }
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(partial, path)


def ordered(thread: Thread) -> Thread:
    """Deterministic order: replies by time then id; people by handle."""
    return replace(
        thread,
        replies=tuple(sorted(thread.replies, key=lambda r: (r.published, r.id))),
        likes=tuple(sorted(set(thread.likes), key=lambda p: (p.handle, p.id))),
        reposts=tuple(sorted(set(thread.reposts), key=lambda p: (p.handle, p.id))),
        answered=tuple(sorted(set(thread.answered))),
    )


def _thread(raw: dict) -> Thread:
    person = lambda p: Person(**p)  # noqa: E731
    return Thread(
        network=raw["network"], copy_url=raw["copy_url"], remote_id=raw["remote_id"],
        counts=Counts(**raw.get("counts", {})),
        replies=tuple(Reply(**{**r, "author": person(r["author"])}) for r in raw.get("replies", ())),
        likes=tuple(map(person, raw.get("likes", ()))), reposts=tuple(map(person, raw.get("reposts", ()))),
        answered=tuple(raw.get("answered", ())), fetched=raw.get("fetched", ""),
    )  # fmt: skip
