"""X, through tweepy's `create_tweet` with user-context (OAuth 1.0a) credentials. 280 weighted
characters: every URL 23, wide characters and emoji 2. No idempotency key: before any retry, our
recent posts are read for the post's URL (expanded from t.co)."""

from __future__ import annotations

import time

import requests
import tweepy

from ...net import bounded
from ..base.channel import (
    BaseChannel,
    ChannelDown,
    Rejected,
    Remote,
    Transient,
    unanswered,
)
from ..base.delivery import Entry
from ..base.message import Message, Style
from ..base.text import URL, Counting, names_link
from . import XAccount

TWEEPY_HOST = "https://api.twitter.com"  # what tweepy calls; api_url replaces it


class _Rebased(requests.Session):
    """tweepy has no base-URL setting: send its calls to the configured API host instead."""

    def __init__(self, base: str):
        super().__init__()
        self.base = base.rstrip("/")

    def request(self, method, url, *args, **kwargs):
        if url.startswith(TWEEPY_HOST):
            url = self.base + url[len(TWEEPY_HOST) :]
        return super().request(method, url, *args, **kwargs)


class XChannel(BaseChannel):
    name = "x"
    secrets = (
        ("consumer_key_env", "API key"),
        ("consumer_secret_env", "API secret"),
        ("access_token_env", "access token"),
        ("access_secret_env", "access secret"),
    )

    def __init__(self, settings: XAccount, environ: dict, timeout: float = 30):
        super().__init__(settings, environ, timeout)
        self.style = Style("x", Counting(280, 23, weighted=True))
        self.client = None
        self.me = ""

    @staticmethod
    def account_of(settings: XAccount) -> str:
        return f"@{settings.username}"

    def open(self) -> None:
        self.require_secrets()
        key, secret, token, token_secret = (self.secret(field) for field, _ in self.secrets)
        self.client = tweepy.Client(
            consumer_key=key, consumer_secret=secret, access_token=token, access_token_secret=token_secret
        )
        self.client.session = bounded.mount(
            _Rebased(self.settings.api_url), bounded.Limits(max(2 * self._timeout, 5.0), 10_000_000)
        )
        self.me = str(self._call(lambda: self.client.get_me(user_auth=True)).data["id"])

    def cost(self, message: Message) -> float:
        return self.settings.price_post_with_url if URL.search(message.text) else self.settings.price_post

    def find(self, entry: Entry, url: str) -> Remote | None:
        answer = self._call(
            lambda: self.client.get_users_tweets(
                self.me,
                max_results=min(100, max(5, self.settings.scan_posts)),
                tweet_fields=["entities"],
                user_auth=True,
            )
        )
        tweets = answer.data or []
        for tweet in tweets:
            links = [u.get("expanded_url", "") for u in ((tweet.entities or {}).get("urls") or [])]
            if any(names_link(link, url) for link in links) or names_link(tweet.text, url):
                self.checked = f"found among our {len(tweets)} latest posts"
                return Remote(str(tweet.id), self._url(tweet.id))
        self.checked = f"not among our {len(tweets)} latest posts"
        return None

    def send(self, message: Message, key: str) -> Remote:
        answer = self._call(lambda: self.client.create_tweet(text=message.text, user_auth=True), "POST")
        return Remote(str(answer.data["id"]), self._url(answer.data["id"]))

    def _url(self, tweet_id) -> str:
        return f"https://x.com/{self.settings.username}/status/{tweet_id}"

    def _call(self, function, method: str = "GET"):
        try:
            return function()
        except tweepy.TooManyRequests as error:
            raise Transient("429 rate limited", _retry_after(error)) from None
        except tweepy.TwitterServerError as error:
            raise Transient(f"{error.response.status_code} server error") from None
        except tweepy.Unauthorized:
            raise ChannelDown("the credentials were refused (401)") from None
        except tweepy.HTTPException as error:
            raise Rejected(f"{error.response.status_code} {'; '.join(error.api_messages)[:200]}") from None
        except requests.RequestException as error:
            raise unanswered(method, error) from None


def _retry_after(error) -> float | None:
    """X sends x-rate-limit-reset (epoch seconds), sometimes Retry-After."""
    headers = error.response.headers
    if headers.get("Retry-After", "").isascii() and headers.get("Retry-After", "").isdigit():
        return float(headers["Retry-After"])
    if headers.get("x-rate-limit-reset", "").isascii() and headers.get("x-rate-limit-reset", "").isdigit():
        return max(0.0, int(headers["x-rate-limit-reset"]) - time.time())
    return None


CHANNEL = XChannel
