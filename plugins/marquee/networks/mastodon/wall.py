"""Mastodon wall sources: an account's public posts (mastodon-account), a hashtag (mastodon-tag)."""

from __future__ import annotations

from urllib.parse import quote

from ...net import Fetcher
from .. import mastodon
from ..base.wall import Media, Post, wall_post


def _mastodon_post(source: dict, status: dict, media: Media) -> Post | None:
    social = mastodon.post(status)
    if social.visibility not in mastodon.LISTED or social.boost or social.sensitive:
        return None
    return wall_post(source, social, media)


def mastodon_account(source: dict, fetcher: Fetcher, media: Media) -> list[Post] | None:
    instance = source["instance"].rstrip("/")
    account = fetcher.json(f"{instance}/api/v1/accounts/lookup", {"acct": source["account"]})
    if not isinstance(account, dict) or "id" not in account:
        return None
    statuses = fetcher.json(
        f"{instance}/api/v1/accounts/{quote(str(account['id']))}/statuses",
        {"limit": source.get("limit", 10), "exclude_replies": "true", "exclude_reblogs": "true"},
    )
    if not isinstance(statuses, list):
        return None
    return [p for s in statuses if isinstance(s, dict) and (p := _mastodon_post(source, s, media))]


def mastodon_tag(source: dict, fetcher: Fetcher, media: Media) -> list[Post] | None:
    instance = source["instance"].rstrip("/")
    statuses = fetcher.json(f"{instance}/api/v1/timelines/tag/{quote(source['tag'])}", {"limit": 40})
    if not isinstance(statuses, list):
        return None
    return [p for s in statuses if isinstance(s, dict) and (p := _mastodon_post(source, s, media))]


KINDS = {"mastodon-account": mastodon_account, "mastodon-tag": mastodon_tag}
