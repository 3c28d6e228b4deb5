"""Mastodon: its settings, and its API JSON (accounts, statuses) as the shared social model,
sanitized once. Its channel, backfeed reader, embed and wall sources are the modules beside this."""

from __future__ import annotations

from dataclasses import dataclass

from ...net.policy import web_url
from ...sanitize import clean_html, plain, timestamp
from ..social import Author, Picture, SocialPost, obj, objects

NAME = "mastodon"  # the MARQUEE_SYNDICATION key and the ledger's channel name
LABEL = "Mastodon"  # as readers know it

OPEN = ("public", "unlisted")  # what anyone with the link may see (embeds, replies under our post)
LISTED = ("public",)  # what may be shown to people who did not ask for it (walls)


def author(account: dict) -> Author:
    account = obj(account)
    handle = plain(str(account.get("acct") or account.get("username") or ""), 100)
    return Author(
        id=str(account.get("id") or ""),
        handle=f"@{handle}",
        name=plain(str(account.get("display_name") or account.get("username") or handle), 100),
        url=web_url(account.get("url"), source="mastodon") or "",
        avatar=str(account.get("avatar_static") or account.get("avatar") or ""),
        created=timestamp(account.get("created_at")),
    )


def post(status: dict) -> SocialPost:
    status = obj(status)
    pictures = tuple(
        Picture(str(media.get("preview_url") or media.get("url")), plain(str(media.get("description") or ""), 1500))
        for media in objects(status.get("media_attachments"))
        if media.get("type") == "image" and (media.get("preview_url") or media.get("url"))
    )
    return SocialPost(
        network="Mastodon",
        id=str(status.get("id") or ""),
        url=web_url(status.get("url"), source="mastodon") or web_url(status.get("uri"), source="mastodon") or "",
        author=author(status.get("account")),
        date=timestamp(status.get("created_at")),
        html=clean_html(str(status.get("content") or "")),
        pictures=pictures,
        visibility=str(status.get("visibility") or "public"),
        parent=str(status.get("in_reply_to_id") or ""),
        boost=bool(status.get("reblog")),
        sensitive=bool(status.get("sensitive")),
    )


@dataclass(frozen=True)
class MastodonAccount:
    instance: str  # https://mastodon.social
    account: str  # the username, without @ or instance
    token_env: str = "MARQUEE_MASTODON_TOKEN"
    visibility: str = "public"
    idempotency_window: float = 3600  # seconds Mastodon keeps an Idempotency-Key
    scan_statuses: int = 200  # how many of our recent statuses reconciliation reads


ACCOUNT = MastodonAccount  # its settings: MARQUEE_SYNDICATION["mastodon"]
