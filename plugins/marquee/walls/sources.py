"""Wall sources, one function per kind of source: fetch -> list of Post (sanitized, images local).

Kinds: mastodon-account, mastodon-tag, bluesky, youtube, feed. Each source is a dict from
MARQUEE_WALLS; its base URL is part of it, so tests point sources at loopback servers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import quote

import feedparser

from ..net import Fetcher, localize
from ..networks import bluesky as bsky
from ..networks import mastodon
from ..networks.social import SocialPost
from ..sanitize import clean_html, clean_text, plain, timestamp
from .post import Post


class Media:
    """Stores a wall's images in its media folder (committed with the snapshots)."""

    def __init__(self, fetcher: Fetcher, folder: Path):
        self.fetcher, self.folder = fetcher, folder

    def image(self, url: str, max_side: int, alt: str = "") -> dict | None:
        local = localize(self.fetcher, url, max_side, self.folder) if url else None
        return {"name": local.name, "alt": alt, "width": local.width, "height": local.height} if local else None


def _wall_post(source: dict, social: SocialPost, media: Media) -> Post:
    """A wall's Post from the shared model: pictures and avatar stored in the wall's media folder."""
    images = [found for picture in social.pictures if (found := media.image(picture.url, 800, picture.alt))]
    avatar = media.image(social.author.avatar, 96)
    return Post(
        source=source["name"], network=social.network, id=social.id, url=social.url, author=social.author.name,
        handle=social.author.handle, date=social.date, html=social.html, text=social.text,
        avatar=avatar["name"] if avatar else "", images=tuple(images), author_created=social.author.created,
    )  # fmt: skip


def _mastodon_post(source: dict, status: dict, media: Media) -> Post | None:
    social = mastodon.post(status)
    if social.visibility not in mastodon.LISTED or social.boost or social.sensitive:
        return None
    return _wall_post(source, social, media)


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


def bluesky(source: dict, fetcher: Fetcher, media: Media) -> list[Post] | None:
    appview = source.get("appview", bsky.APPVIEW).rstrip("/")
    data = fetcher.json(
        f"{appview}/xrpc/app.bsky.feed.getAuthorFeed",
        {"actor": source["actor"], "limit": source.get("limit", 10), "filter": "posts_no_replies"},
    )
    if not isinstance(data, dict) or not isinstance(data.get("feed"), list):
        return None
    posts = []
    for item in data["feed"]:
        view = item.get("post") if isinstance(item, dict) and not item.get("reason") else None  # no reposts
        if isinstance(view, dict):
            posts.append(_wall_post(source, bsky.post(view), media))
    return posts


def _feed_posts(source: dict, body: bytes, media: Media, network: str) -> list[Post] | None:
    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        return None
    posts = []
    for entry in parsed.entries[: source.get("limit", 10)]:
        link = str(entry.get("link") or "")
        if not link.startswith(("https://", "http://")):
            continue
        thumbnails = entry.get("media_thumbnail") or []
        title = plain(str(entry.get("title") or ""), 300)
        image = media.image(thumbnails[0].get("url", ""), 800, title) if thumbnails else None
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        posts.append(Post(
            source=source["name"], network=network, id=str(entry.get("id") or link), url=link,
            author=plain(str(entry.get("author") or parsed.feed.get("title") or ""), 100), handle="",
            date=timestamp(dt.datetime(*published[:6], tzinfo=dt.UTC)) if published else "",
            text=title, html=clean_html(str(entry.get("summary") or "")) if network != "YouTube" else "",
            images=(image,) if image else (),
        ))  # fmt: skip
    return posts


def youtube(source: dict, fetcher: Fetcher, media: Media) -> list[Post] | None:
    base = source.get("base", "https://www.youtube.com").rstrip("/")
    key = "playlist_id" if "playlist_id" in source else "channel_id"
    fetched = fetcher.get(f"{base}/feeds/videos.xml", {key: source[key]}, accept=("application/atom+xml", "text/xml", "application/xml"))
    return _feed_posts(source, fetched.body, media, "YouTube") if fetched else None


def feed(source: dict, fetcher: Fetcher, media: Media) -> list[Post] | None:
    fetched = fetcher.get(
        source["url"], accept=("application/rss+xml", "application/atom+xml", "application/xml", "text/xml"),
    )  # fmt: skip
    return _feed_posts(source, fetched.body, media, source.get("network") or clean_text(source["name"], 60)) if fetched else None


KINDS = {
    "mastodon-account": mastodon_account,
    "mastodon-tag": mastodon_tag,
    "bluesky": bluesky,
    "youtube": youtube,
    "feed": feed,
}
