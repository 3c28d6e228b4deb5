"""An email newsletter (Buttondown): its settings and digest schedule; the channel is channel.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

NAME = "newsletter"  # the MARQUEE_SYNDICATION key and the ledger's channel name
LABEL = "Newsletter"  # as readers know it


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Digest:
    """New posts gathered into one email on a cadence, instead of an email per post."""

    every: str  # "day", "week" or "month"
    day: str | int = "friday"  # a weekday ("week"), or a day of the month from 1 to 28 ("month")
    time: str = "10:00"  # when it goes out, in the site's time zone (the first publish run after it)

    def __post_init__(self):
        where = "MARQUEE_SYNDICATION newsletter digest"
        if self.every not in ("day", "week", "month"):
            raise ValueError(f'{where}: every "{self.every}" is not day, week or month')
        if self.every == "week" and str(self.day).lower() not in WEEKDAYS:
            raise ValueError(f'{where}: day "{self.day}" is not a weekday (expected one of {", ".join(WEEKDAYS)})')
        if self.every == "month" and not (isinstance(self.day, int) and 1 <= self.day <= 28):
            raise ValueError(f'{where}: day "{self.day}" is not a day of the month from 1 to 28')
        try:
            dt.time.fromisoformat(self.time)
        except ValueError:
            raise ValueError(f'{where}: time "{self.time}" is not HH:MM') from None

    def last(self, moment: dt.datetime) -> dt.datetime:
        """The latest scheduled send at or before `moment` (aware, in its zone): a digest holds the
        posts published up to it, so each period sends once."""
        at = dt.time.fromisoformat(self.time)
        day = moment.date()
        while True:
            candidate = dt.datetime.combine(day, at, moment.tzinfo)
            if candidate <= moment and self._on(day):
                return candidate
            day -= dt.timedelta(days=1)

    def next(self, moment: dt.datetime) -> dt.datetime:
        at, day = dt.time.fromisoformat(self.time), moment.date()
        while True:
            candidate = dt.datetime.combine(day, at, moment.tzinfo)
            if candidate > moment and self._on(day):
                return candidate
            day += dt.timedelta(days=1)

    def _on(self, day: dt.date) -> bool:
        if self.every == "week":
            return WEEKDAYS[day.weekday()] == str(self.day).lower()
        return self.every == "day" or day.day == self.day


@dataclass(frozen=True)
class Newsletter:
    username: str  # the newsletter's name at the provider: the Follow page's signup form posts there
    provider: str = "buttondown"  # the one supported
    api_key_env: str = "MARQUEE_BUTTONDOWN_API_KEY"
    api_url: str = "https://api.buttondown.com"
    api_version: str = "2026-04-01"  # the X-API-Version header
    send: bool = False  # False: each post becomes a draft to review and send at the provider; True: sent at once
    scan_emails: int = 50  # how many recent emails reconciliation reads
    digest: Digest | None = None  # {"every": "week", "day": "friday", "time": "10:00"}; None: an email per post

    @property
    def signup_url(self) -> str:
        """Where the Follow page's form posts a fan's address (Buttondown's embed form)."""
        return f"https://buttondown.com/api/emails/embed-subscribe/{self.username}"

    def __post_init__(self):
        if self.provider != "buttondown":
            raise ValueError(
                f'MARQUEE_SYNDICATION newsletter: provider "{self.provider}" is not supported (expected "buttondown")'
            )
        if isinstance(self.digest, dict):
            object.__setattr__(self, "digest", Digest(**self.digest))


ACCOUNT = Newsletter  # its settings: MARQUEE_SYNDICATION["newsletter"]
