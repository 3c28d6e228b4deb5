"""Text composition: counting per network, graphemes, facet byte offsets, URL weights, truncation."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from marquee.networks.base.message import ComposeError, ShareImage, Style
from marquee.networks.base.text import Counting, display_url, graphemes, hashtag
from marquee.settings.syndication import SyndicationSettings
from marquee.syndication.compose import compose, tracked_url
from marquee.syndication.posts import Post

MASTODON = Style("mastodon", Counting(500, 23))
BLUESKY = Style("bluesky", Counting(300), short_links=True)
URL = "https://saltandstatic.example/diary/day-12-night-shoot-at-the-harbour/"


def post(**changes) -> Post:
    base = Post(
        id="tag:x,2026:diary/day-12",
        url=URL,
        title="Day 12: night shoot at the harbour",
        summary="We waited for the tide and the fog together, and got both at once.",
        type="diary",
        published=dt.datetime(2026, 4, 27, 6, 20, tzinfo=dt.UTC),
        tags=("night shoot", "harbour"),
        details={"location": "Inishcarrow harbour", "day": "Day 12"},
    )
    return replace(base, **changes)


def utf8_slice(text: str, start: int, end: int) -> str:
    return text.encode("utf-8")[start:end].decode("utf-8")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("abc", 3),
        ("👩‍👩‍👧‍👦", 1),  # one family emoji: seven code points joined by ZWJ
        ("🇮🇪🇬🇧", 2),  # two flags, two code points each
        ("é", 1),  # e + combining acute accent
        ("ệ", 1),  # two combining marks
        ("映画の日記", 5),  # CJK
        ("👍🏽", 1),  # emoji with skin tone modifier
    ],
)
def test_graphemes_count_what_a_reader_sees(text, count):
    assert graphemes(text) == count


def test_mastodon_counts_every_url_as_23():
    counting = Counting(500, 23)
    long = "https://example.org/" + "a" * 200
    assert counting.length(f"see {long} now") == len("see  now") + 23
    assert counting.length("two https://a.example/x and https://b.example/y") == len("two  and ") + 46


def test_a_diary_entry_reads_as_the_template_says_with_utm_tags():
    message = compose(post(), MASTODON, SyndicationSettings(hashtags=("SaltAndStatic",)))
    assert message.text.startswith("Day 12: night shoot at the harbour · Inishcarrow harbour\n\n")
    assert f"{URL}?utm_source=mastodon&utm_medium=social&utm_campaign=diary" in message.text
    assert message.text.endswith("#SaltAndStatic #NightShoot #Harbour")
    assert message.length == MASTODON.counting.length(message.text) <= 500


def test_each_content_type_has_its_own_template():
    settings = SyndicationSettings(utm=None)
    episode = compose(
        post(type="interviews", details={"series": "Off the Call Sheet", "guests": "Maeve Lacey"}), MASTODON, settings
    )
    event = compose(
        post(type="events", details={"when": "Fri 12 Mar 2027, 20:00", "venue": "Lighthouse", "status": "postponed"}),
        MASTODON,
        settings,
    )
    assert episode.text.startswith(
        "New episode of Off the Call Sheet: Day 12: night shoot at the harbour, with Maeve Lacey"
    )
    assert event.text.startswith("POSTPONED: Day 12: night shoot at the harbour\nFri 12 Mar 2027, 20:00, Lighthouse")


def test_the_posts_own_text_wins_and_keeps_the_link():
    message = compose(
        post(texts={"bluesky": "Fog, tide and a very patient crew 🌫️"}), BLUESKY, SyndicationSettings(utm=None)
    )
    assert message.text == "Fog, tide and a very patient crew 🌫️\n\nsaltandstatic.example/diary/d…"
    link = [f for f in message.facets if f.kind == "link"]
    assert (
        link[0].value == URL
        and utf8_slice(message.text, link[0].start, link[0].end) == "saltandstatic.example/diary/d…"
    )


def test_utm_can_be_switched_off_and_keeps_an_existing_query():
    assert tracked_url(post(), "bluesky", None) == URL
    assert (
        tracked_url(post(url=URL + "?lang=ga"), "bluesky", {"utm_source": "{network}"})
        == URL + "?lang=ga&utm_source=bluesky"
    )


def test_truncation_cuts_the_summary_on_a_word_with_an_ellipsis_and_keeps_link_and_tags():
    summary = " ".join(["harbour"] * 120)
    message = compose(post(summary=summary), BLUESKY, SyndicationSettings(hashtags=("SaltAndStatic",)))
    assert message.length <= 300
    assert "harbour harbour…" in message.text and "harbou…" not in message.text
    assert "saltandstatic.example/diary/d…" in message.text and "#SaltAndStatic" in message.text
    assert message.length >= 290  # cut no more than needed: one more word would not fit


def test_when_the_summary_is_gone_hashtags_go_then_the_title_is_cut_but_never_the_link():
    title = " ".join(["Inishcarrow"] * 60)
    message = compose(post(title=title, summary="short"), MASTODON, SyndicationSettings(max_hashtags=2))
    assert message.length <= 500 and "#" not in message.text
    assert message.text.rstrip().endswith("?utm_source=mastodon&utm_medium=social&utm_campaign=diary")
    assert "Inishcarrow…" in message.text


def test_graphemes_not_code_points_decide_the_cut():
    family = "👩‍👩‍👧‍👦"
    summary = " ".join([family] * 400)  # 2,800 code points, 799 graphemes
    message = compose(post(summary=summary), MASTODON, SyndicationSettings(utm=None))
    assert 480 <= message.length <= 500
    assert len(message.text) > 500  # over in code points, within in graphemes


def test_bluesky_facets_use_utf8_byte_offsets():
    message = compose(
        post(title="Café 映画 👩‍👩‍👧‍👦 night", tags=("Ré-shoot",)), BLUESKY, SyndicationSettings(utm=None)
    )
    kinds = {f.kind: f for f in message.facets}
    link, tag = kinds["link"], kinds["tag"]
    assert utf8_slice(message.text, link.start, link.end) == "saltandstatic.example/diary/d…"
    assert utf8_slice(message.text, tag.start, tag.end) == "#RéShoot" and tag.value == "RéShoot"
    assert link.start != message.text.index("saltandstatic")  # characters and bytes differ here


def test_hashtags_from_tags():
    assert hashtag("q-and-a") == "#QAndA"
    assert hashtag("night shoot") == "#NightShoot"
    assert hashtag("2026") == ""


def test_display_url_drops_scheme_and_query():
    assert display_url("https://www.example.org/a/?utm_source=x") == "example.org/a"


def test_an_image_without_alt_text_is_an_error_not_a_silent_skip(tmp_path: Path):
    image = tmp_path / "share.jpg"
    image.write_bytes(b"\xff\xd8")
    with pytest.raises(ComposeError, match="no alt text"):
        compose(post(image=ShareImage(image, "https://x/share.jpg", "")), MASTODON, SyndicationSettings())


def test_a_text_that_cannot_fit_is_refused_with_the_reason():
    with pytest.raises(ComposeError, match="allows 10"):
        compose(post(), Style("mastodon", Counting(10, 23)), SyndicationSettings())
