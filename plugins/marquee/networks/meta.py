"""Meta's two-step publishing, shared by Threads and Instagram: create a media container, wait
until Meta has fetched its image (the container's status is FINISHED), publish it, read its
permalink. Both APIs count published posts per profile over 24 hours (read at open, and the
documented "limit reached" errors: a post past the quota waits for the next run) and take no
idempotency key, so before any retry the profile's recent posts are read for ours.

A container is made once per post: its id is in the ledger (`pending`) as soon as Meta gives it,
so a later try publishes that container (Meta refuses a second publish of one container) instead
of making another. A publish that got no answer may still land: it is not repeated in the run,
and the next run reads the profile, then the container's status, before anything else. Waiting
for containers to finish is bounded per run, not per post. The Graph API's own errors and token
inspection are here too, for Facebook as well."""

from __future__ import annotations

import datetime as dt
import time
from abc import abstractmethod

from .base.channel import (
    ApiSession,
    BaseChannel,
    ChannelDown,
    Rejected,
    Remote,
    Transient,
)
from .base.delivery import Entry
from .base.message import Message

RATE_LIMIT_CODES = {
    4,
    17,
    32,
    613,
    *range(80001, 80015),
}  # Graph API codes meaning "slow down" (80xxx: business use case)
QUOTA_CODES = {(9, 2207042), (9, 2207051), (4, 2207051)}  # (code, subcode): the profile's posts for today are used up
GONE = ("ERROR", "EXPIRED")  # a container that can never be published: a new one is safe


class ContainerChannel(BaseChannel):
    api_name = ""  # "Threads API"
    quota_edge = ""  # GET /{user}/<quota_edge>?fields=quota_usage,config
    create_edge = ""  # POST /{user}/<create_edge>: the container
    publish_edge = ""  # POST /{user}/<publish_edge>?creation_id=
    list_edge = ""  # GET /{user}/<list_edge>: recent posts, newest first
    list_fields = ""
    status_field = "status"  # of a container: IN_PROGRESS, FINISHED, ERROR, EXPIRED, PUBLISHED
    noun = "posts"  # what the profile's posts are called, for the ledger note
    debuggable = False  # the API has GET /debug_token (Threads; Instagram Login has not)

    def __init__(self, settings, environ: dict, timeout: float = 30, sleep=time.sleep):
        super().__init__(settings, environ, timeout)
        self.api = None
        self.quota_left: int | None = None
        self.quota_total: int | None = None
        self.sleep = sleep
        self.waited = 0.0  # seconds spent this run waiting for containers (settings.container_wait bounds the run)
        self._pending, self._keep = "", lambda pending: None

    @staticmethod
    def account_of(settings) -> str:
        return settings.user_id

    @abstractmethod
    def container(self, message: Message) -> dict:
        """The form that creates this post's container."""

    @abstractmethod
    def matches(self, item: dict, url: str) -> bool:
        """Whether a recent post of the profile is this one."""

    def open(self) -> None:
        self.require_secrets()
        base = f"{self.settings.api_url.rstrip('/')}/{self.settings.version}"
        self.api = ApiSession(base, self.secret("token_env"), self.api_name, self._timeout, inspect=self._graph_errors)
        answer = self.api.call(
            "GET", f"/{self.settings.user_id}/{self.quota_edge}", params={"fields": "quota_usage,config"}
        )
        usage = (answer.json().get("data") or [{}])[0]
        self.quota_total = (usage.get("config") or {}).get("quota_total")
        if self.quota_total is not None:
            self.quota_left = int(self.quota_total) - int(usage.get("quota_usage") or 0)

    def token_facts(self) -> dict:
        facts = debug_token(self.api, self.secret("token_env")) if self.debuggable else {}
        if self.quota_left is not None:
            facts["headroom"] = f"{self.quota_left} of {self.quota_total} posts left in 24 h"
        return facts

    def find(self, entry: Entry, url: str) -> Remote | None:
        answer = self.api.call(
            "GET",
            f"/{self.settings.user_id}/{self.list_edge}",
            params={"fields": self.list_fields, "limit": self.settings.scan_posts},
        )
        items = answer.json().get("data", [])
        for item in items:
            if self.matches(item, url):
                self.checked = f"found among the profile's {len(items)} latest {self.noun}"
                return Remote(item["id"], item.get("permalink") or "")
        self.checked = f"not among the profile's {len(items)} latest {self.noun}"
        return None

    def begin(self, entry: Entry, keep) -> None:
        self._pending, self._keep = entry.pending, keep

    def send(self, message: Message, key: str) -> Remote:
        if self.quota_left is not None and self.quota_left <= 0:
            raise Transient(
                f"the profile has published its {self.quota_total} posts of the last 24 hours; the next run sends it",
                again_now=False,
            )
        user = self.settings.user_id
        container, status = self._usable_container()
        if not container:
            form = self.container(message)
            container = self.api.call("POST", f"/{user}/{self.create_edge}", data=form).json()["id"]
            self._pending = container
            self._keep(container)  # in the ledger before anything else can go wrong
            status = None if "image_url" in form else "FINISHED"  # only an image is fetched first
        if status != "FINISHED":
            self._wait_until_finished(container)
        try:
            published = self.api.call("POST", f"/{user}/{self.publish_edge}", data={"creation_id": container}).json()[
                "id"
            ]
        except Rejected as error:
            if "already been published" not in str(error):
                raise
            raise Transient(
                f"container {container} was published by an earlier try; the next run reads its copy", again_now=False
            ) from None
        if self.quota_left is not None:
            self.quota_left -= 1
        permalink = self.api.call("GET", f"/{published}", params={"fields": "permalink"}).json().get("permalink", "")
        return Remote(published, permalink)

    def _status(self, container: str) -> dict:
        return self.api.call("GET", f"/{container}", params={"fields": f"{self.status_field},error_message"}).json()

    def _usable_container(self) -> tuple[str, str | None]:
        """(the container an earlier try made, its status), unless Meta says it can never be published."""
        if not self._pending:
            return "", None
        try:
            status = self._status(self._pending).get(self.status_field)
        except Rejected:  # Meta no longer knows it (containers expire after 24 hours)
            return "", None
        if status == "PUBLISHED":
            raise Transient(
                f"container {self._pending} is published, but the post is not yet among the profile's "
                "latest; the next run reads it",
                again_now=False,
            )
        return ("", None) if status in GONE else (self._pending, status)

    def _wait_until_finished(self, container: str) -> None:
        """Meta fetches the image from our deployed site: read the container until it is ready,
        within what is left of the run's waiting time (the container stays for the next run)."""
        while True:
            answer = self._status(container)
            status = answer.get(self.status_field)
            if status in ("FINISHED", None):  # a text-only container has nothing to fetch
                return
            if status in GONE:
                raise Rejected(
                    f"{self.label} could not use the image: {status} {answer.get('error_message', '')}".rstrip()
                )
            if self.waited >= self.settings.container_wait:
                raise Transient(
                    f"container {container} is still {status} after this run's {self.settings.container_wait:.0f} s "
                    "of waiting; the next run publishes it",
                    again_now=False,
                )
            self.sleep(self.settings.container_poll)
            self.waited += self.settings.container_poll

    def _graph_errors(self, response) -> None:
        """graph_errors, and a used-up daily quota remembered: no more containers this run."""
        try:
            graph_errors(response, f"the {self.label} access token")
        except Transient as error:
            if not error.again_now:
                self.quota_left = 0
            raise


