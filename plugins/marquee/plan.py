"""`invoke plan`: the editorial calendar, from the same data as publishing — the posts a build
with the publishing settings sees (future-dated ones are scheduled) and what the ledger says
went out: every scheduled post with when it goes out and where; each interview series' cadence
and its next episode; gaps without a post while the film is being shot; upcoming events whose
post is not out (or not out early enough). As a table, an ICS file for the team and a local page,
never deployed."""

from __future__ import annotations

import datetime as dt
import html
import statistics
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from icalendar import Calendar
from icalendar import Event as VEvent

from .networks import NETWORKS
from .networks.base.delivery import POSTED
from .settings.plan import PlanSettings
from .syndication.ledger import read_entries

NAMESPACE = uuid.UUID("b7c0c9a4-52a8-4f3e-9d4e-2f1f6d0a6c11")  # the plan's UIDs: stable across runs


@dataclass(frozen=True)
class Item:
    """A post as the plan sees it."""

    id: str  # the ledger's post id
    title: str
    section: str
    date: dt.datetime
    scheduled: bool  # dated in the future: published by the first build after its date
    syndicate: bool = True
    series: str = ""
    episode: int | None = None
    phase: str = ""  # a diary entry's production phase
    event_start: dt.datetime | None = None
    event_happening: bool = True


@dataclass(frozen=True)
class Scheduled:
    item: Item
    networks: tuple[str, ...]  # where it goes out, by label


@dataclass(frozen=True)
class SeriesState:
    name: str
    last: Item | None  # the newest published episode
    cadence_days: int
    learned: bool  # the cadence comes from the episodes (not MARQUEE_PLAN)
    due: dt.date | None  # when the next episode is due
    next: Item | None  # the next episode, when one is scheduled
    overdue_days: int = 0


@dataclass(frozen=True)
class Gap:
    start: dt.date
    end: dt.date  # the next post, or today when nothing came since
    open: bool = False  # nothing has come since, and nothing is scheduled

    @property
    def days(self) -> int:
        return (self.end - self.start).days


@dataclass(frozen=True)
class Unannounced:
    item: Item
    reason: str


@dataclass
class Plan:
    now: dt.datetime
    scheduled: list[Scheduled] = field(default_factory=list)
    series: list[SeriesState] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    unannounced: list[Unannounced] = field(default_factory=list)


def make(
    items: list[Item],
    sent: dict[str, set[str]],
    networks: dict[str, str],
    since: dt.datetime | None,
    now: dt.datetime,
    settings: PlanSettings,
) -> Plan:
    """`sent`: post id -> the networks the ledger says it went out to; `networks`: the configured
    networks (name -> label)."""
    plan = Plan(now)
    items = sorted(items, key=lambda i: (i.date, i.id))
    for item in items:
        if item.scheduled:
            goes = () if not item.syndicate or (since and item.date < since) else tuple(networks.values())
            plan.scheduled.append(Scheduled(item, goes))
    plan.series = _series(items, now, settings)
    plan.gaps = _gaps(items, now, settings.gap_days)
    plan.unannounced = _unannounced(items, sent, networks, now, settings.announce_days)
    return plan


def _series(items: list[Item], now: dt.datetime, settings: PlanSettings) -> list[SeriesState]:
    states = []
    for name in sorted({i.series for i in items if i.series}, key=str.lower):
        episodes = [i for i in items if i.series == name]
        published = [i for i in episodes if not i.scheduled]
        upcoming = [i for i in episodes if i.scheduled]
        intervals = [(b.date - a.date).days for a, b in zip(published, published[1:], strict=False)]
        cadence = settings.cadence(name) or (round(statistics.median(intervals)) if intervals else 30)
        last = published[-1] if published else None
        due = (last.date + dt.timedelta(days=cadence)).date() if last else None
        late = (now.date() - due).days if due and not upcoming else 0
        states.append(
            SeriesState(
                name,
                last,
                cadence,
                settings.cadence(name) is None,
                due,
                upcoming[0] if upcoming else None,
                max(late, 0),
            )
        )
    return states


