"""One post on one account of one network, as the syndication ledger records it: what a channel
is told of earlier tries (find, begin) and the states a delivery goes through."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PLANNED, ATTEMPTING, POSTED, FAILED = "planned", "attempting", "posted", "failed"
STATES = (PLANNED, ATTEMPTING, POSTED, FAILED)


@dataclass(frozen=True)
class Entry:
    post: str  # the post's permanent id
    channel: str  # mastodon, bluesky, webhook
    account: str  # which account or endpoint on that channel
    state: str = PLANNED
    key: str = ""  # idempotency key or record key: the same on every try
    post_url: str = ""
    title: str = ""  # the post's, for reports
    type: str = ""  # its content type (diary, interviews, events ...)
    remote_id: str = ""
    url: str = ""  # the public copy, where there is one
    reason: str = ""  # why it failed
    checked: str = ""  # what reconciliation last read, on networks without idempotency keys
    attempts: int = 0
    first_sent: str = ""  # ISO time the first try went out; never rewritten (key lifetimes count from it)
    last_sent: str = ""  # ISO time the latest try went out: a write with no answer may land until it settles
    reconcile: bool = False  # look for an earlier copy before sending (entries of a new ledger)
    pending: str = ""  # what the network made before the post was out (a Meta container): the next try finishes it
    updated: str = ""  # ISO time of the last change

    @property
    def ident(self) -> tuple[str, str, str]:
        return (self.post, self.channel, self.account)

    @property
    def first_sent_at(self) -> dt.datetime | None:
        return dt.datetime.fromisoformat(self.first_sent) if self.first_sent else None
