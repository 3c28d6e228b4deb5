"""X (API v2, pay-per-use): its settings and prices; the channel is channel.py."""

from __future__ import annotations

from dataclasses import dataclass

NAME = "x"  # the MARQUEE_SYNDICATION key and the ledger's channel name
LABEL = "X"  # as readers know it
PROFILE_HOSTS = ("x.com", "twitter.com", "www.x.com")  # where its profile pages are


@dataclass(frozen=True)
class XAccount:
    username: str
    api_url: str = "https://api.x.com"
    consumer_key_env: str = "MARQUEE_X_API_KEY"
    consumer_secret_env: str = "MARQUEE_X_API_SECRET"
    access_token_env: str = "MARQUEE_X_ACCESS_TOKEN"
    access_secret_env: str = "MARQUEE_X_ACCESS_SECRET"
    scan_posts: int = 50
    # X's pay-per-use rates in dollars (docs.x.com "Pricing", April 2026): a post with a URL costs
    # far more than one without; reading our own posts back (reconciliation) costs a little.
    price_post: float = 0.015
    price_post_with_url: float = 0.200
    price_owned_read: float = 0.001


ACCOUNT = XAccount  # its settings: MARQUEE_SYNDICATION["x"]
