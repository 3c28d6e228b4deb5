"""Parsers for metadata values, and the Problem every bad value becomes.

A parser takes the raw text of one field and returns a typed value, or raises Invalid
saying what the value is not and what was expected. read() runs a schema of Fields over
one file's metadata and returns every value it could parse and every problem it found.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from ..net.policy import web_url


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file: `content/x.md: Field: message`."""

    source: str
    field: str
    message: str
    level: str = "error"  # or "warning"

    def __str__(self) -> str:
        return f"{self.source}: {self.field}: {self.message}" if self.field else f"{self.source}: {self.message}"


class Invalid(ValueError):
    def __init__(self, what: str, expected: str):
        super().__init__(f"not {what} (expected {expected})")
        self.what, self.expected = what, expected


def closest(value: str, options) -> str | None:
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(value: str, options) -> str:
    match = closest(value, options)
    return f'; did you mean "{match}"?' if match else ""


# --- parsers: str -> value, or raise Invalid ------------------------------------------------


def integer(text: str) -> int:
    if not re.fullmatch(r"\d+", text) or int(text) < 1:
        raise Invalid("a whole number", "a whole number from 1 up, e.g. 12")
    return int(text)


MAX_BYTES = 10**12  # a terabyte: more than any episode; a larger number is a typing slip


def byte_size(text: str) -> int:
    if not re.fullmatch(r"\d{1,13}", text) or not 1 <= int(text) <= MAX_BYTES:
        raise Invalid("a size in bytes", f"a whole number of bytes from 1 to {MAX_BYTES}, e.g. 48213344")
    return int(text)


def choice(options: tuple[str, ...], what: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        value = text.strip().lower()
        if value not in options:
            raise Invalid(what, "one of " + ", ".join(options) + did_you_mean(value, options))
        return value

    parse.options = options  # the editor offers them as a choice
    return parse


def date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else _bad()
    except ValueError:
        raise Invalid("a date", "YYYY-MM-DD") from None


def local_datetime(text: str) -> dt.datetime:
    """A wall-clock time; the event's Timezone (or the site's) makes it aware (in_zone). An offset
    after it ("2026-10-25 01:30 +00:00") picks one of the two times the autumn change repeats."""
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2} \d{1,2}:\d{2})(?:\s*([+-]\d{2}):?(\d{2}))?", text)
    try:
        if not match:
            _bad()
        value = dt.datetime.strptime(match[1], "%Y-%m-%d %H:%M")
        if match[2]:
            sign = -1 if match[2].startswith("-") else 1
            offset = dt.timedelta(hours=int(match[2][1:]), minutes=int(match[3])) * sign
            value = value.replace(tzinfo=dt.timezone(offset))
        return value
    except ValueError:
        raise Invalid("a date-time", "YYYY-MM-DD HH:MM") from None


def _offset(value: dt.datetime) -> str:
    total = int(value.utcoffset().total_seconds()) // 60
    return f"{'-' if total < 0 else '+'}{abs(total) // 60:02d}:{abs(total) % 60:02d}"


def in_zone(value: dt.datetime, zone: ZoneInfo, source: str, name: str) -> tuple[dt.datetime | None, list[Problem]]:
    """`value` (from local_datetime) as an aware time in `zone`. A time the spring change skips is
    an error; one the autumn change repeats is a warning unless an offset says which is meant."""
    wall = value.replace(tzinfo=None)
    first, second = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    written = f"{wall:%Y-%m-%d %H:%M}"
    if first.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != wall:
        before = (first.astimezone(dt.UTC) - dt.timedelta(hours=3)).astimezone(zone)
        return None, [
            Problem(
                source,
                name,
                (
                    f'"{written}" does not exist in {zone.key}: the clocks go forward that night '
                    f"({_offset(before)} to {_offset(second)}), so no clock shows that time "
                    "(expected a time before or after the gap)"
                ),
            )
        ]
    if value.tzinfo is not None:
        for candidate in (first, second):
            if candidate.utcoffset() == value.utcoffset():
                return candidate, []
        return None, [
            Problem(
                source,
                name,
                (
                    f'"{written} {_offset(value)}": {zone.key} is at {_offset(first)} then, not {_offset(value)} '
                    f'(expected "{written} {_offset(first)}" or no offset)'
                ),
            )
        ]
    if first.utcoffset() != second.utcoffset():
        return first, [
            Problem(
                source,
                name,
                (
                    f'"{written}" happens twice in {zone.key} (the clocks go back that night); the first '
                    f'({_offset(first)}) is used: to choose, add the offset, e.g. "{written} {_offset(second)}"'
                ),
                level="warning",
            )
        ]
    return first, []


