"""The film's identity on its site: a typeface served from the site, a title treatment, laurels,
press quotes, where to watch it and the one call to action that follows the film's stage."""

from __future__ import annotations

import re
import shutil

import extruct
import mf2py
import pytest
from conftest import ROOT
from helpers import build_film, write_film
from marquee.content.validate import ContentError
from tiny_images import png

DIARY = "Title: A day\nDate: 2026-11-02 10:00\nPhase: production\n\nWe began.\n"
EVENT = (
    "Title: Premiere\nDate: 2026-11-01 10:00\nEvent-Kind: premiere\nStart: 2026-12-05 19:30\nTimezone: Europe/Dublin\n"
    "Venue: The Lighthouse\nAddress: Market Lane, Dublin\nTickets: https://tickets.example/premiere\n\nCome.\n"
)
TRAILER = "https://www.youtube.com/watch?v=q8VtR2sLk4w"
FILM = {"title": "Low Season", "logline": "A hotel out of season.", "trailer": TRAILER}


def home(out) -> str:
    return (out / "index.html").read_text(encoding="utf-8")


def test_a_typeface_the_theme_offers_is_served_from_the_site(tmp_path):
    write_film(tmp_path, {"diary/a.md": DIARY})
    out = build_film(tmp_path, MARQUEE_FILM={**FILM, "typeface": "fraunces"})
    page = home(out)
    faces = re.findall(
        r'@font-face\{font-family:"Fraunces";[^}]*src:url\("/theme/fonts/([\w.-]+)"\) format\("woff2"\)', page
    )
    assert (
        "fraunces-latin-700-normal.woff2" in faces and len(faces) >= 2
    )  # one file per script, chosen by unicode-range
    assert sorted(p.name for p in (out / "theme" / "fonts").iterdir()) == sorted(faces)
    assert all((out / "theme" / "fonts" / name).read_bytes()[:4] == b"wOF2" for name in faces)
    assert (
        '<link rel="preload" href="/theme/fonts/fraunces-latin-700-normal.woff2" as="font" type="font/woff2" crossorigin>'
        in page
    )
    assert '--display:"Fraunces",var(--serif);--display-weight:700;' in page
    assert "fonts.googleapis" not in page and "http" not in re.search(r"<style>(.*?)</style>", page, re.S)[1]


def _build_with_own_font(tmp_path, name: str):
    """The fixture film with a real WOFF2 (Oswald's) as the producer's own typeface at `name`: (the font, the output)."""
    font = ROOT / "theme" / "node_modules" / "@fontsource" / "oswald" / "files" / "oswald-latin-400-normal.woff2"
    write_film(tmp_path, {"diary/a.md": DIARY, name: font.read_bytes()})
    return font, build_film(tmp_path, MARQUEE_FILM={**FILM, "typeface": name, "typeface_weight": 400})


def test_the_producers_own_woff2_file_and_no_typeface_at_all(tmp_path):
    font, out = _build_with_own_font(tmp_path, "fonts/our-title.woff2")
    assert (
        '@font-face{font-family:"Marquee Display";font-style:normal;font-display:swap;font-weight:400;src:url("/theme/fonts/our-title.woff2")'
        in home(out)
    )
    assert (out / "theme" / "fonts" / "our-title.woff2").read_bytes() == font.read_bytes()
    shutil.rmtree(tmp_path / "output")
    out = build_film(tmp_path, MARQUEE_FILM=FILM)
    assert "@font-face" not in home(out) and not (out / "theme" / "fonts").exists()  # system fonts, nothing to load


