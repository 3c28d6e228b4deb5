"""YAML front matter (what the browser editor writes) read like Pelican's `Key: value` lines:
quoting, lists, dates as YAML types, a colon in a title, unknown keys, and bad YAML named by file
and line; then in a real build, validated with the same messages."""

from __future__ import annotations

import pytest
from helpers import build_film, write_film
from marquee.content.frontmatter import FrontMatterError, split
from marquee.content.validate import ContentError


def test_values_become_the_texts_a_metadata_line_would_hold():
    fields, body = split(
        '---\ntitle: "Day 3: fog on the quay"\ndate: 2026-05-03 07:30:00\nrelease-date: 2026-05-04\n'
        "start: 2026-12-10T19:30:00+01:00\ntags:\n  - shoot\n  - fog\nshoot-day: 3\nsyndicate: false\n"
        "summary: |\n  Two lines\n  of summary.\nimage:\nmystery-field: kept\n---\nNote: the body's first line.\n"
    )
    assert fields == {
        "title": ["Day 3: fog on the quay"],
        "date": ["2026-05-03 07:30"],
        "release-date": ["2026-05-04"],
        "start": ["2026-12-10 19:30 +01:00"],
        "tags": ["shoot, fog"],
        "shoot-day": ["3"],
        "syndicate": ["false"],
        "summary": ["Two lines\nof summary."],
        "mystery-field": ["kept"],  # empty `image:` is left out, as a blank line would be
    }
    assert body == "\nNote: the body's first line.\n"  # a blank line first: never read as another field