def _gaps(items: list[Item], now: dt.datetime, gap_days: int) -> list[Gap]:
    """Gaps while the film is being shot: from the first production diary entry to the last (or
    to today, while the diary's newest phase is production); over the whole site when the diary
    names no production phase."""
    diary = [i for i in items if i.phase]
    shooting = [i for i in diary if i.phase == "production"]
    days = sorted({i.date.date() for i in items})
    if not days:
        return []
    start = shooting[0].date.date() if shooting else days[0]
    still = shooting and diary[-1].phase == "production"
    end = max(days[-1], now.date()) if (still or not shooting) else shooting[-1].date.date()
    inside = [d for d in days if start <= d <= end]
    gaps = [Gap(a, b) for a, b in zip(inside, inside[1:], strict=False) if (b - a).days > gap_days]
    last = inside[-1] if inside else start
    if end == now.date() and (now.date() - last).days > gap_days and not any(i.scheduled for i in items):
        gaps.append(Gap(last, now.date(), open=True))
    return gaps


def _unannounced(items, sent, networks, now, announce_days) -> list[Unannounced]:
    found = []
    for item in sorted((i for i in items if i.event_start), key=lambda i: (i.event_start, i.id)):
        if item.event_start is None or item.event_start < now or not item.event_happening:
            continue
        deadline = item.event_start - dt.timedelta(days=announce_days)
        if item.scheduled and item.date > deadline:
            found.append(
                Unannounced(
                    item, f"its post goes out {item.date:%Y-%m-%d}, {_days(item.event_start - item.date)} before it"
                )
            )
        elif not item.scheduled and networks and item.syndicate and not (sent.get(item.id, set()) & set(networks)):
            found.append(
                Unannounced(item, "its post is on the site but has gone out to no network (the ledger has no copy)")
            )
    return found


def _days(delta: dt.timedelta) -> str:
    return f"{delta.days} day{'s' if delta.days != 1 else ''}"


# --- from a build ------------------------------------------------------------------------------


def from_build(settings_file: str | Path, overrides: dict | None = None) -> Plan:
    """Build with `settings_file` (the publishing settings) into a temporary folder and plan from
    what that build and the ledger say."""
    from pelican import Pelican, signals
    from pelican.settings import read_settings

    from . import settings as marquee_settings
    from .feeds.entries import post_id

    seen = {}

    def keep(generators):
        for generator in generators:
            if hasattr(generator, "drafts"):
                seen["posts"] = list(generator.articles) + list(generator.drafts)

    signals.all_generators_finalized.connect(keep)
    try:
        with tempfile.TemporaryDirectory(prefix="marquee-plan-") as output:
            raw = read_settings(str(settings_file), override={"OUTPUT_PATH": output, **(overrides or {})})
            Pelican(raw).run()
    finally:
        signals.all_generators_finalized.disconnect(keep)
    marquee = marquee_settings.read(raw)
    now = marquee.now
    items = []
    for post in seen.get("posts", []):
        explicit_draft = str(post.metadata.get("status", "")).lower() == "draft"
        if explicit_draft or (post.status == "draft" and post.date <= now):
            continue  # work in progress, not scheduled
        episode, event, shoot = (
            getattr(post, "episode", None),
            getattr(post, "event", None),
            getattr(post, "shoot", None),
        )
        syndication = getattr(post, "syndication", None)
        items.append(
            Item(
                id=post_id(marquee.id_prefix, post),
                title=post.title,
                section=post.category.slug,
                date=post.date,
                scheduled=post.date > now,
                syndicate=syndication.allowed if syndication else True,
                series=episode.series if episode else "",
                episode=episode.number if episode else None,
                phase=shoot.phase if shoot else "",
                event_start=event.start if event else None,
                event_happening=event.happening if event else True,
            )
        )
    sent: dict[str, set[str]] = {}
    ledger = marquee.syndication.ledger
    if Path(ledger).is_file():
        for (post, network, _), entry in read_entries(ledger).items():
            if entry.state == POSTED:
                sent.setdefault(post, set()).add(network)
    configured = {name: label for name, label in NETWORKS.items() if marquee.syndication.accounts(name)}
    return make(items, sent, configured, marquee.syndication.since, now, marquee.plan)


# --- outputs -----------------------------------------------------------------------------------


