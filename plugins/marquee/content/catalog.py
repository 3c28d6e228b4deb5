"""Collections the templates list: diary timeline and locations, series, events, contests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .diary import PHASES
from .fields import Geo


@dataclass
class Location:
    name: str
    geo: Geo | None
    entries: list = field(default_factory=list)  # by shoot day, then date
    pin: str = ""  # its number on the locations map


@dataclass
class Series:
    name: str
    slug: str
    episodes: list = field(default_factory=list)  # by episode number

    @property
    def url(self) -> str:
        return f"interviews/{self.slug}/"


@dataclass
class Collections:
    latest: dict[str, object] = field(default_factory=dict)  # section -> newest article
    timeline: list[tuple[str, list]] = field(default_factory=list)  # (phase, entries): newest phase and entry first
    locations: list[Location] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    upcoming_events: list = field(default_factory=list)  # soonest first
    past_events: list = field(default_factory=list)  # most recent first
    open_contests: list = field(default_factory=list)
    closed_contests: list = field(default_factory=list)

    @property
    def next_event(self):
        """The soonest upcoming event that is going ahead (not cancelled or postponed)."""
        return next((a for a in self.upcoming_events if a.event.happening), None)


def _of(articles, attribute):
    return [a for a in articles if getattr(a, attribute, None) is not None]


def _diary_order(article):
    shoot = article.shoot
    return (shoot.day if shoot.day is not None else 10**6, article.date, article.slug)


def collect(articles, now: dt.datetime) -> Collections:
    result = Collections()
    for article in sorted(articles, key=lambda a: (a.date, a.slug), reverse=True):
        result.latest.setdefault(article.category.slug, article)

    entries = sorted(_of(articles, "shoot"), key=_diary_order)
    # Newest first, by date within each phase: a new entry is on top whatever its shoot day says.
    newest = sorted(entries, key=lambda a: (a.date, a.slug), reverse=True)
    by_phase = {phase: [e for e in newest if e.shoot.phase == phase] for phase in reversed(PHASES)}
    result.timeline = [(phase, found) for phase, found in by_phase.items() if found]
    places: dict[str, Location] = {}
    for entry in entries:
        if entry.shoot.location:
            place = places.setdefault(entry.shoot.location, Location(entry.shoot.location, entry.shoot.geo))
            place.entries.append(entry)
    result.locations = sorted(places.values(), key=lambda p: p.name.lower())

    series: dict[str, Series] = {}
    for episode in sorted(_of(articles, "episode"), key=lambda a: a.episode.number):
        name = episode.episode.series
        series.setdefault(name, Series(name, episode.episode.series_slug)).episodes.append(episode)
    result.series = sorted(series.values(), key=lambda s: s.name.lower())

    events = sorted(_of(articles, "event"), key=lambda a: (a.event.start, a.slug))
    result.upcoming_events = [a for a in events if a.event.upcoming(now)]
    result.past_events = [a for a in reversed(events) if not a.event.upcoming(now)]

    contests = sorted(_of(articles, "contest"), key=lambda a: (a.contest.closes, a.slug))
    result.open_contests = [a for a in contests if a.contest.state(now) == "open"]
    result.closed_contests = [a for a in reversed(contests) if a.contest.state(now) == "closed"]
    return result


def link_neighbours(articles, collections: Collections) -> None:
    """Set `older`/`newer` on each article: by date within its section, by number within a series."""
    by_section: dict[str, list] = {}
    for article in sorted(articles, key=lambda a: (a.date, a.slug)):
        by_section.setdefault(article.category.slug, []).append(article)
    runs = [run for section, run in by_section.items() if section != "interviews"]
    runs += [s.episodes for s in collections.series]
    runs += [[a for a in by_section.get("interviews", []) if getattr(a, "episode", None) is None]]
    for run in runs:
        for i, article in enumerate(run):
            article.older = run[i - 1] if i > 0 else None
            article.newer = run[i + 1] if i + 1 < len(run) else None
