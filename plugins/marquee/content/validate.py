"""Turn each post's metadata into its typed object and collect every problem, site-wide.

A build lists every problem at once: parsing never stops at the first bad value, and
report() raises only after all of them have been logged, before anything is written.
"""

from __future__ import annotations

import logging
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from .. import media
from ..settings.syndication import NETWORKS
from . import contests, diary, events, interviews, press
from . import fields as f
from .pictures import content_file, content_relative

log = logging.getLogger(__name__)

# section (content folder) -> module with KIND, SCHEMA, build(); and the article attribute.
TYPES = {"diary": diary, "interviews": interviews, "events": events, "press": press, "contests": contests}
ATTRIBUTES = {"diary": "shoot", "interviews": "episode", "events": "event", "press": "release", "contests": "contest"}

# A text written for one network ("Mastodon-Text:", "LinkedIn-Text:" ...), for every network.
TEXT_FIELDS = tuple(f"{label}-Text" for network, label in NETWORKS.items() if network != "webhook")

# Fields any post may have: Pelican's own, and Marquee's common ones (share image, syndication).
COMMON_FIELDS = (
    "Title",
    "Date",
    "Modified",
    "Tags",
    "Keywords",
    "Category",
    "Author",
    "Authors",
    "Summary",
    "Slug",
    "Status",
    "Template",
    "Save_as",
    "URL",
    "Lang",
    "Translation",
    "Translation_key",
    "Reader",
    "Image",
    "Image-Alt",
    *TEXT_FIELDS,
    "Syndicate",
    "Film-Facts",
)


# What is said of a photo without its description (by the build and by the editor).
ALT_MISSING = "missing (required when Image is given; expected a sentence describing the image)"

# Fields every post may carry for syndication (read by feeds and the publish pipeline).
SYNDICATION_SCHEMA = (
    f.Field("Syndicate", f.boolean),
    *(f.Field(name) for name in TEXT_FIELDS),
    f.Field("Conversation", f.boolean),
)


@dataclass(frozen=True)
class Syndication:
    allowed: bool = True  # `Syndicate: no` keeps a post off social networks
    texts: tuple[tuple[str, str], ...] = ()  # (network, text written for it)
    conversation: bool = True  # `Conversation: no` hides the replies backfed from the networks


class ContentError(Exception):
    """Raised after every problem is logged: the build stops before writing anything."""

    exitcode = 1


@dataclass(frozen=True)
class ParseContext:
    source: str  # the file, relative to the project: content/events/x.md
    zone: ZoneInfo  # the site's time zone
    content_path: Path


def relative_source(path: str, content_path: Path) -> str:
    return os.path.relpath(path, content_path.parent)


def common_problems(metadata: dict, schema: tuple[f.Field, ...], kind: str, ctx: ParseContext) -> list[f.Problem]:
    """Unknown fields (a warning with a suggestion) and images without alt text or file."""
    problems = []
    known = {name.lower(): name for name in COMMON_FIELDS} | {field.key: field.name for field in schema}
    for key in sorted(metadata):
        if key not in known:
            match = f.closest(key, known)
            hint = f'; did you mean "{known[match]}"?' if match else ""
            problems.append(f.Problem(ctx.source, key.title(), f"is not a field of {kind}{hint}", level="warning"))
    problems += path_problems(metadata, ctx)
    image = str(metadata.get("image") or "").strip()
    if image:
        if not str(metadata.get("image-alt") or "").strip():
            problems.append(f.Problem(ctx.source, "Image-Alt", ALT_MISSING))
        if content_file(ctx.content_path, image) is None:
            problems.append(
                f.Problem(
                    ctx.source,
                    "Image",
                    f'"{image}" is not a file under content/ (expected a path such as images/diary/photo.jpg)',
                )
            )
        elif problem := media.problem(ctx.content_path, content_relative(image)):
            problems.append(f.Problem(ctx.source, "Image", f'"{image}" cannot be published: {problem}'))
    return problems


def path_problems(metadata: dict, ctx: ParseContext) -> list[f.Problem]:
    """Slug, Save_as and URL become paths in the output: they must stay inside it."""
    problems = []
    slug = str(metadata.get("slug") or "").strip()
    if slug and not re.fullmatch(r"[\w][\w.-]*", slug):
        problems.append(
            f.Problem(
                ctx.source,
                "Slug",
                f'"{slug}" is not a slug (expected letters, digits and - only, e.g. day-12-night-shoot)',
            )
        )
    for name in ("save_as", "url"):
        value = str(metadata.get(name) or "").strip()
        parts = value.replace("\\", "/").split("/")
        if value and (value.startswith("/") or ".." in parts or ":" in value):
            problems.append(
                f.Problem(
                    ctx.source,
                    name.title(),
                    f'"{value}" leaves the site (expected a path inside it, e.g. press/kit/index.html)',
                )
            )
    return problems


def parse_post(post, section: str | None, ctx: ParseContext, kind: str = "a page") -> list[f.Problem]:
    """Attach the typed object for `section` to `post` (None when it has errors); return problems."""
    module = TYPES.get(section)
    schema = module.SCHEMA if module else ()
    problems = common_problems(post.metadata, schema, module.KIND if module else kind, ctx)
    hints, found = f.read(post.metadata, SYNDICATION_SCHEMA, ctx.source, kind)
    problems += found
    post.syndication = Syndication(
        allowed=hints.get("syndicate", True),
        conversation=hints.get("conversation", True),
        texts=tuple((name, hints[f"{name}-text"]) for name in NETWORKS if f"{name}-text" in hints),
    )
    if module:
        values, found = f.read(post.metadata, schema, ctx.source, module.KIND)
        typed, more = module.build(values, post, ctx)
        problems += found + more
        # Never half-typed: a post with any error has no typed object (and fails the build).
        setattr(post, ATTRIBUTES[section], None if any(p.level == "error" for p in problems) else typed)
    return problems


def duplicate_episodes(articles, source_of) -> list[f.Problem]:
    """Episode numbers must be unique within a series: read from every file that names a Series
    and an Episode, whatever else is wrong with it, so one error cannot hide another."""
    seen: dict[tuple[str, int], list] = defaultdict(list)
    for article in sorted(articles, key=source_of):
        series = str(article.metadata.get("series") or "").strip()
        try:
            number = f.integer(str(article.metadata.get("episode") or "").strip())
        except f.Invalid:
            continue
        if series:
            seen[(series, number)].append(article)
    problems = []
    for (series, number), same in sorted(seen.items()):
        for other in same[1:]:
            problems.append(
                f.Problem(
                    source_of(other),
                    "Episode",
                    f'{number} is already used in series "{series}" by {source_of(same[0])}',
                )
            )
    return problems


class ErrorCount(logging.Handler):
    """Counts errors Pelican itself logs (a bad Date, an unreadable file) during one build."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record):
        self.count += 1


def report(problems: list[f.Problem], pelican_errors: int = 0) -> None:
    """Log every problem; then, if any is an error, stop the build."""
    errors = [p for p in problems if p.level == "error"]
    for problem in problems:
        (log.error if problem.level == "error" else log.warning)("%s", problem)
    total = len(errors) + pelican_errors
    if total:
        raise ContentError(f"{total} content error(s) listed above; nothing was written")
