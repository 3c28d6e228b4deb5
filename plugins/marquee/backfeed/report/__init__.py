"""The engagement report: every syndicated post x network with its counts and the change since
the last report, the top posts per content type, and the fan replies nobody from the film has
answered yet. The same data feeds the terminal table (terminal.py), JSON and CSV (export.py), the
chart (chart.py) and the local HTML page (page.py); the counts of the last report live in state.py.
"""

from __future__ import annotations

import os
from dataclasses import replace

from ...analytics import VisitsError, visits
from ...networks.base.delivery import POSTED
from ...syndication.ledger import read_entries
from ..model import load
from ..moderation import Moderation
from .chart import Chart, chart
from .export import as_csv, as_json
from .model import Report, Row, Waiting, build, counts_now
from .state import load_last, save_last
from .terminal import show

__all__ = [
    "Chart",
    "Report",
    "Row",
    "Waiting",
    "as_csv",
    "as_json",
    "build",
    "chart",
    "counts_now",
    "for_settings",
    "load_last",
    "save_last",
    "show",
]


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
        entries,
        load(settings.data),
        load_last(settings.report_state),
        Moderation.of(settings.hide_accounts, settings.hide_replies),
        visits=came,
    )
    result = replace(result, note=note)
    if format == "json":
        return result, as_json(result) + "\n"
    if format == "csv":
        return result, as_csv(result)
    save_last(settings.report_state, result, marquee_settings.today.isoformat())
    return result, None
