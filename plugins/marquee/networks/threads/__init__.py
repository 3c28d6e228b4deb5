"""Threads (Meta's Threads API): its settings; the channel is channel.py."""

from __future__ import annotations

from dataclasses import dataclass

from ..accounts import ExpiringToken

NAME = "threads"  # the MARQUEE_SYNDICATION key and the ledger's channel name
LABEL = "Threads"  # as readers know it
PROFILE_HOSTS = ("www.threads.net", "threads.net", "www.threads.com", "threads.com")  # where its profile pages are


@dataclass(frozen=True)
class ThreadsAccount(ExpiringToken):
    user_id: str  # the Threads user id (GET /me?fields=id with the token)
    token_env: str = "MARQUEE_THREADS_TOKEN"  # a long-lived Threads user access token (60 days)
    api_url: str = "https://graph.threads.net"
    version: str = "v1.0"
    image: bool = False  # True: an image post (the share image, with its alt text); False: text with a link preview
    scan_posts: int = 50  # how many of the profile's recent threads reconciliation reads
    container_poll: float = 2.0  # seconds between reads of an image container's status
    container_wait: float = 120  # how long an image container may take before the post waits for the next run


ACCOUNT = ThreadsAccount  # its settings: MARQUEE_SYNDICATION["threads"]
