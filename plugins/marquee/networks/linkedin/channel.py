"""LinkedIn, through the Posts API (`POST /rest/posts`, with the `Linkedin-Version` and
`X-Restli-Protocol-Version: 2.0.0` headers), for a member or an organization. The post carries an
article (our link, title, description). No idempotency key: before any retry, the author's recent
posts are read for the post's URL."""

from __future__ import annotations

import re
from urllib.parse import quote

from ..base.channel import ApiSession, BaseChannel, Remote
from ..base.delivery import Entry
from ..base.message import Message, Style
from ..base.text import Counting, names_link
from . import LinkedInAuthor

LIMIT = 3000  # characters of commentary
_RESERVED = re.compile(r"([\\|{}@\[\]()<>#*_~])")  # "little text": these need a backslash


def little_text(text: str) -> str:
    """Commentary in LinkedIn's little-text format: reserved characters escaped, #Tags as hashtags."""
    escaped = _RESERVED.sub(r"\\\1", text)
    return re.sub(r"\\#(\w+)", r"{hashtag|\\#|\1}", escaped)


class LinkedInChannel(BaseChannel):
    name = "linkedin"
    secrets = (("token_env", "access token"),)

    def __init__(self, settings: LinkedInAuthor, environ: dict, timeout: float = 30):
        super().__init__(settings, environ, timeout)
        self.style = Style("linkedin", Counting(LIMIT))
        self.api = None

    @staticmethod
    def account_of(settings: LinkedInAuthor) -> str:
        return settings.author

    def open(self) -> None:
        self.require_secrets()
        headers = {"Linkedin-Version": self.settings.version, "X-Restli-Protocol-Version": "2.0.0"}
        self.api = ApiSession(self.settings.api_url, self.secret("token_env"), "LinkedIn", self._timeout, headers)

    def find(self, entry: Entry, url: str) -> Remote | None:
        answer = self.api.call(
            "GET",
            "/rest/posts",
            params={"author": self.settings.author, "q": "author", "count": self.settings.scan_posts},
        )
        posts = answer.json().get("elements", [])
        for post in posts:
            article = ((post.get("content") or {}).get("article") or {}).get("source") or ""
            if names_link(article, url) or names_link(post.get("commentary") or "", url):
                self.checked = f"found among the author's {len(posts)} latest posts"
                return Remote(post["id"], _public_url(post["id"]))
        self.checked = f"not among the author's {len(posts)} latest posts"
        return None

    def send(self, message: Message, key: str) -> Remote:
        body = {
            "author": self.settings.author,
            "commentary": little_text(message.text),
            "visibility": "PUBLIC",
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": [],
            },
            "content": {"article": {"source": message.url, "title": message.title, "description": message.description}},
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        answer = self.api.call("POST", "/rest/posts", json=body)
        post_id = answer.headers.get("x-restli-id", "")  # 201, no body: the new post's URN is in a header
        return Remote(post_id, _public_url(post_id))


def _public_url(urn: str) -> str:
    return f"https://www.linkedin.com/feed/update/{quote(urn, safe=':')}/"


CHANNEL = LinkedInChannel
