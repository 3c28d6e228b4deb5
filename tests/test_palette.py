"""The film's colours: set per film, light and dark, and refused at build when text on them (or
they as text) would fall under WCAG AA contrast."""

from __future__ import annotations

import pytest
from helpers import build_film, write_film

DIARY = "Title: A day\nDate: 2026-11-02 10:00\nPhase: production\n\nWe began.\n"


def test_contrast_is_wcags():
    from marquee.content.palette import contrast

    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54  # the lightest grey that passes on white


def test_the_films_colours_are_the_themes(tmp_path):
    write_film(tmp_path, {"diary/a.md": DIARY})
    colours = {
        "light": {"accent": "#7a1fa2", "link": "#1f4e8c", "night": "#2b0a3d"},
        "dark": {"accent": "#e0a3ff", "link": "#9cc7ff"},
    }
    out = build_film(tmp_path, MARQUEE_FILM={"title": "Low Season", "colours": colours})
    page = (out / "diary" / "a" / "index.html").read_text(encoding="utf-8")
    assert "<style>:root{--accent:#7a1fa2;--link:#1f4e8c;--night:#2b0a3d;--action:#7a1fa2;}" in page
    assert "@media (prefers-color-scheme: dark){:root{--accent:#e0a3ff;--link:#9cc7ff;}}" in page


def test_a_colour_that_fails_contrast_stops_the_build_naming_it(tmp_path, caplog):
    from marquee.content.validate import ContentError

    write_film(tmp_path, {"diary/a.md": DIARY})
    colours = {
        "light": {"accent": "#ffcc00", "night": "#b0c4de"},
        "dark": {"link": "#203040", "glow": "#ffffff"},
        "sepia": {},
    }
    with pytest.raises(ContentError):
        build_film(tmp_path, MARQUEE_FILM={"title": "Low Season", "colours": colours})
    said = [r.getMessage() for r in caplog.records]
    for words in (
        'pelicanconf.py: MARQUEE_FILM colours light accent: "#ffcc00" has a contrast of 1.4:1 on the page\'s background #f7f5f0 (expected at least 4.5:1, WCAG AA for text)',
        'pelicanconf.py: MARQUEE_FILM colours light night: "#b0c4de" has a contrast of 1.6:1 under the header\'s text #eef2f6',
        'pelicanconf.py: MARQUEE_FILM colours dark link: "#203040" has a contrast of 1.3:1 on the page\'s background #0e1620',
        "pelicanconf.py: MARQUEE_FILM colours dark glow: is not a theme colour (expected one of accent, link, night)",
        'pelicanconf.py: MARQUEE_FILM colours: "sepia" is not a colour scheme',
    ):
        assert any(words in line for line in said), (words, said)
    assert not (tmp_path / "output" / "index.html").exists()  # nothing written
