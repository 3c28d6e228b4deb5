"""Bluesky: its settings, public addresses, post and profile URLs, and its API objects as the
shared social model. Its channel, backfeed reader, embed and wall source are the modules beside this."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlparse

from ...sanitize import plain, timestamp
from ..social import Author, Picture, SocialPost, obj, objects

NAME = "bluesky"  # the MARQUEE_SYNDICATION key and the ledger's channel name
LABEL = "Bluesky"  # as readers know it
PROFILE_HOSTS = ("bsky.app",)  # where its profile pages are

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


def author(actor: dict, app: str = APP) -> Author:
    """An app.bsky.actor profile view (the API's JSON, or an atproto model's model_dump(by_alias=True))."""
    actor = obj(actor)
    handle = plain(str(actor.get("handle") or ""), 100)
    return Author(
        id=str(actor.get("did") or ""),
        name=plain(str(actor.get("displayName") or handle), 100),
        handle=f"@{handle}",
        url=profile_url(handle, app) if handle else "",
        avatar=str(actor.get("avatar") or ""),
        created=timestamp(actor.get("createdAt")),
    )


def post(view: dict, app: str = APP) -> SocialPost:
    """An app.bsky.feed.defs#postView: plain text, pictures from an images embed (alone or with media)."""
    view = obj(view)
    record, embed = obj(view.get("record")), obj(view.get("embed"))
    images = objects(embed.get("images")) or objects(obj(embed.get("media")).get("images"))
    who = author(view.get("author"), app)
    reply = obj(record.get("reply"))
    uri = str(view.get("uri") or "")
    return SocialPost(
        network="Bluesky",
        id=uri,
        url=post_url(who.handle.lstrip("@"), rkey(uri), app),
        author=who,
        date=timestamp(record.get("createdAt") or view.get("indexedAt")),
        text=plain(str(record.get("text") or ""), 3000),
        pictures=tuple(
            Picture(str(i.get("thumb") or i.get("fullsize")), plain(str(i.get("alt") or ""), 1500))
            for i in images
            if i.get("thumb") or i.get("fullsize")
        ),
        parent=str(obj(reply.get("parent")).get("uri") or ""),
    )


@dataclass(frozen=True)
class BlueskyAccount:
    handle: str
    pds: str = PDS
    password_env: str = "MARQUEE_BLUESKY_APP_PASSWORD"
    app_url: str = APP  # where a post's public web page lives


ACCOUNT = BlueskyAccount  # its settings: MARQUEE_SYNDICATION["bluesky"]
