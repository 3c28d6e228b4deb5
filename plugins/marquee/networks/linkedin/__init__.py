"""LinkedIn (Posts API): its settings; the channel is channel.py."""

from __future__ import annotations

from dataclasses import dataclass

from ..accounts import ExpiringToken

NAME = "linkedin"  # the MARQUEE_SYNDICATION key and the ledger's channel name
LABEL = "LinkedIn"  # as readers know it
PROFILE_HOSTS = ("www.linkedin.com", "linkedin.com")  # where its profile pages are


@dataclass(frozen=True)
class LinkedInAuthor(ExpiringToken):
    author: str  # urn:li:organization:12345 (a company page) or urn:li:person:abc
    token_env: str = "MARQUEE_LINKEDIN_TOKEN"
    api_url: str = "https://api.linkedin.com"
    version: str = "202610"  # the Linkedin-Version header, YYYYMM (each version lives about a year)
    scan_posts: int = 50


ACCOUNT = LinkedInAuthor  # its settings: MARQUEE_SYNDICATION["linkedin"]
