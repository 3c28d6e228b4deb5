"""Calendar: one .ics per event and a subscription feed of all events.

Plugin ``marquee.calendar`` (needs ``marquee.content``, which types the events). Settings:
MARQUEE_CALENDAR_PATH (default "events/calendar.ics") is the subscription feed; each event's
file sits beside its page as ``article.ics_url`` ("events/<slug>/<slug>.ics").
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from .ics import calendar, component, uid

__all__ = ["calendar", "component", "register", "uid", "write_calendar", "write_calendars"]


def write_calendar(path: Path, events: list, name: str, site_url: str, description: str) -> None:
    """A subscription calendar of `events` (one language's) at `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(calendar(events, name, site_url, description))


def write_calendars(generator, writer=None) -> None:
    settings = generator.context["marquee"].settings
    site_url = generator.settings.get("SITEURL", "")
    events = [a for a in generator.articles if getattr(a, "event", None)]
    out = Path(generator.output_path)
    write_calendar(
        out / settings.calendar_path,
        events,
        f"{settings.film.title}: screenings and events",
        site_url,
        settings.film.logline,
    )
    translated = [
        t for a in events for t in a.translations if getattr(t, "ics_url", None)
    ]  # each its own file, beside its page
    for article in events + translated:
        path = out / article.ics_url
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(calendar([article], f"{settings.film.title}: {article.title}", site_url, subscription=False))


def register() -> None:
    signals.article_writer_finalized.connect(write_calendars)
