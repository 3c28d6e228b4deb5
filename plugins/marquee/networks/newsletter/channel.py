"""An email newsletter through Buttondown's API (`POST /v1/emails`, `Authorization: Token …`,
`X-API-Version`): one email per post — the post's title as the subject, its share image, summary
and link as the body. By default a draft to review and send in Buttondown (`send: False`); with
`send: True` it goes out at once (status about_to_send, with the one-time
`X-Buttondown-Live-Dangerously` confirmation). With `digest`, the posts due by each scheduled
time go out together in one email instead (pipeline._digest). No idempotency key: the email
carries the post's id (a digest: its key) in its metadata, and before any retry the newest emails
are read for it."""

from __future__ import annotations

from ..base.channel import ApiSession, BaseChannel, Remote
from ..base.delivery import Entry
from ..base.message import Message, Style
from ..base.text import Counting
from . import Newsletter

LIMIT = 100_000  # characters of body: no real limit, but a post is never this long


class NewsletterChannel(BaseChannel):
    name = "newsletter"
    secrets = (("api_key_env", "Buttondown API key"),)

    def __init__(self, settings: Newsletter, environ: dict, timeout: float = 30):
        super().__init__(settings, environ, timeout)
        self.style = Style("newsletter", Counting(LIMIT), max_hashtags=0)
        self.digest = settings.digest
        self.api = None

    @staticmethod
    def account_of(settings: Newsletter) -> str:
        return settings.username

    def open(self) -> None:
        self.require_secrets()
        headers = {"Authorization": f"Token {self.secret('api_key_env')}", "X-API-Version": self.settings.api_version}
        self.api = ApiSession(f"{self.settings.api_url.rstrip('/')}/v1", "", "Buttondown", self._timeout, headers)

    def find(self, entry: Entry, url: str) -> Remote | None:
        answer = self.api.call(
            "GET", "/emails", params={"ordering": "-creation_date", "page_size": self.settings.scan_emails}
        )
        emails = answer.json().get("results", [])
        field, wanted = ("marquee_digest", entry.key) if entry.key.startswith("digest-") else ("marquee_id", entry.post)
        for email in emails:
            if (email.get("metadata") or {}).get(field) == wanted:
                self.checked = f"found among the {len(emails)} newest emails"
                return self._remote(email)
        self.checked = f"not among the {len(emails)} newest emails"
        return None

    def send(self, message: Message, key: str) -> Remote:
        body = {
            "subject": message.title,
            "body": _picture(message) + message.text,
            "canonical_url": message.url,
            "description": message.description,
            "metadata": {"marquee_id": message.post_id},
        }
        return self._create(body, message.image.url if message.image else "")

    def send_digest(self, messages: list[Message], key: str) -> Remote:
        """One email: each post under its title (a link), with its picture and text, newest last."""
        subject = " · ".join(m.title for m in messages)
        sections = [f"## [{_markdown_text(m.title)}]({m.url})\n\n{_picture(m)}{m.text}" for m in messages]
        body = {
            "subject": subject if len(subject) <= 150 else subject[:149].rstrip() + "…",
            "body": "\n\n---\n\n".join(sections),
            "description": messages[0].description,
            "metadata": {"marquee_digest": key, "marquee_ids": [m.post_id for m in messages]},
        }
        return self._create(body, next((m.image.url for m in messages if m.image), ""))

    def _create(self, body: dict, image: str) -> Remote:
        body["status"] = "about_to_send" if self.settings.send else "draft"
        if image:
            body["image"] = image
        headers = {"X-Buttondown-Live-Dangerously": "true"} if self.settings.send else {}
        return self._remote(self.api.call("POST", "/emails", json=body, headers=headers).json())

    def _remote(self, email: dict) -> Remote:
        # A draft's archive page is not public: no "Also on" link until it is sent.
        public = email.get("status") in ("about_to_send", "sent", "in_flight", "scheduled")
        return Remote(str(email["id"]), (email.get("absolute_url") or "") if public else "")


def _picture(message: Message) -> str:
    return f"![{_markdown_text(message.image.alt)}]({message.image.url})\n\n" if message.image else ""


def _markdown_text(text: str) -> str:
    return text.replace("[", "(").replace("]", ")")


CHANNEL = NewsletterChannel