def test_title_art_laurels_and_quotes_are_on_the_home_page(tmp_path):
    write_film(tmp_path, {"diary/a.md": DIARY, "images/title.png": png(640, 160)})
    laurels = [{"festival": "Sitges", "award": "Official Selection", "year": 2028}, {"festival": "Fantasia"}]
    quotes = [
        {"quote": "Unnerving <b>and</b> tender.", "source": "Sight & Sound", "url": "https://press.example/review"}
    ]
    out = build_film(
        tmp_path, MARQUEE_FILM={**FILM, "title_art": "images/title.png", "laurels": laurels, "quotes": quotes}
    )
    page = home(out)
    title = re.search(r'<h1 id="film-title".*?</h1>', page, re.S)[0]
    assert 'alt="Low Season"' in title and "images/title" in title  # the title drawn, and still said
    card = next(i for i in mf2py.parse(doc=page)["items"] if "h-card" in i["type"])
    assert card["properties"]["name"] == ["Low Season"]
    laurel_list = re.search(r'<ul class="laurels" aria-label="Festivals and awards">(.*?)</ul>', page, re.S)[1]
    assert (
        re.sub(r"<[^>]+>|\s+", " ", laurel_list).split()
        == "Official Selection Sitges 2028 Official Selection Fantasia".split()
    )
    assert (
        "Unnerving &lt;b&gt;and&lt;/b&gt; tender." in page
        and '<a href="https://press.example/review">Sight &amp; Sound</a>' in page
    )


@pytest.mark.parametrize("stage", ["trailer", "tickets", "watch"])
def test_the_call_to_action_follows_the_films_stage(tmp_path, stage):
    files = {"diary/a.md": DIARY} | ({"events/premiere.md": EVENT} if stage != "trailer" else {})
    write_film(tmp_path, files)
    watch = [
        {"name": "Curzon Home Cinema", "url": "https://curzon.example/low-season", "offer": "rent"},
        {"name": "Filmin", "url": "https://filmin.example/low-season"},
    ]
    out = build_film(tmp_path, MARQUEE_FILM={**FILM, "watch": watch if stage == "watch" else []})
    page = home(out)
    actions = re.findall(r'<a class="button" href="([^"]+)" data-stage="(\w+)">([^<]+)</a>', page)
    expected = {
        "trailer": ("#trailer", "trailer", "Watch the trailer"),
        "tickets": ("https://tickets.example/premiere", "tickets", "Get tickets"),
        "watch": ("#watch", "watch", "Where to watch"),
    }[stage]
    assert actions == [expected]  # one primary call to action
    assert 'id="trailer"' in page  # the trailer plays in place whatever the stage
    movie = next(d for d in extruct.extract(page, syntaxes=["json-ld"])["json-ld"] if d["@type"] == "Movie")
    if stage == "watch":
        assert re.findall(
            r'<a class="watch__link" href="([^"]+)">([^<]+)</a> <span class="watch__offer">(\w+)</span>', page
        ) == [
            ("https://curzon.example/low-season", "Curzon Home Cinema", "Rent"),
            ("https://filmin.example/low-season", "Filmin", "Streaming"),
        ]
        assert [
            (a["@type"], a["target"]["urlTemplate"], a["actionAccessibilityRequirement"]["category"])
            for a in movie["potentialAction"]
        ] == [
            ("WatchAction", "https://curzon.example/low-season", "rental"),
            ("WatchAction", "https://filmin.example/low-season", "subscription"),
        ]
    else:
        assert "potentialAction" not in movie and 'id="watch"' not in page


