"""Generated content, in both front-matter syntaxes: every field of every content type with any
value gives a clean build or errors that name the file — never a traceback or a hang — the
previous output untouched on error, and nothing active on any page."""

from __future__ import annotations

import json
import logging
import shutil

import pytest
from helpers import fixture_settings
from hostile import PAYLOADS, site_problems
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from marquee.content import contests, diary, events, interviews, press
from marquee.content.fields import read
from marquee.content.frontmatter import FrontMatterError, split

SCHEMAS = {
    "diary": diary.SCHEMA,
    "interviews": interviews.SCHEMA,
    "events": events.SCHEMA,
    "press": press.SCHEMA,
    "contests": contests.SCHEMA,
}
TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(PAYLOADS),
    st.sampled_from(
        [
            "2026-13-45",
            "2026-02-30 25:61",
            "1:21:40",
            "010",
            "On",
            "no",
            "~",
            "null",
            "1e309",
            "9" * 40,
            "-0",
            "53.1, -9.2",
            "91, 181",
            "https://example.org/x",
            "javascript:alert(1)",
            "Europe/Dublin",
            "Ada (editor), Bo (",
            "00:14:32",
            "http://[::1",
            "[a, b]",
            "{a: 1}",
            "&a [1]",
            "*a",
            "'",
            '"',
        ]
    ),
)


def _yaml_scalar(value: str) -> str:
    """A double-quoted YAML scalar: JSON's escapes are YAML's (control characters as \\uXXXX)."""
    return json.dumps(value)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300))
def test_any_front_matter_is_read_or_named(text):
    try:
        fields, body = split("---\n" + text + "\n---\nbody\n")
    except FrontMatterError as error:
        assert str(error)
    else:
        assert fields is None or all(isinstance(k, str) and isinstance(v, list) for k, v in fields.items())


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(sorted(SCHEMAS)).flatmap(
        lambda kind: st.tuples(
            st.just(kind), st.dictionaries(st.sampled_from([f.key for f in SCHEMAS[kind]]), TEXT, max_size=6)
        )
    )
)
def test_any_field_value_is_parsed_or_named(case):
    kind, metadata = case
    values, problems = read(metadata, SCHEMAS[kind], "content/x.md", kind)
    assert all(p.source == "content/x.md" and p.field and p.message for p in problems)


# A valid value for every required field, so a generated post can also build.
REQUIRED = {
    "diary": {"Phase": "production"},
    "interviews": {
        "Series": "Talks",
        "Episode": "1",
        "Guests": "Ada Quinn (editor)",
        "Video": "https://www.youtube.com/watch?v=abcdefghijk",
    },
    "events": {"Event-Kind": "screening", "Start": "2026-11-28 20:00", "Timezone": "Europe/Dublin"},
    "press": {"Release-Date": "2026-05-12", "Contact": "Press, press@film.example"},
    "contests": {"Opens": "2026-11-10 10:00", "Closes": "2027-02-20 23:59", "Prize": "Two tickets"},
}


def _post(kind: str, fields: dict, yaml: bool) -> str:
    base = {"Title": "A post", "Date": "2026-06-01 10:00", **REQUIRED[kind]}
    merged = {**base, **fields}
    if yaml:
        return "---\n" + "".join(f"{k}: {_yaml_scalar(v)}\n" for k, v in merged.items()) + "---\nThe body.\n"
    lines = "".join(f"{k}: {' '.join(v.split())}\n" for k, v in merged.items() if " ".join(v.split()))
    return lines + "\nThe body.\n"


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    case=st.sampled_from(sorted(SCHEMAS)).flatmap(
        lambda kind: st.tuples(
            st.just(kind),
            st.dictionaries(st.sampled_from([f.name for f in SCHEMAS[kind]]), TEXT, min_size=1, max_size=5),
            st.booleans(),
        )
    )
)
def test_a_generated_post_builds_cleanly_or_is_named(tmp_path_factory, case, caplog):
    from pelican import Pelican

    kind, fields, yaml = case
    root = tmp_path_factory.mktemp("generated")
    (root / "content" / kind).mkdir(parents=True)
    (root / "content" / kind / "generated.md").write_text(_post(kind, fields, yaml), encoding="utf-8")
    output = root / "output"
    output.mkdir()
    (output / "before.html").write_text("the previous build")
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        try:
            Pelican(fixture_settings(root, MARQUEE_LANGUAGES={})).run()
            built = True
        except BaseException as error:  # noqa: BLE001 (a content error stops the build: what matters is how)
            built = False
            assert not isinstance(error, (RecursionError, MemoryError, KeyboardInterrupt)), error
    errors = [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]
    if built:
        assert site_problems(output) == []
    else:
        assert (output / "before.html").read_text() == "the previous build" and not (output / "index.html").exists()
        assert errors and any("generated.md" in r.getMessage() for r in errors), [r.getMessage() for r in errors]
        assert not any(r.exc_info and "ContentError" not in repr(r.exc_info[1]) for r in errors), [
            r.getMessage() for r in errors
        ]
    shutil.rmtree(root, ignore_errors=True)


