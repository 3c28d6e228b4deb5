"""A Facebook Page (Graph API): its settings; the channel is channel.py."""

from __future__ import annotations

from dataclasses import dataclass

from ..accounts import ExpiringToken

NAME = "facebook"  # the MARQUEE_SYNDICATION key and the ledger's channel name
LABEL = "Facebook"  # as readers know it
PROFILE_HOSTS = ("www.facebook.com", "facebook.com", "m.facebook.com")  # where its profile pages are


@dataclass(frozen=True)
class FacebookPage(ExpiringToken):
    page_id: str
    token_env: str = "MARQUEE_FACEBOOK_PAGE_TOKEN"
    graph_url: str = "https://graph.facebook.com"
    version: str = "v24.0"
    photos: bool = False  # True: a photo post (with alt text) instead of a link post
    scan_posts: int = 50  # how many of the page's recent posts reconciliation reads


ACCOUNT = FacebookPage  # its settings: MARQUEE_SYNDICATION["facebook"]
