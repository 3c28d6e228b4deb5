"""Meta's two-step publishing, shared by Threads and Instagram: create a media container, wait
until Meta has fetched its image (the container's status is FINISHED), publish it, read its
permalink. Both APIs count published posts per profile over 24 hours (read at open: a post past
the quota waits for the next run) and take no idempotency key, so before any retry the profile's
recent posts are read for ours; a container made before a crash and never published expires
unseen after 24 hours. The Graph API's own errors and token inspection are here too, for
Facebook as well."""

from __future__ import annotations

import datetime as dt
import time
from abc import abstractmethod

from ..syndication.channels.base import ApiSession, BaseChannel, ChannelDown, Rejected, Remote, Transient
from ..syndication.compose import Message
from ..syndication.ledger import Entry

RATE_LIMIT_CODES = {4, 17, 32, 613}  # Graph API error codes meaning "slow down"


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
        self.api = ApiSession(base, self.secret("token_env"), self.api_name, self._timeout, inspect=graph_errors)
        answer = self.api.call("GET", f"/{self.settings.user_id}/{self.quota_edge}", params={"fields": "quota_usage,config"})
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
        answer = self.api.call("GET", f"/{self.settings.user_id}/{self.list_edge}",
                               params={"fields": self.list_fields, "limit": self.settings.scan_posts})  # fmt: skip
        items = answer.json().get("data", [])
        for item in items:
            if self.matches(item, url):
                self.checked = f"found among the profile's {len(items)} latest {self.noun}"
                return Remote(item["id"], item.get("permalink") or "")
        self.checked = f"not among the profile's {len(items)} latest {self.noun}"
        return None

    def send(self, message: Message, key: str) -> Remote:
        if self.quota_left is not None and self.quota_left <= 0:
            raise Transient(f"the profile has published its {self.quota_total} posts of the last 24 hours; the next run sends it")
        user = self.settings.user_id
        form = self.container(message)
        container = self.api.call("POST", f"/{user}/{self.create_edge}", data=form).json()["id"]
        if "image_url" in form:
            self._wait_until_finished(container)
        published = self.api.call("POST", f"/{user}/{self.publish_edge}", data={"creation_id": container}).json()["id"]
        if self.quota_left is not None:
            self.quota_left -= 1
        permalink = self.api.call("GET", f"/{published}", params={"fields": "permalink"}).json().get("permalink", "")
        return Remote(published, permalink)

    def _wait_until_finished(self, container: str) -> None:
        """Meta fetches the image from our deployed site: read the container until it is ready."""
        deadline = time.monotonic() + self.settings.container_wait
        while True:
            answer = self.api.call("GET", f"/{container}", params={"fields": f"{self.status_field},error_message"}).json()
            status = answer.get(self.status_field)
            if status == "FINISHED":
                return
            if status in ("ERROR", "EXPIRED"):
                raise Rejected(f"{self.label} could not use the image: {status} {answer.get('error_message', '')}".rstrip())
            if time.monotonic() >= deadline:
                raise Transient(f"the image container was still {status} after {self.settings.container_wait:.0f} s")
            self.sleep(self.settings.container_poll)


def debug_token(api: ApiSession, token: str) -> dict:
    """GET /debug_token (Graph and Threads APIs): the token's expiry (0: never) and permissions."""
    data = api.call("GET", "/debug_token", params={"input_token": token}).json().get("data") or {}
    if data.get("is_valid") is False:
        raise ChannelDown("the token is no longer valid (debug_token says is_valid: false)")
    expires = int(data.get("expires_at") or 0)
    return {"expires": dt.datetime.fromtimestamp(expires, dt.UTC) if expires else None, "scopes": tuple(data.get("scopes") or ())}


def graph_errors(response) -> None:
    """The Graph API's own codes: 4, 17, 32, 613 mean "slow down"; 190 a token that is no good."""
    code = _graph_code(response)
    if code in RATE_LIMIT_CODES and response.status_code != 429:
        raise Transient(f"Graph API rate limit (code {code})")
    if code == 190:
        raise ChannelDown("the Page access token was refused (Graph API code 190)")


def _graph_code(response) -> int | None:
    try:
        return response.json()["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return None
