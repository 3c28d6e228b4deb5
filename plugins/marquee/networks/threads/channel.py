"""Threads, through Meta's Threads API (the two steps are in meta.py): a TEXT container with the
post's link as `link_attachment`, or with `image` on, an IMAGE container of the deployed share
image with its alt text. 500 characters, an emoji counting its UTF-8 bytes; one topic tag; 250
published posts per profile in 24 hours (threads_publishing_limit)."""

from __future__ import annotations

from ..base.message import Message, Style
from ..base.text import Counting, names_link
from ..meta import ContainerChannel
from . import ThreadsAccount

LIMIT = 500


class ThreadsChannel(ContainerChannel):
    name = "threads"
    secrets = (("token_env", "Threads access token"),)
    permissions, debuggable = ("threads_basic", "threads_content_publish"), True
    api_name, noun = "Threads API", "threads"
    quota_edge, create_edge, publish_edge = "threads_publishing_limit", "threads", "threads_publish"
    list_edge, list_fields = "threads", "id,permalink,text,link_attachment_url"

    def __init__(self, settings: ThreadsAccount, environ: dict, timeout: float = 30, **kwargs):
        super().__init__(settings, environ, timeout, **kwargs)
        self.style = Style("threads", Counting(LIMIT, emoji_bytes=True), max_hashtags=1)

    def container(self, message: Message) -> dict:
        if self.settings.image and message.image:
            return {
                "media_type": "IMAGE",
                "image_url": message.image.url,
                "alt_text": message.image.alt,
                "text": message.text,
            }
        return {"media_type": "TEXT", "text": message.text, "link_attachment": message.url}

    def matches(self, item: dict, url: str) -> bool:
        return names_link(item.get("link_attachment_url") or "", url) or names_link(item.get("text") or "", url)


CHANNEL = ThreadsChannel
