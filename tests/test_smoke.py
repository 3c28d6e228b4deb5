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
