"""iCalendar (RFC 5545 / RFC 7986) files for events, deterministic byte for byte.

UIDs are derived from the event's slug (never from a host name or the clock), DTSTAMP is the
post's own date, and every TZID used gets its VTIMEZONE.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid

from icalendar import Calendar, Timezone, vGeo
from icalendar import Event as VEvent

from ..content.htmlparts import strip_tags
from ..content.structured import absolute

# Our own namespace: an event's UID is uuid5(NAMESPACE, slug), the same on every build and host.
NAMESPACE = uuid.UUID("6f1d7a43-2f0e-4c55-9a57-3b5f3c1d8e21")
# A postponed event has no date to keep: calendars drop it, with a note (a rescheduled one has
# its new Start). Everything else: CONFIRMED.
STATUS = {"cancelled": "CANCELLED", "postponed": "CANCELLED"}
NOTE = {
    "postponed": "Postponed: a new date will be announced.",
    "cancelled": "Cancelled.",
    "rescheduled": "Rescheduled: this is the new date.",
}


def uid(article) -> str:
    return f"{uuid.uuid5(NAMESPACE, 'event:' + article.slug)}"


def component(article, site_url: str) -> VEvent:
    ev = article.event
    vevent = VEvent()
    vevent.add("uid", uid(article))
    stamp = getattr(article, "modified", None) or article.date
    vevent.add("dtstamp", stamp.astimezone(dt.UTC))
    vevent.add("last-modified", stamp.astimezone(dt.UTC))
    vevent.add("sequence", sequence(article))
    vevent.add("dtstart", _unambiguous(ev.start))
    vevent.add("dtend", _unambiguous(ev.finish))
    title = article.title
    if ev.status in ("cancelled", "postponed"):
        title = f"{ev.status.upper()}: {title}"
    vevent.add("summary", title)
    note = f"{NOTE[ev.status]}\n\n" if ev.status in NOTE else ""
    vevent.add("description", f"{note}{strip_tags(article.summary)}\n\n{absolute(site_url, article.url)}")
    vevent.add("url", absolute(site_url, article.url))
    vevent.add("status", STATUS.get(ev.status, "CONFIRMED"))
    location = ev.online_url if ev.online else ", ".join(p for p in (ev.venue, ev.address) if p)
    if location:
        vevent.add("location", location)
    if ev.geo and not ev.online:
        vevent.add("geo", vGeo((ev.geo.lat, ev.geo.lon)))
    vevent.add("categories", [ev.kind])
    return vevent


def sequence(article) -> int:
    """RFC 5545 SEQUENCE: rises whenever the event is edited, derived from content so every build
    agrees: the minutes from the post's Date to its Modified (0 until it is modified)."""
    modified = getattr(article, "modified", None)
    return max(0, int((modified - article.date).total_seconds() // 60)) if modified else 0


def calendar(articles, name: str, site_url: str, description: str = "", subscription: bool = True) -> bytes:
    """A VCALENDAR holding one VEVENT per article, in start order, with the VTIMEZONE of every
    zone its events use (sorted by TZID), placed before the events as RFC 5545 asks. A single
    event's file (`subscription` False) has no calendar name or refresh interval: importing it
    adds one event, it does not subscribe to a calendar."""
    cal = Calendar()
    cal.add("prodid", "-//Marquee//Film site calendar//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if subscription:
        cal.add("name", name)
        cal.add("x-wr-calname", name)
        if description:
            cal.add("description", description)
        cal.add("refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
        cal.add("url", absolute(site_url, ""))
    for article in sorted(articles, key=lambda a: (a.event.start, a.slug)):
        cal.add_component(component(article, site_url))
    body = cal.to_ical()
    zones = b"".join(_vtimezone(tzid) for tzid in sorted(cal.get_missing_tzids()))
    start = body.find(b"BEGIN:VEVENT")
    return body[:start] + zones + body[start:] if start >= 0 else body


@functools.lru_cache(maxsize=64)
def _vtimezone(tzid: str) -> bytes:
    """A zone's VTIMEZONE, worked out and written once per build rather than once per file:
    with every transition over icalendar's default span it is most of each event's file."""
    return Timezone.from_tzid(tzid).to_ical()


def _unambiguous(moment: dt.datetime) -> dt.datetime:
    """A local time the autumn change repeats reads as its first occurrence in TZID form
    (RFC 5545 3.3.5): the second one is written in UTC so every calendar shows the same instant."""
    return moment.astimezone(dt.UTC) if getattr(moment, "fold", 0) else moment
