"""Bluesky's public addresses, and its post and profile URLs, in one place."""

from __future__ import annotations

import re
from urllib.parse import quote, urlparse

APPVIEW = "https://public.api.bsky.app"  # unauthenticated reads: feeds, threads, likes, reposts
APP = "https://bsky.app"  # where people see posts and profiles
PDS = "https://bsky.social"  # where accounts without their own PDS live

_POST_PATH = re.compile(r"/profile/([\w.:-]+)/post/([\w]+)/?")


def profile_url(handle: str, app: str = APP) -> str:
    return f"{app.rstrip('/')}/profile/{quote(handle)}"


def post_url(handle: str, rkey: str, app: str = APP) -> str:
    return f"{profile_url(handle, app)}/post/{quote(rkey)}"


def rkey(uri: str) -> str:
    """The record key of an at:// URI (its last part)."""
    return str(uri).rsplit("/", 1)[-1]


def parse_post_url(url: str) -> tuple[str, str] | None:
    """(handle or DID, record key) of a bsky.app post URL, else None."""
    parts = urlparse(url)
    found = _POST_PATH.fullmatch(parts.path)
    if parts.hostname not in (urlparse(APP).hostname, "www." + urlparse(APP).hostname) or not found:
        return None
    return found[1], found[2]