def debug_token(api: ApiSession, token: str) -> dict:
    """GET /debug_token (Graph and Threads APIs): the token's expiry (0: never) and permissions."""
    data = api.call("GET", "/debug_token", params={"input_token": token}).json().get("data") or {}
    if data.get("is_valid") is False:
        raise ChannelDown("the token is no longer valid (debug_token says is_valid: false)")
    expires = int(data.get("expires_at") or 0)
    return {
        "expires": dt.datetime.fromtimestamp(expires, dt.UTC) if expires else None,
        "scopes": tuple(data.get("scopes") or ()),
    }


def graph_errors(response, token: str = "the Page access token") -> None:
    """The Graph API's own codes: a used-up daily quota (code 9, subcode 2207042 …) waits for the
    next run; 4, 17, 32, 613 and 80001-80014 mean "slow down"; 190 a token that is no good."""
    code, subcode = _graph_code(response)
    if (code, subcode) in QUOTA_CODES:
        raise Transient(
            f"the profile's publishing limit for the last 24 hours is reached (code {code}, subcode {subcode}); "
            "the next run sends what is left",
            again_now=False,
        )
    if code in RATE_LIMIT_CODES and response.status_code != 429:
        raise Transient(f"Graph API rate limit (code {code})")
    if code == 190:
        raise ChannelDown(f"{token} was refused (Graph API code 190)")


def _graph_code(response) -> tuple[int | None, int | None]:
    try:
        error = response.json()["error"]
        return error.get("code"), error.get("error_subcode")
    except (ValueError, KeyError, TypeError, AttributeError):
        return None, None
