"""What the settings of several networks share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class ExpiringToken:
    """For networks whose tokens last about 60 days: the date the producer noted, where the API
    cannot tell (read by invoke accounts)."""

    token_expires: str = ""  # "YYYY-MM-DD"

    def __post_init__(self):
        try:
            if self.token_expires:
                dt.date.fromisoformat(self.token_expires)
        except ValueError:
            raise ValueError(
                f'MARQUEE_SYNDICATION: token_expires "{self.token_expires}" is not a date (expected YYYY-MM-DD)'
            ) from None
