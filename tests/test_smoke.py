"""The one test of whatever content/ holds (the example film, or the producer's own after
`invoke init`): it builds with pelicanconf.py and publishconf.py without an error. Everything
else tests the product on the fixture film in tests/fixtures/film."""

from __future__ import annotations

import pytest
from conftest import ROOT
from marquee.check import check
from pelican import Pelican
from pelican.settings import read_settings


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_the_sites_own_content_builds_without_errors(settings, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # the settings name data/ and cache/ relative to the project
    errors = [
        p.message
        for p in check(ROOT / settings, {"CACHE_PATH": str(tmp_path / "cache")})
        if p.level in ("ERROR", "CRITICAL")
    ]
    assert errors == []
    output = tmp_path / "output"
    Pelican(
        read_settings(
            str(ROOT / settings), override={"OUTPUT_PATH": str(output), "CACHE_PATH": str(tmp_path / "cache")}
        )
    ).run()
    assert (output / "index.html").is_file() and (output / "feeds" / "all.atom.xml").is_file()


def test_the_example_film_builds_offline_with_no_warning(tmp_path, monkeypatch, caplog):
    """As it ships (before `invoke init`), on a machine with no network and an empty cache: its
    trailer has its own picture, its maps come from its shipped tiles (data/tiles), its walls from
    their snapshots. Not one warning. After init the film is the producer's: nothing to check here."""
    from marquee.commands.writing import EXAMPLE_TITLE

    monkeypatch.chdir(ROOT)
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "OUTPUT_PATH": str(tmp_path / "output"),
            "CACHE_PATH": str(tmp_path / "cache"),
            "MARQUEE_OFFLINE": True,
        },
    )
    if settings["SITENAME"] != EXAMPLE_TITLE:
        pytest.skip("content/ is a producer's film now")
    caplog.set_level("WARNING")
    Pelican(settings).run()
    assert [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelname != "INFO"] == []
    placed = [
        p.stem
        for p in (ROOT / "content" / "diary").glob("*.md")
        if "\nGeo:" in p.read_text(encoding="utf-8") and "." not in p.stem
    ]  # (a translation, name.es.md, is in its edition)
    pages = {slug: (tmp_path / "output" / "diary" / slug / "index.html").read_text(encoding="utf-8") for slug in placed}
    assert placed and [slug for slug, page in pages.items() if "images/maps/" not in page] == []  # every map drawn
