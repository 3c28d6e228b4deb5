"""Threads, through Meta's Threads API: create a media container (`POST /{user-id}/threads`: a
TEXT post with the link as `link_attachment`, or with `image` on an IMAGE post of the deployed
share image with its alt text), wait until an image container is FINISHED, then publish it
(`POST /{user-id}/threads_publish`). 500 characters, an emoji counting its UTF-8 bytes; one topic
tag. Profiles may publish 250 posts in 24 hours: the quota is read at open and a post past it
waits for the next run. No idempotency key: before any retry, our recent threads are read for the
post's URL (as for Facebook); a container made before a crash and never published expires
unseen after 24 hours."""

from __future__ import annotations

import time

from ..compose import Message, Style
from ..ledger import Entry
from ..options import ThreadsAccount
from ..text import Counting
from .base import ApiSession, BaseChannel, Rejected, Remote, Transient
from .facebook import graph_errors

LIMIT = 500


class ThreadsChannel(BaseChannel):
    name = "threads"
    secrets = (("token_env", "Threads access token"),)

    def __init__(self, settings: ThreadsAccount, environ: dict, timeout: float = 30, sleep=time.sleep):
        super().__init__(settings, environ, timeout)
        self.style = Style("threads", Counting(LIMIT, emoji_bytes=True), max_hashtags=1)
        self.api = None
        self.quota_left: int | None = None
        self.sleep = sleep

    @staticmethod
    def account_of(settings: ThreadsAccount) -> str:
        return settings.user_id

    def open(self) -> None:
        self.require_secrets()
        base = f"{self.settings.api_url.rstrip('/')}/{self.settings.version}"
        self.api = ApiSession(base, self.secret("token_env"), "Threads API", self._timeout, inspect=graph_errors)
        answer = self.api.call("GET", f"/{self.settings.user_id}/threads_publishing_limit", params={"fields": "quota_usage,config"})
        usage = (answer.json().get("data") or [{}])[0]
        total = (usage.get("config") or {}).get("quota_total")
        if total is not None:
            self.quota_left = int(total) - int(usage.get("quota_usage") or 0)

    def find(self, entry: Entry, url: str) -> Remote | None:
        answer = self.api.call("GET", f"/{self.settings.user_id}/threads", params={
            "fields": "id,permalink,text,link_attachment_url", "limit": self.settings.scan_posts})  # fmt: skip
        threads = answer.json().get("data", [])
        for thread in threads:
            if url in (thread.get("link_attachment_url") or "") or url in (thread.get("text") or ""):
                self.checked = f"found among the profile's {len(threads)} latest threads"
                return Remote(thread["id"], thread.get("permalink") or "")
        self.checked = f"not among the profile's {len(threads)} latest threads"
        return None

    def send(self, message: Message, key: str) -> Remote:
        if self.quota_left is not None and self.quota_left <= 0:
            raise Transient("the profile has published its 250 posts of the last 24 hours; the next run sends it")
        user = self.settings.user_id
        if self.settings.image and message.image:
            form = {"media_type": "IMAGE", "image_url": message.image.url, "alt_text": message.image.alt, "text": message.text}
        else:
            form = {"media_type": "TEXT", "text": message.text, "link_attachment": message.url}
        container = self.api.call("POST", f"/{user}/threads", data=form).json()["id"]
        if form["media_type"] == "IMAGE":
            self._wait_until_finished(container)
        published = self.api.call("POST", f"/{user}/threads_publish", data={"creation_id": container}).json()["id"]
        if self.quota_left is not None:
            self.quota_left -= 1
        permalink = self.api.call("GET", f"/{published}", params={"fields": "permalink"}).json().get("permalink", "")
        return Remote(published, permalink)

    def _wait_until_finished(self, container: str) -> None:
        """Meta fetches the image from our site: poll the container until it is ready."""
        deadline = time.monotonic() + self.settings.container_wait
        while True:
            status = self.api.call("GET", f"/{container}", params={"fields": "status,error_message"}).json()
            if status.get("status") == "FINISHED":
                return
            if status.get("status") in ("ERROR", "EXPIRED"):
                raise Rejected(f"Threads could not use the image: {status.get('status')} {status.get('error_message', '')}".rstrip())
            if time.monotonic() >= deadline:
                raise Transient(f"the image container was still {status.get('status')} after {self.settings.container_wait:.0f} s")
            self.sleep(self.settings.container_poll)
