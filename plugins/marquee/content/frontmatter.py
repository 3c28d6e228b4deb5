"""YAML front matter, as a browser editor (Decap CMS) writes it: a `---` fenced block of YAML at
the top of a Markdown file. Its values become the same `Key: value` texts Pelican's metadata
lines give, so both kinds of file are validated the same way with the same messages."""

from __future__ import annotations

import datetime as dt

import yaml

FENCE = "---"
LINES = {"chapters"}  # lists whose items are lines, not comma-separated words (a chapter title may hold a comma)


class FrontMatterError(ValueError):
    """The front matter cannot be read: says where (line) and what."""


def split(text: str) -> tuple[dict | None, str]:
    """(the front matter's fields as metadata lines, the body) — (None, text) when there is none."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        return None, text
    try:
        end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() in (FENCE, "..."))
    except StopIteration:
        raise FrontMatterError("line 1: the front matter starts with --- but no --- line ends it") from None
    try:
        data = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 2}" if mark is not None else "the front matter"
        raise FrontMatterError(f"{where}: not valid YAML ({getattr(error, 'problem', None) or error})") from None
    if not isinstance(data, dict):
        raise FrontMatterError(f"line 2: the front matter is not a list of fields (Key: value), it is a {type(data).__name__}")
    fields = {}
    for key, value in data.items():
        text = "\n".join(map(str, value)) if str(key).lower() in LINES and isinstance(value, list) else _text(value)
        if text is None:
            raise FrontMatterError(f'field "{key}": a group of fields is not a value (expected text, a date, a number or a list)')
        if text != "":
            fields[str(key)] = [text]
    # A blank first line: the body's own first line is never read as one more field.
    return fields, "\n" + "\n".join(lines[end + 1:])


def _text(value) -> str | None:
    """A YAML value as the text a `Key: value` line would hold; None for a mapping."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        text = value.strftime("%Y-%m-%d %H:%M")
        return f"{text} {value.strftime('%z')[:3]}:{value.strftime('%z')[3:]}" if value.tzinfo else text
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        parts = [_text(item) for item in value]
        return None if any(p is None for p in parts) else ", ".join(p for p in parts if p)
    if isinstance(value, dict):
        return None
    return str(value).strip()
