"""What every channel offers the pipeline, and the one retry policy they share."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Protocol

import requests

from ...net import bounded
from ...net.reasons import reason
from .. import NETWORKS
from ..newsletter import Digest
from .delivery import Entry
from .message import Message, Style


@dataclass(frozen=True)
class Remote:
    id: str
    url: str = ""  # the public copy ("" for webhooks)


class Transient(Exception):
    """Worth another try: a connection error, a 5xx, a 429. `again_now` False: not in this run
    (a create that may still land, a daily quota, a container still processing): the next run
    looks for the copy first."""

    def __init__(self, reason: str, retry_after: float | None = None, again_now: bool = True, unanswered: bool = False):
        super().__init__(reason)
        self.retry_after, self.again_now = retry_after, again_now
        self.unanswered = unanswered  # a write went out and no answer came: it may still land


class Rejected(Exception):
    """The network refused this post (a 4xx other than 429): retrying would not help."""


class ChannelDown(Exception):
    """The account itself is unusable (no secret, bad credentials): skip the channel this run."""


class Channel(Protocol):
    name: str  # "mastodon", "bluesky", "webhook"
    label: str  # as a reader sees it: "Mastodon"
    account: str  # which account or endpoint; part of the ledger key
    style: Style
    checked: str  # what the last find() read, recorded in the ledger
    settles: bool  # a write without an answer may still land: wait for it to settle before sending again
    digest: Digest | None  # set: due posts go out together on its schedule, through send_digest

    def open(self) -> None:
        """Log in and learn the limits; raises ChannelDown."""

    def key(self, post_id: str, published) -> str:
        """The idempotency key or record key for this post: the same on every try."""

    def find(self, entry: Entry, url: str) -> Remote | None:
        """An earlier try that reached the network, if the network can tell."""

    def send(self, message: Message, key: str) -> Remote:
        """Post it; raises Transient or Rejected."""

    def send_digest(self, messages: list[Message], key: str) -> Remote:
        """Only where `digest` is set: one message for all of them; find() knows it by `key`."""

    def begin(self, entry: Entry, keep: Callable[[str], None]) -> None:
        """Before a post's tries: its entry, and keep(id) to record a half-made post's id."""


class BaseChannel(ABC):
    """What every channel shares, written once: its account, the secrets its settings name (read
    from the environment, checked at open), the stable ledger key and the reconciliation note.

    A subclass sets `name` (a key of options.NETWORKS), `secrets` ((settings field naming an
    environment variable, what the variable holds), ...) and `account_of`, and implements open,
    find and send."""

    name = ""
    secrets: tuple[tuple[str, str], ...] = ()
    permissions: tuple[str, ...] = ()  # what the token must allow, where the network can tell
    digest = None  # a channel that gathers posts sets its schedule (and implements send_digest)
    # No idempotency key: a write that got no answer may still land, so after one the post is only
    # looked for until it settles (SyndicationSettings.settle). Networks with keys set False.
    settles = True

    def __init__(self, settings, environ: dict, timeout: float = 30):
        self.settings, self._timeout = settings, timeout
        self.label = NETWORKS[self.name]
        self.account = self.account_of(settings)
        self._secrets = {field: environ.get(getattr(settings, field), "") for field, _ in self.secrets}
        self.checked = ""  # what the last reconciliation read, for the ledger

    @staticmethod
    @abstractmethod
    def account_of(settings) -> str:
        """Which account of the network these settings name: part of every ledger key."""

    @classmethod
    def environment(cls, settings) -> list[str]:
        """The names of the environment variables holding this account's secrets."""
        return [getattr(settings, field) for field, _ in cls.secrets]

    def secret(self, field: str) -> str:
        return self._secrets[field]

    def require_secrets(self) -> None:
        """ChannelDown naming every variable that is not set."""
        missing = [(getattr(self.settings, field), what) for field, what in self.secrets if not self._secrets[field]]
        if len(self.secrets) == 1 and missing:
            raise ChannelDown(f"no {missing[0][1]}: set the environment variable {missing[0][0]}")
        if missing:
            raise ChannelDown(
                f"no credentials: set the environment variable(s) {', '.join(name for name, _ in missing)}"
            )

    def key(self, post_id: str, published) -> str:
        return stable_key(post_id, self.name, self.account)

    def begin(self, entry: Entry, keep: Callable[[str], None]) -> None:  # noqa: B027 (a hook; most keep nothing)
        """Told before a post's tries which ledger entry they are for, and how to record at once
        what the network makes before the post is out (keep(id)). Default: nothing to keep."""

    def cost(self, message: Message) -> float | None:
        """Dollars the network charges to send `message`; None where posting is free."""
        return None

    def token_facts(self) -> dict:
        """What the network tells about the open account's token: "expires" (an aware datetime),
        "scopes" (the permissions granted), "headroom" (quota left, in words). Default: nothing."""
        return {}


