"""Webhooks: a JSON POST per post to any URL, as plain JSON or in Discord's or Slack's shape.

A webhook cannot be read back, so exactly-once rests on the receiver: every try of one post carries
the same Idempotency-Key header. The URL is a secret (Discord and Slack put the token in it): it is
never logged nor stored; the ledger names the webhook.
"""

from __future__ import annotations

import requests

from ...net import bounded
from ...net.reasons import reason
from ..base.channel import BaseChannel, Rejected, Remote, Transient, check
from ..base.delivery import Entry
from ..base.message import Message, Style
from ..base.text import Counting
from . import Webhook

LIMITS = {"json": 10_000, "discord": 2000, "slack": 4000}  # Discord: content; Slack: text


class WebhookChannel(BaseChannel):
    name = "webhook"
    settles = False  # an Idempotency-Key header for the receiver
    secrets = (("url_env", "URL"),)

    def __init__(self, settings: Webhook, environ: dict, timeout: float = 30):
        if settings.format not in LIMITS:
            raise ValueError(f"webhook {settings.name}: format {settings.format!r} is not one of {', '.join(LIMITS)}")
        super().__init__(settings, environ, timeout)
        self.style = Style(f"webhook-{settings.format}", Counting(LIMITS[settings.format]))
        self._url = self.secret("url_env")
        self._session = None

    @staticmethod
    def account_of(settings: Webhook) -> str:
        return settings.name

    def open(self) -> None:
        self.require_secrets()
        self._session = bounded.api_session(self._timeout)

    def find(self, entry: Entry, url: str) -> Remote | None:
        return None  # nothing to read back; the repeated Idempotency-Key lets the receiver drop a repeat

    def send(self, message: Message, key: str) -> Remote:
        try:
            response = self._session.post(
                self._url,
                json=payload(message, self.settings.format),
                timeout=self._timeout,
                headers={"Idempotency-Key": key, "User-Agent": "Marquee"},
                allow_redirects=False,
            )
        except requests.RequestException as error:
            raise Transient(f"connection failed: {reason(error)}") from None
        if response.status_code == 401:  # a webhook has no token to refuse: its URL is wrong
            raise Rejected("401 Unauthorized")
        check(response, "webhook")
        return Remote(key)


def payload(message: Message, kind: str) -> dict:
    image = message.image
    if kind == "discord":
        embed = {"title": message.title, "url": message.url, "description": message.description}
        if image:
            embed["image"] = {"url": image.url}
        return {"content": message.text, "embeds": [embed]}
    if kind == "slack":
        return {"text": message.text, "unfurl_links": True}
    return {
        "id": message.post_id,
        "type": message.type,
        "text": message.text,
        "url": message.url,
        "title": message.title,
        "description": message.description,
        "image": {"url": image.url, "alt": image.alt} if image else None,
    }


CHANNEL = WebhookChannel
