"""Backfeed settings (read by marquee.settings from MARQUEE_BACKFEED)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..networks import bluesky as bsky


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
    raw = dict(raw or {})
    for name in ("data", "media", "report_state"):
        if name in raw:
            raw[name] = Path(raw[name])
    for name in ("hide_accounts", "hide_replies"):
        raw[name] = tuple(raw.get(name, ()))
    known = set(BackfeedSettings.__dataclass_fields__)
    if unknown := sorted(set(raw) - known):
        raise ValueError(f"MARQUEE_BACKFEED: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    return BackfeedSettings(**raw)
