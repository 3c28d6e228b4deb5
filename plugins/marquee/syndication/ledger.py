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
from dataclasses import asdict, replace
from pathlib import Path

from ..networks.base.delivery import PLANNED, STATES, Entry

VERSION = 1
TOP_LEVEL = {"version", "entries", "created"}


class LedgerError(Exception):
    """The ledger cannot be used: it says what is wrong and with which file."""


class LedgerLocked(LedgerError):
    """Another syndication run holds the ledger."""


def now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class Ledger:
    """`new`: this run starts the ledger (invoke syndicate --new-ledger). Without it a missing
    ledger, or one without entries that was not started that way, is refused: for a site that has
    posted before it would mean sending everything again."""

    def __init__(self, path: Path, entries: dict | None = None, new: bool = False):
        self.path = Path(path)
        self.entries: dict[tuple[str, str, str], Entry] = entries or {}
        self.created = ""
        self.new = new
        self._lock = None

    @classmethod
    def load(cls, path: Path) -> Ledger:
        ledger = cls(path)
        ledger.entries, ledger.created = read(path)
        return ledger

    # -- the lock: one writer at a time; the kernel drops it if the process dies
    def __enter__(self) -> Ledger:
        lock = self.path.with_name(self.path.name + ".lock")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock = open(lock, "w")
        except OSError as error:  # a read-only checkout, a full disk, a folder we may not write
            raise LedgerError(
                f"cannot lock the ledger {self.path} ({lock}: {error.strerror or error}); nothing was sent"
            ) from None
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise LedgerLocked(f"{self.path} is in use by another syndication run") from None
        try:
            self._remove_leftovers()
            self.entries, self.created = usable(self.path, self.new)  # re-read under the lock
            if not self.created and not self.entries:
                self.created = now()
                self.save()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc) -> None:
        fcntl.flock(self._lock, fcntl.LOCK_UN)
        self._lock.close()

    def _remove_leftovers(self) -> None:
        """Temp files of a run killed while saving (we hold the lock: nobody else is writing)."""
        for leftover in self.path.parent.glob(f".{self.path.name}.tmp-*"):
            leftover.unlink(missing_ok=True)
        for leftover in self.path.parent.glob(f"{self.path.name}.????????"):  # older Marquee's names
            if leftover.suffix != ".lock":
                leftover.unlink(missing_ok=True)

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
        """Write the whole ledger atomically; an OSError (read-only, disk full) is a LedgerError
        that names the file, and leaves the previous ledger and no temp file behind."""
        data = {"version": VERSION, "entries": [_plain(e) for _, e in sorted(self.entries.items())]}
        if self.created:
            data = {"version": VERSION, "created": self.created, "entries": data["entries"]}
        payload = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        try:
            self._write(payload)
        except OSError as error:
            raise LedgerError(
                f"cannot write the ledger {self.path}: {error.strerror or error}; nothing more is sent"
            ) from None

    def _write(self, payload: str) -> None:
        handle, temp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.tmp-")
        try:
            os.fchmod(handle, _mode(self.path))  # mkstemp's 0600 would make the committed file private
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


def _mode(path: Path) -> int:
    """The ledger's permissions: as the file has them, else what the umask gives a new file."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def usable(path: Path, new: bool = False) -> tuple[dict, str]:
    """read(), and refuse a ledger that is missing or has no entries unless it was started on
    purpose (`created`) or this run starts it (`new`)."""
    entries, created = read(path)
    if not entries and not created and not new:
        raise LedgerError(
            f"{path} {'has no entries' if Path(path).exists() else 'does not exist'}: if this site has "
            f"posted before, restore the ledger from git (git checkout -- {path}); if it never has, "
            "run with --new-ledger (every network that can look for an earlier copy does so before "
            "sending); nothing was sent"
        )
    return entries, created


def read_entries(path: Path) -> dict:
    """The entries of the ledger at `path` ({} when there is none); LedgerError when it is broken."""
    return read(path, missing_ok=True)[0]


_FIELDS = Entry.__dataclass_fields__


def read(path: Path, missing_ok: bool = True) -> tuple[dict, str]:
    """(entries, created) of a ledger, checked: shape, version and every entry's fields."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if missing_ok:
            return {}, ""
        raise LedgerError(f"{path} does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise LedgerError(f"{path}: cannot be read ({error})") from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise LedgerError(f"{path}: nested too deeply to be a ledger; restore it from git") from None
    except ValueError as error:
        where = f" at line {error.lineno} column {error.colno}" if hasattr(error, "lineno") else ""
        raise LedgerError(
            f"{path}: not valid JSON{where} ({getattr(error, 'msg', error)}); expected the "
            "ledger invoke syndicate writes: restore it from git"
        ) from None
    problems = _shape_problems(data)
    if problems:
        raise LedgerError(f"{path}: " + "; ".join(problems) + "; nothing was sent")
    entries = {}
    for number, raw in enumerate(data["entries"]):
        entry = Entry(**raw)
        if entry.ident in entries:
            raise LedgerError(f"{path}: entries[{number}] repeats {'/'.join(entry.ident)}; nothing was sent")
        entries[entry.ident] = entry
    return entries, str(data.get("created") or "")


def _shape_problems(data) -> list[str]:
    if not isinstance(data, dict):
        return [f"is a JSON {type(data).__name__}, expected an object with version and entries"]
    problems = []
    if unknown := sorted(set(data) - TOP_LEVEL):
        problems.append(f"unknown field(s) {', '.join(unknown)} (expected {', '.join(sorted(TOP_LEVEL))})")
    if data.get("version") != VERSION:
        problems.append(f"version {data.get('version')!r} is not one this Marquee reads (expected {VERSION})")
    if not isinstance(data.get("entries"), list):
        problems.append(f"entries is {type(data.get('entries')).__name__}, expected a list")
        return problems
    for number, raw in enumerate(data["entries"]):
        where = f"entries[{number}]"
        if not isinstance(raw, dict):
            problems.append(f"{where} is not an object")
            continue
        if unknown := sorted(set(raw) - set(_FIELDS)):
            problems.append(f"{where}: unknown field(s) {', '.join(unknown)}")
        for name in ("post", "channel", "account"):
            if not isinstance(raw.get(name), str) or not raw.get(name):
                problems.append(f"{where}: {name} is missing (expected text)")
        if raw.get("state", PLANNED) not in STATES:
            problems.append(f"{where}: state {raw.get('state')!r} is not one of {', '.join(STATES)}")
        for name, value in raw.items():
            if name not in _FIELDS or name in ("post", "channel", "account"):
                continue
            expected = {"attempts": int, "reconcile": bool}.get(name, str)
            if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                problems.append(f"{where}: {name} is {type(value).__name__}, expected {expected.__name__}")
            elif name in ("updated", "first_sent", "last_sent") and value and not _is_time(value):
                problems.append(f"{where}: {name} {value!r} is not a time (expected ISO 8601 with an offset)")
    return problems


def _plain(entry: Entry) -> dict:
    return {k: v for k, v in asdict(entry).items() if v not in ("", 0) or k in ("post", "channel", "account", "state")}


def _is_time(value: str) -> bool:
    try:
        return dt.datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False