def test_bad_identity_settings_are_all_named_and_nothing_is_written(tmp_path, caplog):
    from marquee.content.validate import ContentError

    write_film(tmp_path, {"diary/a.md": DIARY, "fonts/fake.woff2": b"not a font"})
    film = {
        **FILM,
        "typeface": "comic-sans",
        "title_art": "images/nowhere.png",
        "laurels": [{"award": "Best Film", "year": 2028}, {"festival": "Sitges", "year": "next year"}, "Cannes"],
        "quotes": [
            {"quote": "Good.", "source": "A blog", "url": "javascript:alert(1)"},
            {"quote": "Fine.", "by": "Someone"},
        ],
        "watch": [
            {"name": "Filmin", "url": "https://filmin.example/x", "offer": "lease"},
            {"name": "Bad", "url": "ftp://x.example/"},
        ],
    }
    with pytest.raises(ContentError):
        build_film(tmp_path, MARQUEE_FILM=film)
    said = "\n".join(r.getMessage() for r in caplog.records)
    for words in (
        'pelicanconf.py: MARQUEE_FILM typeface: "comic-sans" is not a typeface the theme offers (expected one of bebas-neue, dm-serif-display, fraunces, oswald, playfair-display, space-grotesk, or a .woff2 file under content/)',
        'pelicanconf.py: MARQUEE_FILM title_art: "images/nowhere.png" is not a file under content/',
        "pelicanconf.py: MARQUEE_FILM laurels 1 festival: missing (required)",
        "pelicanconf.py: MARQUEE_FILM laurels 2 year: 'next year' is not a year (expected a number such as 2027)",
        "pelicanconf.py: MARQUEE_FILM laurels 3: 'Cannes' is not an entry",
        'pelicanconf.py: MARQUEE_FILM quotes 1 url: "javascript:alert(1)" is not a web address (expected https://…)',
        "pelicanconf.py: MARQUEE_FILM quotes 2 by: is not a quotes field (expected quote, source, url)",
        "pelicanconf.py: MARQUEE_FILM quotes 2 source: missing (required)",
        'pelicanconf.py: MARQUEE_FILM watch 1 offer: "lease" is not an offer (expected one of subscription, rent, buy, free)',
        'pelicanconf.py: MARQUEE_FILM watch 2 url: "ftp://x.example/" is not a web address',
    ):
        assert words in said, (words, said)
    assert not (tmp_path / "output" / "index.html").exists()
    caplog.clear()
    with pytest.raises(ContentError):
        build_film(tmp_path, MARQUEE_FILM={**FILM, "typeface": "fonts/fake.woff2"})
    assert 'MARQUEE_FILM typeface: "fonts/fake.woff2" is not a WOFF2 font' in "\n".join(
        r.getMessage() for r in caplog.records
    )


def test_the_home_page_with_a_typeface_builds_the_same_twice(tmp_path):
    write_film(tmp_path, {"diary/a.md": DIARY})
    film = {
        **FILM,
        "typeface": "bebas-neue",
        "laurels": [{"festival": "Sitges"}],
        "watch": [{"name": "Filmin", "url": "https://filmin.example/x"}],
    }
    first = {
        p.relative_to(tmp_path / "output"): p.read_bytes()
        for p in build_film(tmp_path, MARQUEE_FILM=film).rglob("*")
        if p.is_file()
    }
    second = {
        p.relative_to(tmp_path / "output"): p.read_bytes()
        for p in build_film(tmp_path, MARQUEE_FILM=film).rglob("*")
        if p.is_file()
    }
    assert first == second


def test_a_font_file_name_with_spaces_and_parentheses_stays_inside_its_css_url(tmp_path):
    font, out = _build_with_own_font(tmp_path, "fonts/Title Font (1).woff2")
    assert 'src:url("/theme/fonts/Title%20Font%20%281%29.woff2") format("woff2")' in home(out)
    assert (out / "theme" / "fonts" / "Title Font (1).woff2").read_bytes() == font.read_bytes()


def test_a_file_that_only_starts_like_a_woff2_is_refused(tmp_path, caplog):
    write_film(tmp_path, {"diary/a.md": DIARY, "fonts/fake.woff2": b"wOF2" + b"\0" * 200})
    with pytest.raises(ContentError):
        build_film(tmp_path, MARQUEE_FILM={**FILM, "typeface": "fonts/fake.woff2"})
    errors = " ".join(r.getMessage() for r in caplog.records if r.levelname == "ERROR")
    assert 'MARQUEE_FILM typeface: "fonts/fake.woff2" is not a WOFF2 font' in errors
