"""Bluesky, through atproto: our own link card with an uploaded thumbnail, rich-text facets, and a
record key derived from the post, so a retry can ask getRecord first and never post twice."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

from atproto import Client, models
from atproto_client import exceptions as errors
from atproto_client.request import Request
from PIL import Image

from ...net import bounded
from .. import bluesky as bsky
from ..base.channel import BaseChannel, ChannelDown, Rejected, Remote, Transient
from ..base.delivery import Entry
from ..base.message import Message, Style
from ..base.text import Counting
from . import BlueskyAccount

POST = "app.bsky.feed.post"
THUMB_MAX_BYTES = 1_000_000  # app.bsky.embed.external#external.thumb
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def tid(published: dt.datetime, seed: str) -> str:
    """A valid TID (13 chars, base32-sortable): the publication time in microseconds, nudged by up
    to a second and given a clock id, both from `seed`, so two posts of one minute still differ."""
    digest = int.from_bytes(hashlib.sha256(seed.encode("utf-8")).digest()[:8], "big")
    micros = int(published.timestamp()) * 1_000_000 + digest % 1_000_000
    value = (micros << 10) | (digest >> 54)  # top bit stays 0: micros < 2**53
    return "".join(_TID_ALPHABET[(value >> shift) & 31] for shift in range(60, -1, -5))


class BlueskyChannel(BaseChannel):
    name = "bluesky"
    settles = False  # a deterministic record key: a repeat is refused
    secrets = (("password_env", "app password"),)

    def __init__(self, settings: BlueskyAccount, environ: dict, timeout: float = 30):
        super().__init__(settings, environ, timeout)
        self.style = Style("bluesky", Counting(300), short_links=True)
        self._password = self.secret("password_env")
        self.client = None
        self.did = ""

    @staticmethod
    def account_of(settings: BlueskyAccount) -> str:
        return settings.handle

    def open(self) -> None:
        self.require_secrets()
        self.client = Client(
            base_url=self.settings.pds,
            request=Request(
                timeout=self._timeout,
                transport=bounded.httpx_transport(
                    bounded.Limits(deadline=max(2 * self._timeout, 5.0), max_bytes=10_000_000)
                ),
            ),
        )
        try:
            self._call(lambda: self.client.login(self.settings.handle, self._password, fetch_bsky_profile=False))
            self.did = self._call(self.client.com.atproto.server.get_session).did
        except (Transient, Rejected) as error:
            raise ChannelDown(f"{self.settings.pds}: login failed ({error})") from None

    def key(self, post_id: str, published) -> str:
        return tid(published, f"{post_id}\x1f{self.account}")

    def web_url(self, rkey: str) -> str:
        return bsky.post_url(self.settings.handle, rkey, self.settings.app_url)

    def find(self, entry: Entry, url: str) -> Remote | None:
        try:
            record = self._call(
                lambda: self.client.com.atproto.repo.get_record(
                    {"repo": self.did, "collection": POST, "rkey": entry.key},
                )
            )
        except Rejected as error:
            if "RecordNotFound" in str(error) or "Could not locate record" in str(error):
                self.checked = f"no record {entry.key} in our repository"
                return None
            raise
        self.checked = f"record {entry.key} found in our repository"
        return Remote(record.uri, self.web_url(entry.key))

    def send(self, message: Message, key: str) -> Remote:
        thumb = None
        if message.image:
            data = _thumbnail(message.image.path.read_bytes())
            thumb = self._call(lambda: self.client.upload_blob(data)).blob
        record = models.AppBskyFeedPost.Record(
            text=message.text,
            created_at=self.client.get_current_time_iso(),
            langs=[message.language],
            facets=[_facet(f) for f in message.facets] or None,
            embed=models.AppBskyEmbedExternal.Main(
                external=models.AppBskyEmbedExternal.External(
                    uri=message.url,
                    title=message.title,
                    description=message.description,
                    thumb=thumb,
                )
            ),
        )
        created = self._call(
            lambda: self.client.com.atproto.repo.create_record(
                models.ComAtprotoRepoCreateRecord.Data(repo=self.did, collection=POST, rkey=key, record=record),
            )
        )
        return Remote(created.uri, self.web_url(key))

    def _call(self, function):
        try:
            return function()
        except errors.RateLimitExceededError as error:
            raise Transient("429 rate limited", error.retry_after) from None
        except errors.NetworkError as error:  # transport failures, and 409/413/502 per the client
            raise Transient(_describe(error)) from None
        except errors.UnauthorizedError as error:
            raise ChannelDown(f"the app password was refused ({_describe(error)})") from None
        except errors.RequestErrorBase as error:
            if error.response is not None and error.response.status_code >= 500:
                raise Transient(_describe(error)) from None
            raise Rejected(_describe(error)) from None


def _describe(error: errors.RequestErrorBase) -> str:
    if error.response is None:
        return f"connection failed: {type(error.__cause__ or error).__name__}"
    return str(error)


def _facet(facet) -> models.AppBskyRichtextFacet.Main:
    if facet.kind == "link":
        feature = models.AppBskyRichtextFacet.Link(uri=facet.value)
    else:
        feature = models.AppBskyRichtextFacet.Tag(tag=facet.value)
    return models.AppBskyRichtextFacet.Main(
        index=models.AppBskyRichtextFacet.ByteSlice(byte_start=facet.start, byte_end=facet.end),
        features=[feature],
    )


def _thumbnail(data: bytes) -> bytes:
    """The share image as it is when small enough, else a smaller JPEG."""
    if len(data) <= THUMB_MAX_BYTES:
        return data
    image = Image.open(io.BytesIO(data)).convert("RGB")
    image.thumbnail((1000, 1000))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


CHANNEL = BlueskyChannel
