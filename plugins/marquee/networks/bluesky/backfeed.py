"""Read a syndicated Bluesky post back with atproto, from the AppView: counts (getPosts), the reply
tree (getPostThread), likes (getLikes) and reposts (getRepostedBy). Deleted and blocked replies
(notFoundPost, blockedPost) are left out, with everything under them."""

from __future__ import annotations

from atproto import Client
from atproto_client.request import Request

from ...net import Fetcher, bounded
from .. import bluesky as bsky
from ..base.conversation import Counts, Person, Reply, Thread, now, ordered, person

THREAD = "app.bsky.feed.defs#threadViewPost"


class BlueskyReader:
    network = "bluesky"

    def __init__(self, appview: str, fetcher: Fetcher, media, timeout: float = 30, app_url: str = bsky.APP):
        self.client = Client(
            base_url=appview,
            request=Request(
                timeout=timeout,
                transport=bounded.httpx_transport(bounded.Limits(deadline=max(2 * timeout, 5.0), max_bytes=10_000_000)),
            ),
        )
        self.fetcher, self.media, self.app_url = fetcher, media, app_url.rstrip("/")

    def counts(self, uri: str) -> Counts:
        (post,) = self.client.app.bsky.feed.get_posts({"uris": [uri]}).posts
        return Counts(post.reply_count or 0, post.like_count or 0, post.repost_count or 0)

    def thread(self, uri: str, copy_url: str, counts: Counts) -> Thread:
        ours = uri.split("/")[2]  # at://<our did>/app.bsky.feed.post/<rkey>
        root = self.client.app.bsky.feed.get_post_thread({"uri": uri, "depth": 100, "parent_height": 0}).thread
        replies, answered = [], set()

        def walk(node, parent_shown: str, parent_id: str) -> None:
            for child in getattr(node, "replies", None) or ():
                if getattr(child, "py_type", "") != THREAD:
                    continue  # deleted or blocked
                post = child.post
                if post.author.did == ours:
                    answered.add(parent_id)
                    walk(child, parent_shown, post.uri)
                    continue
                social = bsky.post(post.model_dump(by_alias=True, exclude_none=True), self.app_url)
                replies.append(
                    Reply(
                        id=post.uri,
                        url=social.url,
                        parent="" if parent_shown == uri else parent_shown,
                        author=person(social.author, self.fetcher, self.media),
                        published=social.date,
                        text=social.text,
                    )
                )
                walk(child, post.uri, post.uri)

        walk(root, uri, uri)
        likes = [
            self._person(like.actor) for like in self.client.app.bsky.feed.get_likes({"uri": uri, "limit": 100}).likes
        ]
        reposts = [
            self._person(a) for a in self.client.app.bsky.feed.get_reposted_by({"uri": uri, "limit": 100}).reposted_by
        ]
        shown = {r.id for r in replies}
        return ordered(
            Thread(
                self.network,
                copy_url,
                uri,
                counts,
                tuple(replies),
                tuple(likes),
                tuple(reposts),
                tuple(a for a in answered if a in shown),
                now(),
            )
        )

    def _person(self, actor) -> Person:
        return person(
            bsky.author(actor.model_dump(by_alias=True, exclude_none=True), self.app_url), self.fetcher, self.media
        )


def reader(account, settings, fetcher: Fetcher, environ: dict, timeout: float) -> BlueskyReader:
    """The public AppView's reader: it needs no account (links point where the account's app is)."""
    return BlueskyReader(settings.appview, fetcher, settings.media, timeout, account.app_url if account else bsky.APP)
