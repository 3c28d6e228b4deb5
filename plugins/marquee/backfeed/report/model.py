"""The report's data: rows per syndicated copy, the top posts per type, replies waiting."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from ...networks.base.conversation import Counts, Reply
from ...networks.base.delivery import POSTED
from ..model import Backfeed
from ..moderation import Moderation


@dataclass(frozen=True)
class Row:
    post: str
    title: str
    type: str
    url: str  # the post on the site
    network: str
    copy_url: str
    counts: Counts | None  # None: not read back (backfeed reads Mastodon and Bluesky)
    change: Counts | None  # since the last report; None when it was not in it
    visits: int | None = None  # site visitors who came from this copy (analytics with an API)


@dataclass(frozen=True)
class Waiting:
    """A fan reply no reply from our account answers yet."""

    post_title: str
    network: str
    reply: Reply


@dataclass(frozen=True)
class Report:
    rows: tuple[Row, ...]
    top: dict  # content type -> [Row-like dicts], best first
    unanswered: tuple[Waiting, ...]
    history: tuple[dict, ...]
    note: str = ""  # e.g. why there are no visits this time


def build(
    entries: dict, backfeed: Backfeed, last: dict, moderation: Moderation, top_n: int = 3, visits: dict | None = None
) -> Report:
    """`visits`: (page path, network) -> visitors, from analytics (see marquee.analytics)."""
    rows = []
    titles = {}
    for entry in sorted(entries.values(), key=lambda e: (e.updated, e.post, e.channel), reverse=True):
        if entry.state != POSTED or entry.channel in ("webhook", "webmention"):  # no public copy of ours
            continue
        thread = backfeed.thread(entry.post, entry.channel)
        titles[entry.post] = entry.title or entry.post
        before = last.get(entry.post, {}).get(entry.channel)
        change = (
            Counts(*(now - then for now, then in zip(_tuple(thread.counts), before, strict=False)))
            if thread and before
            else None
        )
        came = (visits or {}).get((urlsplit(entry.post_url).path, entry.channel)) if visits is not None else None
        rows.append(
            Row(
                entry.post,
                titles[entry.post],
                entry.type,
                entry.post_url,
                entry.channel,
                thread.copy_url if thread else entry.url,
                thread.counts if thread else None,
                change,
                came if came is not None or visits is None else 0,
            )
        )
    totals: dict[str, dict] = {}
    for row in rows:
        if row.counts:  # ranked on what was read back
            total = totals.setdefault(
                row.post, {"title": row.title, "type": row.type or "other", "url": row.url, "total": 0}
            )
            total["total"] += row.counts.total
    top: dict[str, list] = {}
    for post in sorted(totals.values(), key=lambda t: (-t["total"], t["title"])):
        if len(top.setdefault(post["type"], [])) < top_n:
            top[post["type"]].append(post)
    waiting = []
    for post, threads in backfeed.threads.items():
        for network, thread in threads.items():
            for reply in moderation.replies(thread.replies):
                if reply.id not in thread.answered:
                    waiting.append(Waiting(titles.get(post, post), network, reply))
    waiting.sort(key=lambda w: (w.reply.published, w.reply.id))
    return Report(tuple(rows), dict(sorted(top.items())), tuple(waiting), tuple(backfeed.history))


def counts_now(report: Report) -> dict:
    """What the next report compares against."""
    state: dict[str, dict] = {}
    for row in report.rows:
        if row.counts:
            state.setdefault(row.post, {})[row.network] = list(_tuple(row.counts))
    return state


def _tuple(counts: Counts) -> tuple[int, int, int]:
    return (counts.replies, counts.likes, counts.reposts)
