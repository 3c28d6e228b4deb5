"""Calendar: one .ics per event and a subscription feed of all events.

Plugin ``marquee.calendar`` (needs ``marquee.content``, which types the events). Settings:
MARQUEE_CALENDAR_PATH (default "events/calendar.ics") is the subscription feed; each event's
file sits beside its page as ``article.ics_url`` ("events/<slug>/<slug>.ics").
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from .ics import calendar, component, uid

__all__ = ["calendar", "component", "register", "uid", "write_calendars"]


def write_calendars(generator, writer=None) -> None:
    settings = generator.context["marquee"].settings
    site_url = generator.settings.get("SITEURL", "")
    events = [a for a in generator.articles if getattr(a, "event", None)]
    out = Path(generator.output_path)
    name = f"{settings.film.title}: screenings and events"
    feed = out / settings.calendar_path
    feed.parent.mkdir(parents=True, exist_ok=True)
    feed.write_bytes(calendar(events, name, site_url, settings.film.logline))
    for article in events:
        path = out / article.ics_url
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(calendar([article], f"{settings.film.title}: {article.title}", site_url, subscription=False))


def register() -> None:
    signals.article_writer_finalized.connect(write_calendars)
