"""Instagram (Graph API content publishing for a professional account): its settings; the channel is channel.py."""

from __future__ import annotations

from dataclasses import dataclass

from ..accounts import ExpiringToken

NAME = "instagram"  # the MARQUEE_SYNDICATION key and the ledger's channel name
LABEL = "Instagram"  # as readers know it
PROFILE_HOSTS = ("www.instagram.com", "instagram.com")  # where its profile pages are


@dataclass(frozen=True)
class InstagramAccount(ExpiringToken):
    user_id: str  # the Instagram professional account's id (GET /me?fields=user_id with the token)
    token_env: str = "MARQUEE_INSTAGRAM_TOKEN"  # a long-lived Instagram user access token (60 days)
    api_url: str = "https://graph.instagram.com"
    version: str = "v24.0"
    scan_posts: int = 50  # how many of the account's recent posts reconciliation reads
    container_poll: float = 2.0  # seconds between reads of a container's status
    container_wait: float = 120  # how long a container may take before the post waits for the next run


ACCOUNT = InstagramAccount  # its settings: MARQUEE_SYNDICATION["instagram"]
