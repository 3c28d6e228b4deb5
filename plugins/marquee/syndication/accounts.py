"""Account health: for every configured account, whether its credentials work, when its token
expires (where the network tells, else the `token_expires` date the producer noted), which
required permissions it lacks, and how much of its posting quota is left. `invoke accounts`
prints it; `invoke publish` warns about tokens that expire within WARN_DAYS."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .channels import ChannelDown, Rejected, Transient, configured
from .pipeline import transient_on_failure

WARN_DAYS = 7


@dataclass(frozen=True)
class Health:
    network: str
    account: str
    ok: bool
    detail: str  # "credentials accepted", or what is wrong
    expires: dt.datetime | None = None  # when the token stops working
    missing: tuple[str, ...] = ()  # required permissions the token lacks
    headroom: str = ""  # e.g. "248 of 250 posts left in 24 h"

    def expires_within(self, now: dt.datetime, days: int = WARN_DAYS) -> bool:
        return self.expires is not None and self.expires - now <= dt.timedelta(days=days)

    def problems(self, now: dt.datetime) -> list[str]:
        """What needs the producer's attention, as sentences naming the account."""
        name = f"{self.network} {self.account}"
        found = [] if self.ok else [f"{name}: {self.detail}"]
        if self.missing:
            found.append(f"{name}: the token lacks {', '.join(self.missing)}")
        if self.expires_within(now):
            when = (
                "has expired"
                if self.expires <= now
                else f"expires on {self.expires:%Y-%m-%d} ({(self.expires - now).days} days)"
            )
            found.append(f"{name}: the token {when}: renew it and update the secret")
        return found


def check(channel) -> Health:
    """Open the channel (which logs in) and read what it can tell about its token and quota."""
    try:
        transient_on_failure(channel.open)
        facts = transient_on_failure(channel.token_facts)
    except (ChannelDown, Rejected, Transient) as error:
        return Health(channel.name, channel.account, False, str(error))
    expires = facts.get("expires") or _noted(channel.settings)
    scopes = facts.get("scopes")
    missing = tuple(p for p in channel.permissions if scopes is not None and p not in scopes)
    return Health(
        channel.name, channel.account, True, "credentials accepted", expires, missing, facts.get("headroom", "")
    )


def check_all(settings, environ: dict) -> list[Health]:
    return [check(channel) for channel in configured(settings, environ)]


def _noted(settings) -> dt.datetime | None:
    """The expiry date the producer wrote down (`token_expires: "YYYY-MM-DD"`), at midnight UTC."""
    noted = getattr(settings, "token_expires", "")
    return dt.datetime.combine(dt.date.fromisoformat(noted), dt.time(), dt.UTC) if noted else None


def table(healths: list[Health], now: dt.datetime):
    """The health of every account as a rich Table."""
    from rich.table import Table
    from rich.text import Text

    grid = Table(title="Accounts")
    for column in ("network", "account", "credentials", "token expires", "missing permissions", "quota left"):
        grid.add_column(column, overflow="fold")
    for health in healths:
        expires = "unknown" if health.expires is None else f"{health.expires:%Y-%m-%d}"
        if health.network == "mastodon" and health.ok:
            expires = "never"
        style = "red" if not health.ok or health.expires_within(now) else ""
        grid.add_row(
            Text(health.network),
            Text(health.account),
            Text(health.detail, style=style),
            Text(expires, style=style),
            Text(", ".join(health.missing), style="red"),
            Text(health.headroom),
        )
    return grid
