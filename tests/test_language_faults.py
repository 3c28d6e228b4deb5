"""Languages: every mistake is named with its file, field and value, never a traceback or a silent
page in the wrong language."""

from __future__ import annotations

import pytest
from helpers import build_film, write_film

DIARY = "Title: {title}\nDate: 2026-05-01 10:00\nPhase: production\n{extra}\nBody.\n"
PAGE = "Title: {title}\n{extra}\nBody.\n"


def _errors(caplog) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.levelname in ("ERROR", "CRITICAL"))


@pytest.mark.parametrize(
    "files, said",
    [
        (
            {"pages/es.md": PAGE.format(title="ES", extra="Slug: es")},
            "content/pages/es.md: Slug: es/index.html would also be written by the Español edition's home page",
        ),
        (
            {"diary/a.md": DIARY.format(title="A", extra="Lang: fr")},
            'content/diary/a.md: Lang: "fr" is not one of the site\'s languages (expected one of en, es',
        ),
        (
            {"diary/solo.es.md": DIARY.format(title="Solo", extra="")},
            'content/diary/solo.es.md: Lang: "es": no English post has the slug "solo"',
        ),
        (
            {
                "diary/dia-1.md": DIARY.format(title="Día 1", extra="Lang: es\nSlug: dia-uno"),
                "diary/day-1.md": DIARY.format(title="Day 1", extra=""),
            },
            'content/diary/dia-1.md: Lang: "es": no English post has the slug "dia-uno"',
        ),
    ],
)
def test_a_language_mistake_is_named_and_stops_the_build(tmp_path, caplog, files, said):
    write_film(tmp_path, {"diary/day-0.md": DIARY.format(title="Day 0", extra=""), **files})
    with pytest.raises(Exception) as raised:
        build_film(tmp_path, MARQUEE_LANGUAGES={"es": {}})
    assert "FileOverwriteFailedError" not in repr(raised.value)
    assert said in _errors(caplog), _errors(caplog)
    assert not (tmp_path / "output").exists() or not any((tmp_path / "output").iterdir())


def test_a_translation_beside_its_original_builds(tmp_path):
    write_film(
        tmp_path,
        {
            "diary/day-1.md": DIARY.format(title="Day 1", extra=""),
            "diary/day-1.es.md": DIARY.format(title="Día 1", extra=""),
        },
    )
    out = build_film(tmp_path, MARQUEE_LANGUAGES={"es": {}})
    assert '<html lang="es"' in (out / "es" / "diary" / "day-1" / "index.html").read_text(encoding="utf-8")
