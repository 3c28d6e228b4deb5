"""Instagram, through the Graph API's content publishing for a professional account (the two
steps are in meta.py): an image container of the deployed share image with its caption and alt
text. A caption has no clickable links, so the post's address is written out to be read (no
tracking tags); 2,200 characters, 30 hashtags; 50 published posts per account in 24 hours
(content_publishing_limit). Every Marquee post has a share image; one without is refused."""

from __future__ import annotations

from ..base.channel import Rejected
from ..base.message import Message, Style
from ..base.text import Counting, names_link
from ..meta import ContainerChannel
from . import InstagramAccount

LIMIT = 2200


class InstagramChannel(ContainerChannel):
    name = "instagram"
    secrets = (("token_env", "Instagram access token"),)
    api_name, noun, status_field = "Instagram Graph API", "posts", "status_code"
    quota_edge, create_edge, publish_edge = "content_publishing_limit", "media", "media_publish"
    list_edge, list_fields = "media", "id,caption,permalink"

    def __init__(self, settings: InstagramAccount, environ: dict, timeout: float = 30, **kwargs):
        super().__init__(settings, environ, timeout, **kwargs)
        self.style = Style("instagram", Counting(LIMIT), max_hashtags=30, plain_links=True)

    def container(self, message: Message) -> dict:
        if not message.image:
            raise Rejected("an Instagram post needs an image, and this post has no share image")
        return {"image_url": message.image.url, "caption": message.text, "alt_text": message.image.alt}

    def matches(self, item: dict, url: str) -> bool:
        return names_link(item.get("caption") or "", url)


CHANNEL = InstagramChannel
