"""What backfeed stores: per syndicated copy, its counts, reply tree, likers and reposters.

The data file is committed and rewritten deterministically (sorted keys and lists), so two runs
that see the same conversation leave it byte-identical.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..networks.base.conversation import (
    Counts,
    Person,
    Reply,
    Thread,
)

log = logging.getLogger(__name__)


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


class BackfeedDataError(ValueError):
    """The data file is not what `invoke backfeed` writes."""


def load(path: Path, strict: bool = False) -> Backfeed:
    """The stored conversations, checked record by record: a record that is not what `invoke
    backfeed` writes is left out with one warning naming the file and each record, so stored data
    never stops a build. A file that cannot be read at all is an error with `strict` (a backfeed
    run must not overwrite it), else a warning and no conversations (a build)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError(f"a JSON {type(data).__name__}, expected an object with threads and history")
        for section, kind in (("threads", dict), ("mentions", dict), ("history", list)):
            if data.get(section) is not None and not isinstance(data[section], kind):
                raise ValueError(
                    f"{section} is a JSON {type(data[section]).__name__}, expected {'an object' if kind is dict else 'a list'}"
                )
    except FileNotFoundError:
        return Backfeed()
    except (OSError, ValueError, RecursionError) as error:
        message = f"{path}: not a backfeed data file ({type(error).__name__}: {error}); restore it from git"
        if strict:
            raise BackfeedDataError(message) from None
        log.warning("%s; building without conversations", message)
        return Backfeed()
    bad: list[str] = []
    threads: dict = {}
    for post, by_network in _items(data.get("threads"), "threads", bad):
        for network, raw in _items(by_network, f"threads[{post!r}]", bad):
            if (thread := _thread(raw, f"threads[{post!r}][{network!r}]", bad)) is not None:
                threads.setdefault(post, {})[network] = thread
    mentions = {}
    for page, raw in _items(data.get("mentions"), "mentions", bad):
        if (thread := _thread(raw, f"mentions[{page!r}]", bad)) is not None:
            mentions[page] = thread
    history = []
    for number, point in enumerate(data.get("history") if isinstance(data.get("history"), list) else ()):
        totals = point.get("totals") if isinstance(point, dict) else None
        if (
            isinstance(point.get("date") if isinstance(point, dict) else None, str)
            and isinstance(totals, dict)
            and all(isinstance(k, str) and type(v) is int for k, v in totals.items())
        ):
            history.append({"date": point["date"], "totals": dict(totals)})
        else:
            bad.append(f"history[{number}]: expected a date and totals per network")
    if bad:
        log.warning(
            "%s: left out %d record(s) that are not what invoke backfeed writes: %s%s",
            path,
            len(bad),
            "; ".join(bad[:20]),
            f"; and {len(bad) - 20} more" if len(bad) > 20 else "",
        )
    return Backfeed(threads, history, mentions)


def _items(raw, where: str, bad: list[str]):
    if raw is None:
        return []
    if not isinstance(raw, dict):
        bad.append(f"{where}: a JSON {type(raw).__name__}, expected an object")
        return []
    return [(str(key), value) for key, value in raw.items()]


def _text_fields(raw: dict, cls, required: tuple[str, ...]) -> str:
    """Why `raw` cannot be a `cls` ("" when it can): unknown fields, a field that is not text, a required one empty."""
    known = set(cls.__dataclass_fields__)
    if unknown := sorted(set(raw) - known):
        return f"unknown field(s) {', '.join(unknown)}"
    for name, value in raw.items():
        if name not in ("author", "counts", "replies", "likes", "reposts", "answered") and not isinstance(value, str):
            return f"{name} is {type(value).__name__}, expected text"
    missing = [name for name in required if not raw.get(name)]
    return f"{', '.join(missing)} missing" if missing else ""


def _person(raw, where: str, bad: list[str]) -> Person | None:
    problem = "not an object" if not isinstance(raw, dict) else _text_fields(raw, Person, ("id",))
    if problem:
        bad.append(f"{where}: {problem}")
        return None
    return Person(**{"name": "", "handle": "", "url": "", **raw})


def _reply(raw, where: str, bad: list[str]) -> Reply | None:
    problem = "not an object" if not isinstance(raw, dict) else _text_fields(raw, Reply, ("id",))
    if not problem and raw.get("parent") == raw["id"]:
        problem = f"it answers itself (id and parent {raw['id']!r})"
    author = None if problem else _person(raw.get("author"), f"{where}.author", bad)
    if problem or author is None:
        bad.append(f"{where}: {problem or 'no usable author'}")
        return None
    return Reply(**{"url": "", "parent": "", "published": "", **raw, "author": author})


def _thread(raw, where: str, bad: list[str]) -> Thread | None:
    problem = "not an object" if not isinstance(raw, dict) else _text_fields(raw, Thread, ("network",))
    counts = raw.get("counts", {}) if not problem else {}
    if not problem and not (
        isinstance(counts, dict)
        and set(counts) <= set(Counts.__dataclass_fields__)
        and all(type(v) is int and v >= 0 for v in counts.values())
    ):
        problem = "counts are not whole numbers of replies, likes and reposts"
    if problem:
        bad.append(f"{where}: {problem}")
        return None
    lists = {
        name: raw.get(name) if isinstance(raw.get(name), list) else []
        for name in ("replies", "likes", "reposts", "answered")
    }
    replies = [_reply(r, f"{where}.replies[{n}]", bad) for n, r in enumerate(lists["replies"])]
    likes = [_person(p, f"{where}.likes[{n}]", bad) for n, p in enumerate(lists["likes"])]
    reposts = [_person(p, f"{where}.reposts[{n}]", bad) for n, p in enumerate(lists["reposts"])]
    return Thread(
        network=raw["network"],
        copy_url=raw.get("copy_url", ""),
        remote_id=raw.get("remote_id", ""),
        counts=Counts(**counts),
        replies=tuple(r for r in replies if r),
        likes=tuple(p for p in likes if p),
        reposts=tuple(p for p in reposts if p),
        answered=tuple(str(a) for a in lists["answered"] if isinstance(a, str)),
        fetched=raw.get("fetched", ""),
    )


def save(path: Path, backfeed: Backfeed) -> None:
    data = {
        "version": 1,
        "threads": {
            post: {network: asdict(backfeed.threads[post][network]) for network in sorted(backfeed.threads[post])}
            for post in sorted(backfeed.threads)
        },
        "history": backfeed.history,
        **(
            {"mentions": {path: asdict(backfeed.mentions[path]) for path in sorted(backfeed.mentions)}}
            if backfeed.mentions
            else {}
        ),
    }
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(partial, path)
