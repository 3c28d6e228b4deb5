"""What a run prints: the exact texts of a dry run, and the summary table of a real one."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..networks.base import text as t
from .pipeline import Outcome


def dry_run(outcomes: list[Outcome], console: Console) -> None:
    for outcome in outcomes:
        if outcome.message is None:
            note = "already posted" if outcome.state == "posted" else outcome.state
            console.print(
                Text(f"{outcome.channel} · {outcome.post.title}: {note} {outcome.detail}".rstrip(), style="dim")
            )
            continue
        message = outcome.message
        lines = [message.text, ""]
        if message.image:
            lines.append(f"image: {message.image.path.name} (alt: {message.image.alt})")
        if message.facets:
            lines.append("facets: " + ", ".join(f"{f.kind} {f.start}-{f.end} {f.value}" for f in message.facets))
        if outcome.cost is not None:
            lines.append(
                f"cost: ${outcome.cost:.3f} (pay-per-use{', a post with a link' if t.URL.search(message.text) else ''})"
            )
        title = f"{outcome.channel} · {message.length}/{message.limit} characters · language {message.language}"
        console.print(
            Panel(
                Text("\n".join(lines).rstrip()), title=Text(title), title_align="left", subtitle=Text(outcome.post.id)
            )
        )
    counts = Counter(o.state for o in outcomes)
    console.print(Text(f"Dry run: {counts['would send']} would be sent, nothing was sent. " + _counts(counts)))
    priced = [o for o in outcomes if o.cost is not None]
    if priced:
        total = sum(o.cost for o in priced)
        console.print(
            Text(
                f"Sending would cost ${total:.2f} on X ({len(priced)} post(s)); reconciliation reads after a failure cost extra."
            )
        )


def summary(outcomes: list[Outcome], console: Console) -> None:
    table = Table(title="Syndication")
    for column in ("post", "channel", "state", "link or reason"):
        table.add_column(column, overflow="fold")
    for outcome in outcomes:
        table.add_row(Text(outcome.post.title), Text(outcome.channel), Text(outcome.state), Text(outcome.detail))
    console.print(table)
    console.print(Text(_counts(Counter(o.state for o in outcomes))))


def _counts(counts: Counter) -> str:
    return ", ".join(f"{n} {state}" for state, n in sorted(counts.items()))