def rows(plan: Plan) -> dict[str, list[tuple[str, ...]]]:
    """The plan as text rows, per part: what the table, the page and the tests read."""
    series = []
    for state in plan.series:
        how = f"every {state.cadence_days} days" + (" (learned)" if state.learned else "")
        last = f"#{state.last.episode} {state.last.date:%Y-%m-%d}" if state.last else "none yet"
        if state.next:
            status = f"#{state.next.episode} scheduled {state.next.date:%Y-%m-%d}"
        elif state.overdue_days:
            status = f"OVERDUE by {_days(dt.timedelta(days=state.overdue_days))}: nothing scheduled (due {state.due})"
        else:
            status = f"due {state.due}: nothing scheduled yet" if state.due else "no episode yet"
        series.append((state.name, how, last, status))
    return {
        "scheduled": [
            (f"{s.item.date:%Y-%m-%d %H:%M}", s.item.title, s.item.section, ", ".join(s.networks) or "the site only")
            for s in plan.scheduled
        ],
        "series": series,
        "gaps": [
            (f"{g.start}", f"{g.end}", f"{g.days} days" + (" and counting: nothing scheduled" if g.open else ""))
            for g in plan.gaps
        ],
        "events": [(f"{u.item.event_start:%Y-%m-%d %H:%M}", u.item.title, u.reason) for u in plan.unannounced],
    }


HEADINGS = {
    "scheduled": ("Scheduled posts", ("Goes out", "Title", "Section", "To")),
    "series": ("Series", ("Series", "Cadence", "Last episode", "Next")),
    "gaps": ("Gaps while shooting", ("From", "To", "Without a post")),
    "events": ("Events not announced", ("Starts", "Event", "Why")),
}


def show(plan: Plan, console) -> None:
    from rich.table import Table

    for part, found in rows(plan).items():
        title, columns = HEADINGS[part]
        table = Table(*columns, title=title, title_justify="left")
        for row in found:
            table.add_row(*row)
        if not found:
            table.add_row("nothing", *[""] * (len(columns) - 1))
        console.print(table)


def ics(plan: Plan, site: str) -> bytes:
    """The team's calendar: scheduled posts at their time, series' due dates and event deadlines
    as all-day entries. UIDs are stable, so a calendar that subscribes updates in place."""
    calendar = Calendar()
    calendar.add("prodid", "-//Marquee//editorial calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{site}: editorial calendar")
    stamp = plan.now.astimezone(dt.UTC).replace(microsecond=0)

    def event(key: str, summary: str, start, description: str = "") -> None:
        vevent = VEvent()
        vevent.add("uid", f"{uuid.uuid5(NAMESPACE, key)}")
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", start)
        if isinstance(start, dt.datetime):
            vevent.add("dtend", start + dt.timedelta(minutes=15))
        else:
            vevent.add("dtend", start + dt.timedelta(days=1))
        vevent.add("summary", summary)
        if description:
            vevent.add("description", description)
        calendar.add_component(vevent)

    for s in plan.scheduled:
        event(
            f"post:{s.item.id}",
            f"Goes out: {s.item.title}",
            s.item.date.astimezone(dt.UTC),
            "To: " + (", ".join(s.networks) or "the site only"),
        )
    for state in plan.series:
        if state.due and not state.next:
            late = f" (overdue by {_days(dt.timedelta(days=state.overdue_days))})" if state.overdue_days else ""
            event(f"series:{state.name}:{state.due}", f"{state.name}: next episode due{late}", state.due)
    for u in plan.unannounced:
        event(f"announce:{u.item.id}", f"Announce: {u.item.title}", u.item.event_start.date(), u.reason)
    return calendar.to_ical()


def page(plan: Plan, site: str) -> str:
    """The plan as one local HTML page (no scripts, nothing loaded from anywhere)."""
    parts = []
    for part, found in rows(plan).items():
        title, columns = HEADINGS[part]
        head = "".join(f"<th scope=col>{html.escape(c)}</th>" for c in columns)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in found)
        parts.append(
            f"<h2>{html.escape(title)}</h2>"
            + (f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>" if found else "<p>Nothing.</p>")
        )
    return (
        '<!doctype html><html lang=en><meta charset=utf-8><meta name=viewport content="width=device-width, initial-scale=1">'
        f"<title>Editorial calendar · {html.escape(site)}</title>"
        "<style>body{font:16px/1.5 system-ui,sans-serif;margin:1rem auto;max-width:60rem;padding:0 1rem}"
        "table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}</style>"
        f"<h1>Editorial calendar · {html.escape(site)}</h1><p>As of {plan.now:%Y-%m-%d %H:%M}.</p>"
        + "".join(parts)
        + "\n"
    )