def test_a_file_without_front_matter_is_left_alone():
    text = "Title: Plain\nDate: 2026-05-01 10:00\n\nBody.\n"
    assert split(text) == (None, text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("---\ntitle: [unclosed\n---\nx\n", "line 2: not valid YAML"),
        ("---\ntitle: a\n  bad: indent\n---\nx\n", "line 3: not valid YAML"),
        ("---\ntitle: a\n\nbody without an end\n", "line 1: the front matter starts with --- but no --- line ends it"),
        ("---\n- a\n- b\n---\nx\n", "line 2: the front matter is not a list of fields (Key: value), it is a list"),
        ("---\nvenue:\n  name: Hall\n---\nx\n", 'field "venue": a group of fields is not a value'),
    ],
)
def test_bad_front_matter_says_where_and_what(text, expected):
    with pytest.raises(FrontMatterError, match=expected.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        split(text)


def test_a_build_reads_yaml_posts_and_validates_them_with_the_same_messages(tmp_path, caplog):
    write_film(
        tmp_path,
        {
            "diary/yaml-day.md": (
                '---\nTitle: "Day 3: fog"\nDate: 2026-05-03 07:30\nPhase: production\nShoot-Day: 3\n'
                "Location: Inishcarrow harbour\nTags: [shoot, fog]\n---\nFog all day.\n"
            ),
            "events/yaml-gala.md": (
                "---\nTitle: Gala\nDate: 2026-09-01 10:00\nEvent-Kind: screening\nStart: 2026-12-10 19:30\n"
                "Timezone: Europe/Dublin\nVenue: The Town Hall\n---\nA screening.\n"
            ),
        },
    )
    out = build_film(tmp_path)
    page = (out / "diary" / "yaml-day" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in page and "Day 3: fog" in page and "Fog all day." in page and "Inishcarrow harbour" in page
    assert 'href="/tag/fog/"' in page
    assert "DTSTART;TZID=Europe/Dublin:20261210T193000" in (out / "events" / "yaml-gala" / "yaml-gala.ics").read_text()
    for name, text in (
        ("diary/as-lines.md", "Title: Lines\nDate: 2026-05-04 10:00\nPhase: shooting\n\nx\n"),
        ("diary/as-yaml.md", "---\nTitle: YAML\nDate: 2026-05-04 10:00\nPhase: shooting\n---\nx\n"),
    ):
        write_film(tmp_path, {name: text})
    caplog.clear()
    with pytest.raises(ContentError):
        build_film(tmp_path)
    errors = sorted(r.getMessage() for r in caplog.records if r.levelname == "ERROR" and "Phase" in r.getMessage())
    assert [e.split(": ", 1)[1] for e in errors] == [
        'Phase: "shooting" is not a production phase (expected one of development, '
        "pre-production, production, post-production, release)"
    ] * 2


def test_bad_yaml_stops_the_build_naming_the_file_and_line(tmp_path, caplog):
    write_film(tmp_path, {"diary/broken.md": "---\nTitle: Broken\nDate: 2026-05-03 07:30\nTags: [shoot\n---\nx\n"})
    with pytest.raises(ContentError):
        build_film(tmp_path)
    messages = " ".join(r.getMessage() for r in caplog.records if r.levelname in ("ERROR", "CRITICAL"))
    assert "Could not process diary/broken.md: FrontMatterError: line 4: not valid YAML" in messages


def test_invoke_new_learns_from_posts_the_editor_wrote(tmp_path):
    import datetime as dt

    from marquee.scaffold import new_post

    write_film(
        tmp_path,
        {
            "diary/day-7.md": "---\nTitle: Day 7\nDate: 2026-05-07 10:00\nPhase: production\nShoot-Day: 7\nLocation: The mast\n---\nx\n"
        },
    )
    path = new_post("diary", "Day 8", tmp_path / "content", dt.datetime(2026, 5, 8, 9, 0), "Europe/Dublin")
    text = path.read_text(encoding="utf-8")
    assert "Shoot-Day: 8\n" in text and "Location: The mast\n" in text


# --- YAML 1.2: every scalar as written, bounded aliases, keys once -------------------------------


@pytest.mark.parametrize(
    "yaml_text, field, expected",
    [
        ("title: On", "title", "On"),  # YAML 1.1: True
        ("title: no", "title", "no"),
        ("episode: 010", "episode", "010"),  # YAML 1.1: 8
        ("duration: 1:21:40", "duration", "1:21:40"),  # YAML 1.1: 4900
        ("date: 2026-13-45", "date", "2026-13-45"),  # YAML 1.1: a traceback from datetime
        ("price: 1e3", "price", "1e3"),
        ("title: ~", "title", None),
        ("title: '~'", "title", "~"),
    ],
)
def test_every_value_is_the_text_written(yaml_text, field, expected):
    fields, _ = split(f"---\n{yaml_text}\n---\nbody\n")
    assert fields.get(field) == ([expected] if expected is not None else None)


def test_an_alias_bomb_is_refused_at_once():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8)
    )  # 9 levels of 9 aliases: 9**9 values once expanded
    with pytest.raises(FrontMatterError, match="aliases expand to more than"):
        split(f"---\n{bomb}tags: *i\n---\nbody\n")


def test_a_few_aliases_are_fine():
    fields, _ = split("---\nplaces: &p [Galway, Inis Mór]\ntags: *p\n---\nbody\n")
    assert fields["tags"] == ["Galway, Inis Mór"]


def test_a_field_written_twice_is_named():
    with pytest.raises(FrontMatterError, match=r'line 4: field "Title" is written twice \(first on line 2'):
        split("---\ntitle: One\nshoot-day: 2\nTitle: Two\n---\nbody\n")


def test_a_bad_date_and_a_repeated_field_in_yaml_are_named_by_the_build(tmp_path, caplog):
    write_film(
        tmp_path,
        {
            "diary/bad-date.md": "---\nTitle: Day 1\nDate: 2026-13-45\nPhase: production\n---\nBody.\n",
            "diary/twice.md": "---\nTitle: Day 2\nDate: 2026-05-02 10:00\nPhase: production\nTitle: Again\n---\nBody.\n",
        },
    )
    with pytest.raises(ContentError):
        build_film(tmp_path)
    messages = " ".join(r.getMessage() for r in caplog.records if r.levelname in ("ERROR", "CRITICAL"))
    assert 'diary/bad-date.md: Date: "2026-13-45" is not a date (expected YYYY-MM-DD' in messages
    assert 'diary/twice.md: FrontMatterError: line 5: field "Title" is written twice' in messages
    assert "month must be in" not in messages