def timezone(text: str) -> ZoneInfo:
    try:
        if "/" not in text and text != "UTC":
            _bad()
        return ZoneInfo(text)
    except (ValueError, ZoneInfoNotFoundError):
        hint = did_you_mean(text, available_timezones())
        raise Invalid("a time zone", "an IANA name such as Europe/Dublin" + hint.replace(";", ",")) from None


@dataclass(frozen=True)
class Geo:
    lat: float
    lon: float

    @property
    def osm_url(self) -> str:
        return f"https://www.openstreetmap.org/?mlat={self.lat}&mlon={self.lon}#map=15/{self.lat}/{self.lon}"

    def __str__(self) -> str:
        return f"{self.lat}, {self.lon}"


def geo(text: str) -> Geo:
    match = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*", text)
    expected = '"latitude, longitude" in degrees, latitude -90 to 90, longitude -180 to 180'
    if not match:
        raise Invalid("a position", expected)
    lat, lon = float(match[1]), float(match[2])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise Invalid("a position on Earth", expected)
    return Geo(lat, lon)


def url(text: str) -> str:
    """An http(s) address (net.policy.web_url: the one URL policy)."""
    if web_url(text) is None or " " in text:
        raise Invalid("a web address", "a full URL starting with https://")
    return text


@dataclass(frozen=True)
class Person:
    name: str
    role: str = ""

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


def people(text: str) -> tuple[Person, ...]:
    """ "Name (role), Name (role)" -> Persons; commas inside parentheses stay in the role."""
    found = []
    for match in re.finditer(r"\s*([^,(]+?)\s*(?:\(([^)]*)\))?\s*(?:,|$)", text):
        if match[1]:
            found.append(Person(match[1].strip(), (match[2] or "").strip()))
    if not found:
        raise Invalid("a list of people", '"Name (role), Name (role)"')
    return tuple(found)


def words(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def duration(text: str) -> dt.timedelta:
    match = re.fullmatch(r"(\d{1,2}):([0-5]\d):([0-5]\d)", text)
    if not match:
        raise Invalid("a duration", "HH:MM:SS, e.g. 00:14:32")
    hours, minutes, seconds = map(int, match.groups())
    return dt.timedelta(hours=hours, minutes=minutes, seconds=seconds)


def boolean(text: str) -> bool:
    value = text.strip().lower()
    if value in ("yes", "true", "on"):
        return True
    if value in ("no", "false", "off"):
        return False
    raise Invalid("yes or no", "yes or no")


def seconds(value: str) -> int | None:
    """A point in a clip: "90", "90s", "1m30s", "1h2m3s" or "1:30"; None when unreadable."""
    value = value.strip()
    if re.fullmatch(r"\d+", value):
        return int(value)
    match = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", value)
    if match and any(match.groups()):
        h, m, s = (int(g or 0) for g in match.groups())
        return h * 3600 + m * 60 + s
    match = re.fullmatch(r"(?:(\d+):)?(\d{1,2}):(\d{2})", value)
    if match:
        return int(match[1] or 0) * 3600 + int(match[2]) * 60 + int(match[3])
    return None


def text(value: str) -> str:
    return value.strip()


def _bad():
    raise ValueError


# --- schema ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    name: str  # as producers write it, e.g. "Shoot-Day"
    parse: Callable[[str], Any] = text
    required: bool = False
    expected: str = ""  # shown when a required field is missing
    stored_as: str = ""  # the metadata key when it is not the lower-cased name
    help: str = ""  # one line under the field in the editor (else `expected`)

    @property
    def key(self) -> str:  # Pelican lower-cases metadata names
        return self.stored_as or self.name.lower()

    def missing(self, kind: str) -> str:
        """What `invoke check` and the editor say when a required field is empty."""
        expected = f"; expected {self.expected}" if self.expected else ""
        return f"missing (required for {kind}{expected})"


def read(metadata: dict, schema: tuple[Field, ...], source: str, kind: str) -> tuple[dict[str, Any], list[Problem]]:
    """Parse every field of `schema` out of `metadata`; missing required fields are problems."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for field in schema:
        raw = metadata.get(field.key)
        raw = ", ".join(raw) if isinstance(raw, (list, tuple)) else ("" if raw is None else str(raw).strip())
        if not raw:
            if field.required:
                problems.append(Problem(source, field.name, field.missing(kind)))
            continue
        try:
            values[field.key] = field.parse(raw)
        except Invalid as error:
            problems.append(Problem(source, field.name, f'"{raw}" is {error}'))
    return values, problems
