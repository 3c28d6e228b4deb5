"""Backfeed settings (read by marquee.settings from MARQUEE_BACKFEED)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..networks import bluesky as bsky
from . import typed


@dataclass(frozen=True)
class BackfeedSettings:
    data: Path = Path("data/backfeed.json")  # the conversations, committed
    media: Path = Path("data/backfeed")  # avatars, committed beside them
    report_state: Path = Path("cache/report-counts.json")  # the counts at the last `invoke report`
    max_posts: int = 50  # how many syndicated posts, newest first, each run looks at
    show: bool = True  # False hides every conversation on the site
    hide_accounts: tuple[str, ...] = ()  # "@someone@instance.social", "someone.bsky.social"
    hide_replies: tuple[str, ...] = ()  # URLs of single replies to leave out
    appview: str = bsky.APPVIEW  # Bluesky reads (threads, likes, reposts)
    report_path: str = "report/engagement/"  # where the report page goes when it is published
    # True publishes the report page with the site: it lists fans' names and the replies still
    # waiting for an answer, readable by anyone who finds the address. Default: local only
    # (`invoke report --html`).
    publish_report: bool = False
    faces: int = 12  # how many likers/reposters show as faces


def read(raw: dict | None) -> BackfeedSettings:
    """The settings, or ValueError naming every bad key at once."""
    values, problems = typed.check(BackfeedSettings, raw, "MARQUEE_BACKFEED")
    for name in ("max_posts", "faces"):
        if name in values and values[name] < 0:
            problems.append(f'MARQUEE_BACKFEED {name}: "{values[name]}" is below 0')
    if problems:
        raise ValueError("; ".join(problems))
    return BackfeedSettings(**values)
