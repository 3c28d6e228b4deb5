"""The engagement report: every syndicated post x network with its counts and the change since
the last report, the top posts per content type, and the fan replies nobody from the film has
answered yet. The same data feeds the terminal table, JSON, CSV and the unlisted HTML page."""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from rich.table import Table
from rich.text import Text

from ..analytics import VisitsError, visits
from ..syndication.ledger import POSTED, read_entries
from .model import Backfeed, Counts, Reply, load
from .moderation import Moderation


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


def build(entries: dict, backfeed: Backfeed, last: dict, moderation: Moderation, top_n: int = 3,
          visits: dict | None = None) -> Report:  # fmt: skip
    """`visits`: (page path, network) -> visitors, from analytics (see marquee.analytics)."""
    rows = []
    titles = {}
    for entry in sorted(entries.values(), key=lambda e: (e.updated, e.post, e.channel), reverse=True):
        if entry.state != POSTED or entry.channel in ("webhook", "webmention"):  # no public copy of ours
            continue
        thread = backfeed.thread(entry.post, entry.channel)
        titles[entry.post] = entry.title or entry.post
        before = last.get(entry.post, {}).get(entry.channel)
        change = Counts(*(now - then for now, then in zip(_tuple(thread.counts), before))) if thread and before else None
        came = (visits or {}).get((urlsplit(entry.post_url).path, entry.channel)) if visits is not None else None
        rows.append(Row(entry.post, titles[entry.post], entry.type, entry.post_url, entry.channel,
                        thread.copy_url if thread else entry.url, thread.counts if thread else None, change,
                        came if came is not None or visits is None else 0))  # fmt: skip
    totals: dict[str, dict] = {}
    for row in rows:
        if row.counts:  # ranked on what was read back
            total = totals.setdefault(row.post, {"title": row.title, "type": row.type or "other", "url": row.url, "total": 0})
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


def load_last(path: Path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8")).get("counts", {})
    except FileNotFoundError:
        return {}


def save_last(path: Path, report: Report, date: str) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"date": date, "counts": counts_now(report)}, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def as_json(report: Report) -> str:
    return json.dumps(asdict(report), ensure_ascii=False, indent=2, sort_keys=True)


def as_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["post", "title", "type", "network", "replies", "likes", "reposts",
                     "replies_change", "likes_change", "reposts_change", "visits", "url", "copy_url"])  # fmt: skip
    for row in report.rows:
        counts = _tuple(row.counts) if row.counts else ("", "", "")
        change = _tuple(row.change) if row.change else ("", "", "")
        visits = "" if row.visits is None else row.visits
        writer.writerow([row.post, row.title, row.type, row.network, *counts, *change, visits, row.url, row.copy_url])
    return out.getvalue()


@dataclass(frozen=True)
class Chart:
    """An SVG line chart's geometry; the template draws it."""

    width: int
    height: int
    lines: tuple[tuple[str, str], ...]  # (network, "x,y x,y ...")
    dates: tuple[tuple[float, str], ...]  # x positions of the first and last date labels
    top: int  # the largest value, the y axis' top label


def chart(history, width: int = 640, height: int = 240, pad: int = 36) -> Chart | None:
    if len(history) < 2:
        return None
    networks = sorted({n for point in history for n in point["totals"]})
    top = max(1, max(point["totals"].get(n, 0) for point in history for n in networks))
    step = (width - 2 * pad) / (len(history) - 1)
    lines = []
    for network in networks:
        points = " ".join(
            f"{pad + i * step:.1f},{height - pad - (height - 2 * pad) * point['totals'].get(network, 0) / top:.1f}"
            for i, point in enumerate(history)
        )
        lines.append((network, points))
    dates = ((float(pad), history[0]["date"]), (float(width - pad), history[-1]["date"]))
    return Chart(width, height, tuple(lines), dates, top)


def _tuple(counts: Counts) -> tuple[int, int, int]:
    return (counts.replies, counts.likes, counts.reposts)


def for_settings(marquee_settings, format: str = "table", environ=None) -> tuple[Report, str | None]:
    """The report from the committed data; as JSON or CSV text when asked. A table run also
    remembers today's counts, so that the next report shows what changed since."""
    if format not in ("table", "json", "csv"):
        raise ValueError(f"--format {format}: not one of table, json, csv")
    settings = marquee_settings.backfeed
    entries = read_entries(marquee_settings.syndication.ledger)
    came, note = None, ""
    if marquee_settings.analytics and marquee_settings.analytics.api:
        networks = sorted({e.channel for e in entries.values() if e.state == POSTED and e.channel != "webhook"})
        try:
            came = visits(marquee_settings.analytics, networks, environ if environ is not None else os.environ)
        except VisitsError as error:
            note = f"no visits this time: {error}"
    result = build(
        entries, load(settings.data), load_last(settings.report_state),
        Moderation.of(settings.hide_accounts, settings.hide_replies), visits=came,
    )  # fmt: skip
    result = replace(result, note=note)
    if format == "json":
        return result, as_json(result) + "\n"
    if format == "csv":
        return result, as_csv(result)
    save_last(settings.report_state, result, marquee_settings.today.isoformat())
    return result, None


def show(report: Report, console) -> None:
    table = Table(title="Engagement per syndicated post")
    with_visits = any(row.visits is not None for row in report.rows)
    for column in ("post", "network", "replies", "likes", "reposts", *(("visits",) if with_visits else ())):
        table.add_column(column, justify="left" if column in ("post", "network") else "right")
    for row in report.rows:
        change = _tuple(row.change) if row.change else (None, None, None)
        cells = [f"{n}" + (f" ({d:+d})" if d else "") for n, d in zip(_tuple(row.counts), change)] if row.counts else ["–"] * 3
        table.add_row(Text(row.title), row.network, *cells, *((str(row.visits),) if with_visits else ()))
    console.print(table)
    if report.note:
        console.print(Text(report.note, style="yellow"))
    for type, posts in report.top.items():
        console.print(Text(f"Top {type}: " + "; ".join(f"{p['title']} ({p['total']})" for p in posts)))
    waiting = Table(title=f"{len(report.unanswered)} fan replies waiting for an answer (oldest first)")
    for column in ("date", "network", "from", "reply", "link"):
        waiting.add_column(column, overflow="fold")
    for item in report.unanswered:
        text = item.reply.text or _plain(item.reply.html)
        waiting.add_row(item.reply.published[:10], item.network, Text(item.reply.author.handle), Text(text[:120]), item.reply.url)
    console.print(waiting)


def _plain(html: str) -> str:
    from ..content.htmlparts import strip_tags  # here: content imports settings, which imports us

    return strip_tags(html)
