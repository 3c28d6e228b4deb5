"""Settings are checked with their types, every key at once, one way for every MARQUEE_* group:
a bad value is named with what was expected, never a TypeError from deep inside a build."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from marquee.settings import SCALARS, problems, read

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**12),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=6), st.integers(), max_size=2),
)
GROUPS = {
    "MARQUEE_MAPS": ["enabled", "tiles", "attribution", "attribution_url", "tile_days", "zoom", "tiles_dir", "style"],
    "MARQUEE_FILM": [
        "title",
        "runtime_minutes",
        "release_year",
        "cast",
        "poster",
        "key_art_alt",
        "trailer",
        "colours",
        "laurels",
        "typeface_weight",
        "poster_art",
    ],
    "MARQUEE_BACKFEED": ["data", "media", "max_posts", "show", "hide_accounts", "faces", "publish_report", "appview"],
    "MARQUEE_WEBMENTION": ["endpoint", "api", "token_env", "send", "per_page", "timeout"],
    "MARQUEE_PLAN": ["gap_days", "announce_days", "series"],
    "MARQUEE_EDITOR": [
        "enabled",
        "path",
        "repo",
        "branch",
        "api_root",
        "base_url",
        "auth_endpoint",
        "site_url",
        "local",
        "modules",
    ],
    "MARQUEE_SYNDICATION": [
        "ledger",
        "since",
        "attempts",
        "max_wait",
        "timeout",
        "hashtags",
        "max_hashtags",
        "newsletter",
        "mastodon",
    ],
    "MARQUEE_LANGUAGES": ["es", "zz", "fr-FR"],
}


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(sorted(GROUPS)).flatmap(
        lambda group: st.tuples(st.just(group), st.dictionaries(st.sampled_from(GROUPS[group]), VALUES, max_size=4))
    )
)
def test_any_group_value_is_named_or_read(case):
    group, raw = case
    found = problems({group: raw})
    assert all(isinstance(p, str) and p for p in found)
    if not found:
        read({group: raw})  # what passes the check is read without an error


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(SCALARS)), VALUES)
def test_any_single_value_is_named_or_read(name, value):
    found = problems({name: value})
    if found:
        assert any(name in p for p in found)
    else:
        read({name: value})


@pytest.mark.parametrize(
    "raw, said",
    [
        ({"MARQUEE_MAPS": {"tile_days": "30"}}, 'MARQUEE_MAPS tile_days: "30" is text (expected a whole number)'),
        ({"MARQUEE_MAPS": {"zoom": 30, "tile_days": "30", "style": "dark"}}, "unknown key(s) style"),
        (
            {"MARQUEE_SYNDICATION": {"newsletter": {"send": True}}},
            "MARQUEE_SYNDICATION newsletter: username is missing (expected text)",
        ),
        ({"MARQUEE_LANGUAGES": {"zz": {}}}, 'MARQUEE_LANGUAGES: "zz" is not a language Marquee can write in'),
        ({"MARQUEE_NET_TIMEOUT": "3"}, 'MARQUEE_NET_TIMEOUT: "3" is not a number of seconds above 0'),
        ({"MARQUEE_BUILD_DATE": "2026-13-01"}, 'MARQUEE_BUILD_DATE: "2026-13-01" is not YYYY-MM-DD'),
        ({"MARQUEE_FILM": {"title": "F", "poster": 1}}, "MARQUEE_FILM poster: 1 is a whole number (expected text)"),
        ({"MARQUEE_FILM": {"runtime_minutes": "97"}}, 'MARQUEE_FILM runtime_minutes: "97" is text'),
        ({"MARQUEE_FILM": {"runtime_minutes": 9700}}, 'MARQUEE_FILM runtime_minutes: "9700" is not minutes'),
        ({"MARQUEE_FILM": {"cast": "Ana, Bo"}}, 'MARQUEE_FILM cast: "Ana, Bo" is text (expected a list of texts)'),
    ],
)
def test_each_bad_setting_is_named_with_what_was_expected(raw, said):
    assert any(said in p for p in problems(raw)), problems(raw)


def test_every_bad_key_of_a_group_is_named_in_one_run():
    (message,) = problems({"MARQUEE_MAPS": {"zoom": 30, "tile_days": "30", "attribution_url": "javascript:x"}})
    assert "zoom" in message and "tile_days" in message and "attribution_url" in message


def test_a_good_configuration_is_read_typed():
    marquee = read(
        {
            "MARQUEE_MAPS": {"tile_days": 7},
            "MARQUEE_BACKFEED": {"data": "x.json", "hide_accounts": ["@a@b.c"]},
            "MARQUEE_BUILD_DATE": "2026-11-23",
        }
    )
    assert marquee.maps.tile_days == 7 and marquee.backfeed.hide_accounts == ("@a@b.c",)
    assert str(marquee.backfeed.data) == "x.json" and marquee.build_date == dt.date(2026, 11, 23)
