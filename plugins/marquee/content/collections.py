"""What the home page and navigation need: latest post per section, the next event."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

log = logging.getLogger(__name__)


@dataclass
class Home:
    latest: dict[str, object] = field(default_factory=dict)  # section -> newest article
    upcoming_events: list = field(default_factory=list)  # soonest first

    @property
    def next_event(self):
        return self.upcoming_events[0] if self.upcoming_events else None


def event_start(article) -> dt.datetime | None:
    """The event's start as an aware datetime, or None when Start/Timezone cannot be read."""
    meta = article.metadata
    try:
        zone = ZoneInfo(meta.get("timezone") or "UTC")
        start = dt.datetime.strptime(str(meta["start"]).strip(), "%Y-%m-%d %H:%M")
    except (KeyError, ValueError, ZoneInfoNotFoundError):
        return None
    return start.replace(tzinfo=zone)


# Events that will not take place on their stated date are not "next".
NOT_HAPPENING = {"cancelled", "postponed"}


def link_neighbours(articles, section_of=lambda a: a.category.slug) -> None:
    """Set `older` and `newer` on each article: its neighbours by date within its section."""
    by_section: dict[str, list] = {}
    for article in sorted(articles, key=lambda a: (a.date, a.slug)):
        by_section.setdefault(section_of(article), []).append(article)
    for run in by_section.values():
        for i, article in enumerate(run):
            article.older = run[i - 1] if i > 0 else None
            article.newer = run[i + 1] if i + 1 < len(run) else None


def home(articles, now: dt.datetime, section_of=lambda a: a.category.slug) -> Home:
    """Latest article per section and upcoming events (started after `now`) in date order."""
    result = Home()
    for article in sorted(articles, key=lambda a: a.date, reverse=True):
        result.latest.setdefault(section_of(article), article)
    events = [
        (event_start(a), a)
        for a in articles
        if section_of(a) == "events" and a.metadata.get("event-status") not in NOT_HAPPENING
    ]
    upcoming = sorted(((s, a) for s, a in events if s and s >= now), key=lambda pair: pair[0])
    result.upcoming_events = [a for _, a in upcoming]
    return result
