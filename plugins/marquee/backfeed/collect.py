"""One backfeed run: for each syndicated copy, newest first, read the counts; when they changed,
read the whole conversation again. A copy that cannot be read keeps what was stored, with a warning."""

from __future__ import annotations

import datetime as dt

import requests
from atproto_core.exceptions import AtProtocolError
from mastodon import MastodonError
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress

from ..networks.base.delivery import POSTED, Entry
from .model import Backfeed

READ_ERRORS = (MastodonError, AtProtocolError, requests.RequestException, KeyError, TypeError, ValueError)


def newest_copies(entries: dict, networks: set[str], max_posts: int) -> list[Entry]:
    """Posted copies on the given networks, of the newest `max_posts` posts."""
    copies = [e for e in entries.values() if e.state == POSTED and e.channel in networks and e.remote_id]
    newest: dict[str, str] = {}
    for entry in copies:
        newest[entry.post] = max(newest.get(entry.post, ""), entry.updated)
    chosen = set(sorted(newest, key=lambda post: (newest[post], post), reverse=True)[:max_posts])
    return sorted(
        (e for e in copies if e.post in chosen), key=lambda e: (newest[e.post], e.post, e.channel), reverse=True
    )


def collect(copies: list[Entry], backfeed: Backfeed, readers: dict, today: dt.date, console: Console) -> list[str]:
    """Update `backfeed` in place; returns the warnings (also printed)."""
    warnings = []
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("backfeed", total=len(copies))
        for entry in copies:
            reader = readers[entry.channel]
            progress.update(task, description=f"{entry.channel}: {escape((entry.title or entry.post)[:40])}")
            previous = backfeed.thread(entry.post, entry.channel)
            try:
                counts = reader.counts(entry.remote_id)
                if previous is None or previous.counts != counts or previous.remote_id != entry.remote_id:
                    thread = reader.thread(entry.remote_id, entry.url, counts)
                    backfeed.threads.setdefault(entry.post, {})[entry.channel] = thread
                    state = f"{counts.replies} replies, {counts.likes} likes, {counts.reposts} reposts"
                else:
                    state = "unchanged"
                progress.console.print(
                    f"{entry.channel:9} {escape(entry.title or entry.post)}: {state}", highlight=False
                )
            except READ_ERRORS as error:
                warning = f"{entry.channel} {entry.url}: could not read it back ({type(error).__name__}: {str(error)[:200]}); kept what was stored"
                warnings.append(warning)
                progress.console.print(f"[yellow]warning[/] {escape(warning)}", highlight=False)
            progress.advance(task)
    backfeed.record_history(today)
    return warnings
