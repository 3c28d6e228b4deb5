"""Contests and sneak previews: content/contests/ -> article.contest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import fields as f

KIND = "a contest"

# The later field must come after the earlier: (earlier, later, what is said of the later).
ORDER = ("opens", "closes", '"{later}" is not after Opens')

SCHEMA = (
    f.Field("Opens", f.local_datetime, required=True, expected="YYYY-MM-DD HH:MM"),
    f.Field("Closes", f.local_datetime, required=True, expected="YYYY-MM-DD HH:MM"),
    f.Field("Prize", required=True, expected="what the winner gets"),
)


@dataclass(frozen=True)
class Contest:
    opens: dt.datetime  # aware, in the site's time zone
    closes: dt.datetime
    prize: str

    def state(self, now: dt.datetime) -> str:
        """ "upcoming", "open" or "closed" at `now`."""
        if now < self.opens:
            return "upcoming"
        return "open" if now <= self.closes else "closed"


def build(values: dict, article, ctx) -> tuple[Contest | None, list[f.Problem]]:
    if not {"opens", "closes", "prize"} <= values.keys():
        return None, []
    opens, problems = f.in_zone(values["opens"], ctx.zone, ctx.source, "Opens")
    closes, more = f.in_zone(values["closes"], ctx.zone, ctx.source, "Closes")
    problems += more
    if opens is None or closes is None:
        return None, problems
    if closes <= opens:
        return None, problems + [
            f.Problem(ctx.source, "Closes", ORDER[2].format(later=f"{values['closes']:%Y-%m-%d %H:%M}"))
        ]
    return Contest(opens, closes, values["prize"]), problems
