"""iCalendar (RFC 5545 / RFC 7986) files for events, deterministic byte for byte.

UIDs are derived from the event's slug (never from a host name or the clock), DTSTAMP is the
post's own date, and every TZID used gets its VTIMEZONE.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid

from icalendar import Calendar, Event as VEvent, Timezone, vGeo

from ..content.htmlparts import strip_tags
from ..content.structured import absolute

# Our own namespace: an event's UID is uuid5(NAMESPACE, slug), the same on every build and host.
NAMESPACE = uuid.UUID("6f1d7a43-2f0e-4c55-9a57-3b5f3c1d8e21")
STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}  # everything else: CONFIRMED


def uid(article) -> str:
    return f"{uuid.uuid5(NAMESPACE, 'event:' + article.slug)}"


def component(article, site_url: str) -> VEvent:
    ev = article.event
    vevent = VEvent()
    vevent.add("uid", uid(article))
    stamp = getattr(article, "modified", None) or article.date
    vevent.add("dtstamp", stamp.astimezone(dt.UTC))
    vevent.add("last-modified", stamp.astimezone(dt.UTC))
    vevent.add("dtstart", _unambiguous(ev.start))
    vevent.add("dtend", _unambiguous(ev.finish))
    title = article.title
    if ev.status in ("cancelled", "postponed"):
        title = f"{ev.status.upper()}: {title}"
    vevent.add("summary", title)
    vevent.add("description", f"{strip_tags(article.summary)}\n\n{absolute(site_url, article.url)}")
    vevent.add("url", absolute(site_url, article.url))
    vevent.add("status", STATUS.get(ev.status, "CONFIRMED"))
    location = ev.online_url if ev.online else ", ".join(p for p in (ev.venue, ev.address) if p)
    if location:
        vevent.add("location", location)
    if ev.geo and not ev.online:
        vevent.add("geo", vGeo((ev.geo.lat, ev.geo.lon)))
    vevent.add("categories", [ev.kind])
    return vevent


def calendar(articles, name: str, site_url: str, description: str = "") -> bytes:
    """A VCALENDAR holding one VEVENT per article, in start order, with the VTIMEZONE of every
    zone its events use (sorted by TZID), placed before the events as RFC 5545 asks."""
    cal = Calendar()
    cal.add("prodid", "-//Marquee//Film site calendar//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
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
