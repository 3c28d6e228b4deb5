"""Mastodon, through Mastodon.py: the share image with its alt text, an Idempotency-Key on every
status, and past the key's lifetime a scan of our own recent statuses for the post's URL."""

from __future__ import annotations

import datetime as dt
import re
import time
from urllib.parse import urlsplit

import requests
from mastodon import (
    Mastodon,
    MastodonAPIError,
    MastodonNetworkError,
    MastodonRatelimitError,
    MastodonServerError,
    MastodonUnauthorizedError,
)

from ...net import bounded
from ..base.channel import (
    BaseChannel,
    ChannelDown,
    Rejected,
    Remote,
    Transient,
    retry_after,
)
from ..base.delivery import Entry
from ..base.message import Message, Style
from ..base.text import Counting, names_link
from . import MastodonAccount

MEDIA_READY_WITHIN = 60  # seconds we give the instance to process an image


class MastodonChannel(BaseChannel):
    name = "mastodon"
    settles = False  # an Idempotency-Key: a repeat within its hour returns the first
    secrets = (("token_env", "access token"),)

    def __init__(self, settings: MastodonAccount, environ: dict, timeout: float = 30):
        super().__init__(settings, environ, timeout)
        self.style = Style("mastodon", Counting(500, 23))
        self._token = self.secret("token_env")
        self._last_response = None
        self.api = None
        self.me = None

    @staticmethod
    def account_of(settings: MastodonAccount) -> str:
        return f"@{settings.account}@{urlsplit(settings.instance).hostname}"

    def open(self) -> None:
        self.require_secrets()
        session = bounded.api_session(self._timeout)
        session.hooks["response"].append(self._remember)  # Mastodon.py drops Retry-After; we keep it
        instance = self._instance(session)
        # Mastodon.py is told the version, so it never runs its own check: with an instance that
        # fails /api/v1/instance that check calls itself until Python's recursion limit.
        self.api = Mastodon(
            access_token=self._token,
            api_base_url=self.settings.instance,
            session=session,
            mastodon_version=_version(instance),
            version_check_mode="created",
            ratelimit_method="throw",
            request_timeout=self._timeout,
        )
        try:
            self.me = self._call(self.api.account_verify_credentials)["id"]
        except (Transient, Rejected) as error:
            raise ChannelDown(f"{self.settings.instance}: {error}") from None
        statuses = (instance.get("configuration") or {}).get("statuses") or {}
        self.style = Style(
            "mastodon",
            Counting(
                int(statuses.get("max_characters") or 500),
                int(statuses.get("characters_reserved_per_url") or 23),
            ),
        )

    def _instance(self, session) -> dict:
        """/api/v2/instance, else /api/v1/instance, one request each; {} when neither answers
        (then the documented defaults apply: 500 characters, URLs as 23)."""
        base = self.settings.instance.rstrip("/")
        for path in ("/api/v2/instance", "/api/v1/instance"):
            try:
                response = session.get(
                    base + path, timeout=self._timeout, headers={"Authorization": f"Bearer {self._token}"}
                )
                if response.status_code == 200 and isinstance(data := response.json(), dict):
                    return data
            except (requests.RequestException, ValueError):
                continue
        return {}

    def find(self, entry: Entry, url: str) -> Remote | None:
        """Within the key's lifetime the key finds it; after, our own recent statuses do.

        The instance keeps a key for a fixed time from the status's creation, which is no earlier
        than our first try: the window counts from `first_sent` (never rewritten), less a margin.
        Without a first try on record (a new ledger), always scan."""
        window = self.settings.idempotency_window
        started = entry.first_sent_at
        elapsed = (dt.datetime.now(dt.UTC) - started).total_seconds() if started else None
        if elapsed is not None and elapsed < window - min(300.0, window / 4):
            self.checked = "the Idempotency-Key is still kept: a retry returns the first status"
            return None
        seen, max_id = 0, None
        while seen < self.settings.scan_statuses:
            page = self._call(lambda max_id=max_id: self.api.account_statuses(self.me, max_id=max_id, limit=40))
            for status in page:
                if names_link((status.get("content") or "").replace("&amp;", "&"), url):
                    self.checked = f"found among our {seen + page.index(status) + 1} latest statuses"
                    return Remote(str(status["id"]), status.get("url") or "")
            if not page:
                break
            seen, max_id = seen + len(page), page[-1]["id"]
        self.checked = f"not among our {seen} latest statuses"
        return None

    def send(self, message: Message, key: str) -> Remote:
        media_ids = []
        if message.image:
            media = self._call(
                lambda: self.api.media_post(
                    str(message.image.path),
                    mime_type=message.image.mime,
                    description=message.image.alt,
                )
            )
            media_ids.append(self._ready(media)["id"])
        status = self._call(
            lambda: self.api.status_post(
                message.text,
                media_ids=media_ids or None,
                visibility=self.settings.visibility,
                idempotency_key=key,
                language=message.language.split("-")[0] or None,
            )
        )
        return Remote(str(status["id"]), status.get("url") or "")

    def _ready(self, media):
        """Images are processed asynchronously (202); a status may only use them once done."""
        deadline, pause = time.monotonic() + MEDIA_READY_WITHIN, 0.1
        while not media.get("url"):
            if time.monotonic() > deadline:
                raise Transient(f"the instance did not finish processing the image within {MEDIA_READY_WITHIN} s")
            time.sleep(pause)
            pause = min(pause * 2, 2.0)
            media = self._call(lambda media_id=media["id"]: self.api.media(media_id))
        return media

    def _remember(self, response, *args, **kwargs):
        self._last_response = response

    def token_facts(self) -> dict:
        """Mastodon tokens do not expire; the last answer's rate-limit headers tell the headroom."""
        headers = self._last_response.headers if self._last_response is not None else {}
        left, limit = headers.get("X-RateLimit-Remaining"), headers.get("X-RateLimit-Limit")
        return {"headroom": f"{left} of {limit} requests left in this window"} if left and limit else {}

    def _call(self, function):
        try:
            return function()
        except MastodonRatelimitError:
            headers = self._last_response.headers if self._last_response is not None else {}
            raise Transient("429 rate limited", retry_after(headers.get("Retry-After"))) from None
        except MastodonNetworkError as error:
            raise Transient(f"connection failed: {type(error.__context__ or error).__name__}") from None
        except MastodonServerError as error:
            raise Transient(_describe(error)) from None
        except MastodonUnauthorizedError as error:
            raise ChannelDown(f"the access token was refused ({_describe(error)})") from None
        except MastodonAPIError as error:
            raise Rejected(_describe(error)) from None


def _version(instance: dict) -> str:
    """The instance's Mastodon version ("4.3.0"), or 4.0.0 when it does not say."""
    found = re.match(r"\d+\.\d+\.\d+", str(instance.get("version") or ""))
    return found[0] if found else "4.0.0"


def _describe(error: MastodonAPIError) -> str:
    args = [str(a) for a in error.args[1:] if a]  # (message, status code, reason, error text)
    return " ".join(args) or str(error)


CHANNEL = MastodonChannel
