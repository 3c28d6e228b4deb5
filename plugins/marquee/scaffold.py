"""`invoke new KIND "Title"`: a new Markdown file with every field of its content type.

Fields are pre-filled where the site already knows a good value: the next shoot day, the
series and next episode number, the site's time zone, the last press contact.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

# kind -> content folder and the fields after Title/Date/Summary/Tags, in writing order.
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "diary": ("diary", ("Shoot-Day", "Phase", "Location", "Geo", "Crew", "Image", "Image-Alt")),
    "interview": ("interviews", ("Series", "Episode", "Guests", "Topics", "Video", "Duration", "Image", "Image-Alt")),
    "event": (
        "events",
        (
            "Event-Kind",
            "Start",
            "End",
            "Timezone",
            "Venue",
            "Address",
            "Geo",
            "Tickets",
            "Price",
            "Status",
            "Online-URL",
        ),
    ),
    "press": ("press", ("Release-Date", "Contact")),
    "contest": ("contests", ("Opens", "Closes", "Prize")),
}

TRANSLATE = "Translate the text below into {language}, then remove this line."
BODIES = {
    "diary": "What happened today, in your own words.\n",
    "interview": (
        "Introduce the guest and the theme. Put the clip's URL alone on a line.\n\n"
        "## Chapters\n\n- 00:00 Introductions\n\n## Transcript\n\n**Host:** \n"
    ),
    "event": "What the event is, who will be there, and how to get in.\n",
    "press": "**PLACE, date.** The announcement.\n",
    "contest": "What to win and why.\n\n## How to enter\n\n\n## Rules\n\n- \n",
}

# The sentences of BODIES a producer is meant to replace: a post that still has one is unfinished.
PLACEHOLDERS = tuple(
    sentence for body in BODIES.values() for sentence in re.findall(r"[A-Z][^.\n]*\.", body) if len(sentence) > 15
) + ("then remove this line.",)
# What a translation says anew; every other field is the original's (dates, places, tickets …).
TRANSLATED = {
    "title",
    "summary",
    "image-alt",
    "tags",
    "topics",
    "prize",
    "contact",
    "lang",
    "slug",
    "status",
    "chapters",
}

_FIELD = re.compile(r"^([A-Za-z-]+):\s*(.*)$")


def read_fields(path: Path) -> dict[str, str]:
    """The metadata at the top of a Markdown file (Key: value lines or YAML front matter), keys lower-cased."""
    from .content.frontmatter import FrontMatterError, split

    text = path.read_text(encoding="utf-8")
    try:
        front, _ = split(text)
    except FrontMatterError:  # the build names what is wrong; a new post just learns less from it
        return {}
    if front is not None:
        return {key.lower(): values[0] for key, values in front.items()}
    fields = {}
    for line in text.splitlines():
        match = _FIELD.match(line)
        if not match:
            break
        fields[match[1].lower()] = match[2].strip()
    return fields


def existing(folder: Path) -> list[dict[str, str]]:
    """Fields of the folder's posts, oldest file name first (stable order)."""
    return [read_fields(p) for p in sorted(folder.glob("*.md"))] if folder.is_dir() else []


def _next_number(posts, key: str) -> str:
    numbers = [int(p[key]) for p in posts if p.get(key, "").isascii() and p.get(key, "").isdigit()]
    return str(max(numbers) + 1) if numbers else "1"


def _latest(posts, key: str) -> str:
    dated = sorted((p.get("date", ""), p.get(key, "")) for p in posts if p.get(key))
    return dated[-1][1] if dated else ""


def prefill(kind: str, posts: list[dict[str, str]], today: dt.date, timezone: str) -> dict[str, str]:
    """Good first values for a new post's fields, learned from the existing posts."""
    values = {
        "diary": {
            "Shoot-Day": _next_number(posts, "shoot-day"),
            "Phase": _latest(posts, "phase") or "production",
            "Location": _latest(posts, "location"),
            "Geo": _latest(posts, "geo"),
        },
        "interview": {
            "Series": _latest(posts, "series"),
            "Episode": _next_number(posts, "episode"),
            "Duration": "00:00:00",
        },
        "event": {
            "Event-Kind": "screening",
            "Start": f"{today.isoformat()} 19:30",
            "End": f"{today.isoformat()} 22:00",
            "Timezone": timezone,
            "Status": "scheduled",
        },
        "press": {"Release-Date": today.isoformat(), "Contact": _latest(posts, "contact")},
        "contest": {"Opens": f"{today.isoformat()} 10:00", "Closes": f"{today.isoformat()} 23:59"},
    }
    return values[kind]


def render(kind: str, title: str, now: dt.datetime, values: dict[str, str]) -> str:
    _, fields = KINDS[kind]
    lines = [f"Title: {title}", f"Date: {now:%Y-%m-%d %H:%M}", "Summary:", "Tags:"]
    lines += [f"{name}: {values.get(name, '')}".rstrip() for name in fields]
    return "\n".join(lines) + "\n\n" + BODIES[kind]


def new_translation(kind: str, title: str, content_path: Path, original: str, language: str, name: str) -> Path:
    """`original`'s version in `language` (its name: `name`), beside it as <slug>.<language>.md: the
    original's fields that do not change (date, place, dates, tickets …), the text to translate."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} (expected one of: {', '.join(KINDS)})")
    folder_name, fields = KINDS[kind]
    folder = Path(content_path) / folder_name
    source = folder / f"{original.removeprefix(folder_name + '/').removesuffix('.md')}.md"
    if not source.is_file():
        raise ValueError(f"no {kind} post {source.name} in {folder} (expected the file name of the post to translate)")
    path = source.with_name(f"{source.stem}.{language}.md")
    if path.exists():
        raise FileExistsError(f"{path} already exists: edit that file")
    values = read_fields(source)
    text = source.read_text(encoding="utf-8")
    body = text.split("\n\n", 1)[1] if not text.startswith("---") else text.split("\n---", 2)[-1].lstrip("-\n")
    lines = [
        f"Title: {title.strip()}",
        f"Date: {values.get('date', '')}",
        f"Lang: {language}",
        f"Slug: {source.stem}",
        "Summary:",
        f"Tags: {values.get('tags', '')}",
    ]
    lines += [
        f"{field}: {'' if field.lower() in TRANSLATED else values.get(field.lower(), '')}".rstrip() for field in fields
    ]
    with path.open("x", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n\n" + TRANSLATE.format(language=name) + "\n\n" + body.lstrip("\n"))
    return path


def new_post(kind: str, title: str, content_path: Path, now: dt.datetime, timezone: str = "UTC") -> Path:
    """Write the new post and return its path. Refuses to overwrite an existing file."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} (expected one of: {', '.join(KINDS)})")
    if not title.strip():
        raise ValueError("the title is empty")
    folder_name, _ = KINDS[kind]
    folder = Path(content_path) / folder_name
    slug = slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    path = folder / f"{slug}.md"
    if path.exists():
        raise FileExistsError(f"{path} already exists; choose another title or edit that file")
    values = prefill(kind, existing(folder), now.date(), timezone)
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(render(kind, title.strip(), now, values))
    return path
