"""Events: content/events/ -> article.event (premieres, screenings, festivals, Q&As, online)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from . import fields as f

KIND = "an event"
KINDS = ("premiere", "screening", "festival", "q-and-a", "online")
STATUSES = ("scheduled", "cancelled", "postponed", "rescheduled", "sold-out", "moved-online")
NOT_HAPPENING = ("cancelled", "postponed")  # not "next": no date to go to

# The later field must come after the earlier: (earlier, later, what is said of the later).
ORDER = ("start", "end", '"{later}" is not after Start "{earlier}"')

SCHEMA = (
    f.Field("Event-Kind", f.choice(KINDS, "an event kind"), required=True, expected="one of " + ", ".join(KINDS)),
    f.Field("Start", f.local_datetime, required=True, expected="YYYY-MM-DD HH:MM"),
    f.Field("End", f.local_datetime),
    f.Field(
        "Timezone", f.timezone, required=True, expected="an IANA name such as Europe/Dublin", stored_as="event-timezone"
    ),
    f.Field("Venue"),
    f.Field("Address"),
    f.Field("Geo", f.geo),
    f.Field("Tickets", f.url),
    f.Field("Price"),
    # Status and Timezone are stored apart from Pelican's fields of that name (separate_event_status).
    f.Field("Status", f.choice(STATUSES, "an event status"), stored_as="event-status"),
    f.Field("Online-URL", f.url),
    f.Field("Guests", f.people),  # who appears: a Q&A's panel, a premiere's cast (structured data: performer)
)


@dataclass(frozen=True)
class Event:
    kind: str
    start: dt.datetime  # aware, in the event's own zone
    timezone: ZoneInfo
    end: dt.datetime | None = None
    venue: str = ""
    address: str = ""
    geo: f.Geo | None = None
    tickets: str = ""
    price: str = ""
    status: str = "scheduled"
    online_url: str = ""
    guests: tuple = ()

    @property
    def happening(self) -> bool:
        return self.status not in NOT_HAPPENING

    @property
    def online(self) -> bool:
        return self.kind == "online" or self.status == "moved-online"

    @property
    def finish(self) -> dt.datetime:
        return self.end or self.start + dt.timedelta(hours=2)

    def upcoming(self, now: dt.datetime) -> bool:
        return self.finish >= now

    def google_calendar_url(self, title: str, details: str = "") -> str:
        """An "add to Google Calendar" link (a plain link: nothing loads until it is followed)."""
        utc = "%Y%m%dT%H%M%SZ"
        params = {
            "action": "TEMPLATE",
            "text": title,
            "dates": f"{self.start.astimezone(dt.UTC):{utc}}/{self.finish.astimezone(dt.UTC):{utc}}",
            "ctz": self.timezone.key,
            "details": details,
            "location": self.online_url if self.online else ", ".join(p for p in (self.venue, self.address) if p),
        }
        return "https://calendar.google.com/calendar/render?" + urlencode(params)


def build(values: dict, article, ctx) -> tuple[Event | None, list[f.Problem]]:
    if not {"event-kind", "start", "event-timezone"} <= values.keys():
        return None, []
    zone = values["event-timezone"]
    start, problems = f.in_zone(values["start"], zone, ctx.source, "Start")
    end, more = f.in_zone(values["end"], zone, ctx.source, "End") if "end" in values else (None, [])
    problems += more
    if start is None or ("end" in values and end is None):
        return None, problems
    warnings, problems = problems, []  # only warnings are left: they go with the event
    status = values.get("event-status", "scheduled")
    kind = values["event-kind"]
    if end and end <= start:
        problems.append(
            f.Problem(
                ctx.source, "End", ORDER[2].format(later=f"{end:%Y-%m-%d %H:%M}", earlier=f"{start:%Y-%m-%d %H:%M}")
            )
        )
    if (kind == "online" or status == "moved-online") and not values.get("online-url"):
        problems.append(
            f.Problem(ctx.source, "Online-URL", "missing (required for an online event; expected a full URL)")
        )
    if kind != "online" and status != "moved-online" and not values.get("venue"):
        problems.append(
            f.Problem(ctx.source, "Venue", "missing (required for an event in a place; expected the venue's name)")
        )
    if problems:
        return None, warnings + problems
    event = Event(
        kind=kind,
        start=start,
        timezone=zone,
        end=end,
        venue=values.get("venue", ""),
        address=values.get("address", ""),
        geo=values.get("geo"),
        tickets=values.get("tickets", ""),
        price=values.get("price", ""),
        status=status,
        online_url=values.get("online-url", ""),
        guests=values.get("guests", ()),
    )
    return event, warnings