def transient(error: BaseException) -> Transient:
    """Any client library's failure (httpx, requests, Mastodon.py, atproto, tweepy, a socket) as a
    Transient: the post may or may not have arrived, so the next try looks first."""
    cause = error.__cause__ or error.__context__
    name = type(error).__name__ + (f" ({type(cause).__name__})" if cause is not None else "")
    detail = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
    return Transient(f"connection or protocol failure: {name}{': ' + detail if detail else ''}")


def unanswered(method: str, error: BaseException) -> Transient:
    """A request that got no answer. A write that was sent may still be arriving (a server slower
    than our deadline creates it later), and reading the account's posts now would not see it:
    so it is not tried again in this run; the next run looks for it first. A request that never
    connected, or a read, is safe to try again at once."""
    never_sent = isinstance(error, (requests.exceptions.ConnectTimeout,)) or (
        isinstance(error, requests.ConnectionError) and "NewConnectionError" in repr(error.args)
    )
    if method.upper() in ("GET", "HEAD") or never_sent:
        return Transient(f"connection failed: {reason(error)}")
    return Transient(
        f"no answer to the {method.upper()} ({reason(error)}): it may still arrive, so this run does not "
        "send it again; the next run looks for it first",
        again_now=False,
        unanswered=True,
    )


def stable_key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def deliver(attempt: Callable[[int], Remote], attempts: int, max_wait: float, sleep=time.sleep) -> Remote:
    """Call attempt(0), attempt(1) ... while it raises Transient: waits Retry-After when given,
    else 1, 2, 4 s; gives up (re-raising) after `attempts` or when asked to wait over `max_wait`."""
    for number in range(attempts):
        try:
            return attempt(number)
        except Transient as error:
            wait = error.retry_after if error.retry_after is not None else 2.0**number
            if not error.again_now or number == attempts - 1 or wait > max_wait:
                raise
            sleep(wait)
    raise AssertionError("unreachable")


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date)."""
    if not value:
        return None
    try:
        seconds = float(value)
        return max(seconds, 0.0) if math.isfinite(seconds) else None  # "nan" would sleep forever, or fail
    except ValueError:
        pass
    try:
        return max((parsedate_to_datetime(value) - dt.datetime.now(dt.UTC)).total_seconds(), 0.0)
    except (TypeError, ValueError):
        return None


def check(response, what: str) -> None:
    """Raise for a non-2xx answer of a plain HTTP API: 429 and 5xx are Transient (with
    Retry-After), 401 means the token is no good (ChannelDown), any other 4xx is Rejected."""
    if 200 <= response.status_code < 300:
        return
    detail = f"{what}: {response.status_code} {response.reason} {_error_text(response)}".rstrip()
    if response.status_code == 429 or response.status_code >= 500:
        raise Transient(detail, retry_after(response.headers.get("Retry-After")))
    if response.status_code == 401:
        raise ChannelDown(detail)
    raise Rejected(detail)


def _error_text(response) -> str:
    """The message of an API's JSON error body, short; never the request (it may hold a token)."""
    try:
        body = response.json()
    except ValueError:
        return ""
    error = body.get("error", body) if isinstance(body, dict) else body
    if isinstance(error, dict):
        error = error.get("message") or error.get("detail") or ""
    return str(error)[:200]


class ApiSession:
    """A bearer-token session for the channels that speak a plain HTTP API (Facebook, LinkedIn):
    connection errors become Transient; answers go through :func:`check` after `inspect`, which
    may raise first for an API's own ways of saying "slow down" or "bad token"."""

    def __init__(self, base_url: str, token: str, what: str, timeout: float, headers: dict | None = None, inspect=None):
        self.base_url, self.what, self.timeout, self.inspect = base_url.rstrip("/"), what, timeout, inspect
        self.session = bounded.api_session(timeout)
        self.session.headers.update({"Authorization": f"Bearer {token}", **(headers or {})})

    def call(self, method: str, path: str, **kwargs):
        try:
            response = self.session.request(method, self.base_url + path, timeout=self.timeout, **kwargs)
        except requests.RequestException as error:
            raise unanswered(method, error) from None
        if self.inspect:
            self.inspect(response)
        check(response, self.what)
        return response
