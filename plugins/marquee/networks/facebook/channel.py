"""A Facebook Page, through the Graph API: `POST /{page-id}/feed` (message + link, the card comes
from the page's Open Graph tags), or with `photos` on, `POST /{page-id}/photos` with the share
image and its alt text. The Graph API has no idempotency key: before any retry, the page's recent
posts are read for the post's URL."""

from __future__ import annotations

from ..base.channel import ApiSession, BaseChannel, Remote
from ..base.delivery import Entry
from ..base.message import Message, Style
from ..base.text import Counting, names_link
from ..meta import debug_token, graph_errors
from . import FacebookPage

LIMIT = 63_206  # characters in a Page post


class FacebookChannel(BaseChannel):
    name = "facebook"
    secrets = (("token_env", "Page access token"),)
    permissions = ("pages_manage_posts", "pages_read_engagement")

    def __init__(self, settings: FacebookPage, environ: dict, timeout: float = 30):
        super().__init__(settings, environ, timeout)
        self.style = Style("facebook", Counting(LIMIT))
        self.api = None

    @staticmethod
    def account_of(settings: FacebookPage) -> str:
        return settings.page_id

    def open(self) -> None:
        self.require_secrets()
        base = f"{self.settings.graph_url.rstrip('/')}/{self.settings.version}"
        self.api = ApiSession(base, self.secret("token_env"), "Graph API", self._timeout, inspect=graph_errors)

    def token_facts(self) -> dict:
        return debug_token(self.api, self.secret("token_env"))

    def find(self, entry: Entry, url: str) -> Remote | None:
        answer = self.api.call(
            "GET",
            f"/{self.settings.page_id}/feed",
            params={"fields": "id,message,link,permalink_url", "limit": self.settings.scan_posts},
        )
        posts = answer.json().get("data", [])
        for post in posts:
            if names_link(post.get("link") or "", url) or names_link(post.get("message") or "", url):
                self.checked = f"found among the page's {len(posts)} latest posts"
                return Remote(post["id"], post.get("permalink_url") or f"https://www.facebook.com/{post['id']}")
        self.checked = f"not among the page's {len(posts)} latest posts"
        return None

    def send(self, message: Message, key: str) -> Remote:
        if self.settings.photos and message.image:
            with open(message.image.path, "rb") as image:
                answer = self.api.call(
                    "POST",
                    f"/{self.settings.page_id}/photos",
                    files={"source": (message.image.path.name, image, message.image.mime)},
                    data={"message": message.text, "alt_text_custom": message.image.alt, "published": "true"},
                )
            post_id = answer.json().get("post_id") or answer.json()["id"]
        else:
            answer = self.api.call(
                "POST", f"/{self.settings.page_id}/feed", data={"message": message.text, "link": message.url}
            )
            post_id = answer.json()["id"]
        return Remote(post_id, f"https://www.facebook.com/{post_id}")


CHANNEL = FacebookChannel