@pytest.mark.parametrize("syntax", ["yaml", "lines"])
def test_hostile_text_in_every_free_text_field_builds_and_stays_inert(tmp_path, syntax):
    """Every field whose value is free text carries each payload: the site builds, and no page has
    anything active (the inspector in tests/hostile.py)."""
    from marquee.content import fields as f
    from pelican import Pelican

    for kind, schema in SCHEMAS.items():
        (tmp_path / "content" / kind).mkdir(parents=True, exist_ok=True)
        free = [
            field.name
            for field in schema
            if field.parse in (f.text, f.words) and field.name not in (*REQUIRED[kind], "Chapters")
        ]
        for number, payload in enumerate(PAYLOADS):
            text = {name: payload for name in free} | ({"Episode": str(number + 1)} if kind == "interviews" else {})
            (tmp_path / "content" / kind / f"{kind}-{number}.md").write_text(
                _post(kind, {"Title": payload, **text}, syntax == "yaml"), encoding="utf-8"
            )
    Pelican(fixture_settings(tmp_path, MARQUEE_LANGUAGES={})).run()
    assert site_problems(tmp_path / "output") == []


FILM_VALUES = st.one_of(
    TEXT,
    st.none(),
    st.integers(-5, 10**6),
    st.lists(st.text(max_size=5), max_size=2),
    st.sampled_from(
        [
            "images/wide.jpg",
            "images/tall.jpg",
            "images/missing.jpg",
            "../outside.jpg",
            "/etc/passwd",
            "https://www.youtube.com/watch?v=Lw5eAsnQn0E",
            "https://vimeo.com/76979871",
            "https://evil.example/watch?v=Lw5eAsnQn0E",
        ]
    ),
)
_PICTURE = st.sampled_from(["images/wide.jpg", "images/tall.jpg"])
_WORDS = st.text(st.characters(categories=["L", "N", "Zs", "P"]), min_size=1, max_size=20)
FILM_KEYS = {
    "poster": _PICTURE,
    "poster_alt": _WORDS,
    "key_art": _PICTURE,
    "key_art_alt": _WORDS,
    "trailer": st.sampled_from(["https://www.youtube.com/watch?v=Lw5eAsnQn0E", "https://vimeo.com/76979871"]),
    "trailer_poster": _PICTURE,
    "trailer_title": _WORDS,
    "genre": _WORDS,
    "runtime_minutes": st.integers(1, 1000),
}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    values=st.one_of(  # every value good (a page to check), or any mixture (a refusal to check)
        st.fixed_dictionaries({}, optional=FILM_KEYS),
        st.fixed_dictionaries({}, optional={k: st.one_of(good, FILM_VALUES) for k, good in FILM_KEYS.items()}),
    )
)
def test_any_film_picture_trailer_or_fact_builds_cleanly_or_is_named(tmp_path_factory, values, caplog):
    """MARQUEE_FILM's home-page keys (the poster, the key art, the trailer and its poster, genre,
    runtime) with any value: a clean build, or errors naming MARQUEE_FILM and the key."""
    from pelican import Pelican
    from tiny_images import jpeg

    root = tmp_path_factory.mktemp("film")
    (root / "content" / "images").mkdir(parents=True)
    (root / "content" / "images" / "wide.jpg").write_bytes(jpeg(320, 160))
    (root / "content" / "images" / "tall.jpg").write_bytes(jpeg(160, 240))
    output = root / "output"
    output.mkdir()
    (output / "before.html").write_text("the previous build")
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        try:
            Pelican(fixture_settings(root, MARQUEE_LANGUAGES={}, MARQUEE_FILM={"title": "Fixture", **values})).run()
            built = True
        except BaseException as error:  # noqa: BLE001 (a settings or content error stops the build: what matters is how)
            built = False
            assert not isinstance(error, (RecursionError, MemoryError, KeyboardInterrupt)), error
    errors = [r.getMessage() for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]
    event("built" if built else "refused")
    if built:
        assert site_problems(output) == []
    else:
        assert (output / "before.html").read_text() == "the previous build" and not (output / "index.html").exists()
        assert errors and all("MARQUEE_FILM" in m for m in errors), errors
        assert any(key in m for m in errors for key in values), errors
    shutil.rmtree(root, ignore_errors=True)
