"""Fetched payloads are untrusted in shape as well as content: any JSON where a network's API
answer is expected gives a post (sanitized) or nothing — never a traceback."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from marquee.net import Fetcher, NetSettings
from marquee.networks import bluesky, mastodon

KEYS = [
    "id",
    "uri",
    "url",
    "content",
    "account",
    "acct",
    "username",
    "display_name",
    "avatar",
    "avatar_static",
    "created_at",
    "media_attachments",
    "type",
    "preview_url",
    "description",
    "visibility",
    "in_reply_to_id",
    "reblog",
    "sensitive",
    "record",
    "text",
    "createdAt",
    "embed",
    "images",
    "media",
    "thumb",
    "fullsize",
    "alt",
    "author",
    "handle",
    "did",
    "displayName",
    "reply",
    "parent",
    "indexedAt",
    "wm-id",
    "wm-source",
    "wm-target",
    "wm-property",
    "wm-private",
    "name",
    "photo",
    "published",
    "wm-received",
    "rsvp",
    "children",
]
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(max_size=20)
    | st.sampled_from(
        ["<script>alert(1)</script>", "javascript:alert(1)", "at://did:plc:x/app.bsky.feed.post/3k", "image"]
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=6),
    max_leaves=25,
)


@settings(max_examples=400, deadline=None)
@given(JSON)
def test_any_mastodon_status_is_a_post_or_nothing(payload):
    if isinstance(payload, dict):
        post = mastodon.post(payload)
        assert "<script" not in post.html and (not post.url or post.url.startswith(("http://", "https://")))


@settings(max_examples=400, deadline=None)
@given(JSON)
def test_any_bluesky_post_view_is_a_post_or_nothing(payload):
    if isinstance(payload, dict):
        post = bluesky.post(payload)
        assert "<" not in post.text or "<script" not in post.html


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(JSON, max_size=5))
def test_any_webmention_entries_become_a_thread_or_are_left_out(tmp_path, entries):
    from marquee.webmention.mentions import _Reader

    fetcher = Fetcher(NetSettings(cache_dir=tmp_path / "cache", offline=True))
    thread = _Reader(fetcher, tmp_path / "media").thread([e for e in entries if isinstance(e, dict)])
    assert all(reply.id for reply in thread.replies)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.none(),
        st.text(max_size=30),
        st.sampled_from(["nan", "inf", "-5", "²", "1e400", "Wed, 21 Oct 2015 07:28:00 GMT", "0"]),
    )
)
def test_any_retry_after_header_is_a_finite_wait_or_none(value):
    import math

    from marquee.networks.base.channel import retry_after

    wait = retry_after(value)
    assert wait is None or (math.isfinite(wait) and wait >= 0)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(JSON)
def test_any_oembed_answer_gives_a_facade_or_a_plain_one(tmp_path, payload):
    """YouTube's and Vimeo's oEmbed answers of any shape: the embed is made, with or without them."""
    from marquee.embeds.providers import vimeo, youtube
    from marquee.networks.base.embed import EmbedContext, Endpoints

    class Answer:  # a service that answers `payload` to everything, and has no images
        def json(self, url, params=None):
            return payload

        def get(self, *args, **kwargs):
            return None

    ctx = EmbedContext(
        NetSettings(cache_dir=tmp_path / "cache", offline=True), Endpoints(), tmp_path, _fetcher=Answer()
    )
    for provider, url in (
        (youtube, "https://www.youtube.com/watch?v=abcdefghijk"),
        (vimeo, "https://vimeo.com/76979871"),
    ):
        found = provider.match(url)
        embed = provider.render(found, {}, ctx)
        assert embed is not None and all("<script" not in str(v) for v in embed.data.values())
