"""The report in the terminal: rich tables."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from .model import Report, _tuple


def show(report: Report, console) -> None:
    table = Table(title="Engagement per syndicated post")
    with_visits = any(row.visits is not None for row in report.rows)
    for column in ("post", "network", "replies", "likes", "reposts", *(("visits",) if with_visits else ())):
        table.add_column(column, justify="left" if column in ("post", "network") else "right")
    for row in report.rows:
        change = _tuple(row.change) if row.change else (None, None, None)
        cells = (
            [f"{n}" + (f" ({d:+d})" if d else "") for n, d in zip(_tuple(row.counts), change, strict=False)]
            if row.counts
            else ["–"] * 3
        )
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
        waiting.add_row(
            item.reply.published[:10], item.network, Text(item.reply.author.handle), Text(text[:120]), item.reply.url
        )
    console.print(waiting)


def _plain(html: str) -> str:
    from ...content.htmlparts import (
        strip_tags,  # here: content imports settings, which imports us
    )

    return strip_tags(html)
