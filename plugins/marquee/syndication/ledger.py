"""The syndication ledger: what went where, committed with the site.

One entry per (post id, channel, account), in the states planned -> attempting -> posted | failed.
Every change is written at once, atomically (temp file, fsync, rename), by the one process that
holds the lock file, so a crash leaves either the old or the new ledger, never half of one.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path

PLANNED, ATTEMPTING, POSTED, FAILED = "planned", "attempting", "posted", "failed"
VERSION = 1


class LedgerLocked(Exception):
    """Another syndication run holds the ledger."""


@dataclass(frozen=True)
class Entry:
    post: str  # the post's permanent id
    channel: str  # mastodon, bluesky, webhook
    account: str  # which account or endpoint on that channel
    state: str = PLANNED
    key: str = ""  # idempotency key or record key: the same on every try
    post_url: str = ""
    title: str = ""  # the post's, for reports
    type: str = ""  # its content type (diary, interviews, events ...)
    remote_id: str = ""
    url: str = ""  # the public copy, where there is one
    reason: str = ""  # why it failed
    checked: str = ""  # what reconciliation last read, on networks without idempotency keys
    attempts: int = 0
    updated: str = ""  # ISO time of the last change

    @property
    def ident(self) -> tuple[str, str, str]:
        return (self.post, self.channel, self.account)

    @property
    def updated_at(self) -> dt.datetime | None:
        return dt.datetime.fromisoformat(self.updated) if self.updated else None


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


class Ledger:
    def __init__(self, path: Path, entries: dict | None = None):
        self.path = Path(path)
        self.entries: dict[tuple[str, str, str], Entry] = entries or {}
        self._lock = None

    @classmethod
    def load(cls, path: Path) -> Ledger:
        return cls(path, read_entries(path))

    # -- the lock: one writer at a time; the kernel drops it if the process dies
    def __enter__(self) -> Ledger:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = open(self.path.with_name(self.path.name + ".lock"), "w")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise LedgerLocked(f"{self.path} is in use by another syndication run") from None
        self.entries = read_entries(self.path)  # re-read under the lock
        return self

    def __exit__(self, *exc) -> None:
        fcntl.flock(self._lock, fcntl.LOCK_UN)
        self._lock.close()

    def get(self, post: str, channel: str, account: str) -> Entry | None:
        return self.entries.get((post, channel, account))

    def record(self, entry: Entry, **changes) -> Entry:
        entry = replace(entry, **changes, updated=now())
        self.entries[entry.ident] = entry
        self.save()
        return entry

    def for_post(self, post: str) -> list[Entry]:
        return [e for ident, e in sorted(self.entries.items()) if ident[0] == post]

    def save(self) -> None:
        data = {"version": VERSION, "entries": [_plain(e) for _, e in sorted(self.entries.items())]}
        payload = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        handle, temp = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name + ".")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(payload)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        directory = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def read_entries(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    entries = (Entry(**raw) for raw in data.get("entries", ()))
    return {e.ident: e for e in entries}


def _plain(entry: Entry) -> dict:
    return {k: v for k, v in asdict(entry).items() if v not in ("", 0) or k in ("post", "channel", "account", "state")}
