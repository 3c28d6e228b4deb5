"""`invoke init` in a copy of the project: another film, with no trace of the example's."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from marquee.check import check
from marquee.init import _NOT_ONE_LINE
from pelican import Pelican
from pelican.settings import read_settings
from tiny_images import jpeg
from yourfilm import FLAGS, INVOKE, project_copy, run_init

# The example film's title, people, places and domain, as they could leak into a page.
EXAMPLE = re.compile(
    r"salt and static|saltandstatic|nuala|brennan|maeve lacey|declan rourke|inishcarrow|tidewater|bríd", re.I
)


def test_init_makes_another_film_with_no_trace_of_the_example(tmp_path, monkeypatch):
    project = project_copy(tmp_path)
    done = run_init(project, *FLAGS, "--yes")
    assert done.returncode == 0, done.stderr
    monkeypatch.chdir(project)  # the settings name data/ relative to the project
    for conf in ("pelicanconf.py", "publishconf.py"):
        assert [
            str(p) for p in check(project / conf, {"CACHE_PATH": str(tmp_path / "cache")})
        ] == []  # invoke check: no problems
        output = tmp_path / conf.replace(".py", "")
        Pelican(
            read_settings(
                str(project / conf), override={"OUTPUT_PATH": str(output), "CACHE_PATH": str(tmp_path / "cache")}
            )
        ).run()
        files = [
            p
            for p in output.rglob("*")
            if p.suffix in (".html", ".xml", ".json", ".ics", ".txt", ".svg", ".webmanifest")
        ]
        assert (
            files and [str(p) for p in files if EXAMPLE.search(p.read_text(encoding="utf-8", errors="replace"))] == []
        )
        links = {
            (str(page.relative_to(output)), href)
            for page in output.rglob("*.html")
            for href in re.findall(r'href="(/[^"#?]*)"', page.read_text(encoding="utf-8"))
        }
        broken = [
            (page, href)
            for page, href in links
            if not (output / href.lstrip("/") / ("index.html" if href.endswith("/") else "")).exists()
        ]
        assert broken == []
    about = (tmp_path / "pelicanconf" / "about" / "index.html").read_text(encoding="utf-8")
    for fact in ("Low Season", "A hotel out of season", "Ana Ruiz", "Lucía Prieto", "2028"):
        assert fact in about  # from the conf, not copied into the page
    assert '<html lang="es">' in about
    # The film's colour is its palette (each colour passing AA: the build would have stopped) and its typeface its titles'.
    from marquee.content.palette import from_colour

    film = read_settings(str(project / "pelicanconf.py"))["MARQUEE_FILM"]
    assert film["colours"] == from_colour("#2a9d8f") and film["typeface"] == "bebas-neue"
    assert (
        read_settings(str(project / "pelicanconf.py"))["MARQUEE_LANGUAGES"] == {}
        and not (tmp_path / "pelicanconf" / "es").exists()
    )
    assert f"--action:{film['colours']['light']['accent']};" in about and '@font-face{font-family:"Bebas Neue"' in about
    assert (tmp_path / "pelicanconf" / "theme" / "fonts" / "bebas-neue-latin-400-normal.woff2").read_bytes()[
        :4
    ] == b"wOF2"
    assert not any(
        any((project / "content" / section).iterdir())
        for section in ("diary", "interviews", "events", "press", "contests")
    )
    assert not (project / "data" / "walls").exists() and not (project / "data" / "backfeed.json").exists()
    assert not (project / "data" / "tiles").exists()  # its maps are OpenStreetMap's, fetched
    assert (
        "saltandstatic" not in (project / "publishconf.py").read_text()
        and "Nuala" not in (project / "pelicanconf.py").read_text()
    )
    # The producer's next step works: a new post, and the site still builds.
    new = subprocess.run(
        [INVOKE, "new", "diary", "Día 1: la playa vacía"], cwd=project, capture_output=True, text=True, timeout=60
    )
    assert new.returncode == 0, new.stderr
    from marquee.commands.writing import built_line

    line = built_line(str(project / "pelicanconf.py"))  # make site's last line names the new film
    assert line.startswith("Built Low Season into output/") and "example" not in line


def _flags_with(args: list) -> list:
    """FLAGS with each of `args`' (flag, value) pairs replacing that flag's value, or added."""
    flags = FLAGS.copy()
    for i in range(0, len(args), 2):
        if args[i] in flags:
            flags[flags.index(args[i]) + 1] = args[i + 1]
        else:
            flags += args[i : i + 2]
    return flags


@pytest.mark.parametrize(
    "args, said",
    [
        (["--domain", "http://lowseason.example"], 'domain: "http://lowseason.example" is not a site address'),
        (["--timezone", "Europe/Madird"], 'timezone: "Europe/Madird" is not a time zone'),
        (["--year", "twenty"], 'year: "twenty" is not a year'),
        (["--colour", "blue"], 'colour: "blue" is not a colour'),
        (["--poster", "nowhere.jpg"], 'poster: "nowhere.jpg" is not a file'),
        (["--key-art", "wide.jpg"], 'key-art: "wide.jpg" is not a file'),
        (
            ["--trailer", "https://example.com/trailer"],
            'trailer: "https://example.com/trailer" is not a YouTube or Vimeo',
        ),
        (["--trailer", "javascript:alert(1)"], 'trailer: "javascript:alert(1)" is not a YouTube or Vimeo'),
        (["--runtime", "ninety"], 'runtime: "ninety" is not a running time'),
        (["--runtime", "0"], 'runtime: "0" is not a running time'),
        (
            ["--typeface", "comic-sans"],
            'typeface: "comic-sans" is not a typeface the theme offers (expected one of bebas-neue, dm-serif-display, fraunces',
        ),
        (["--typeface", "title.woff2"], 'typeface: "title.woff2" is not a WOFF2 font file'),
    ],
)
def test_bad_facts_are_named_and_nothing_changes(tmp_path, args, said):
    project = project_copy(tmp_path)
    before = sorted(str(p.relative_to(project)) for p in project.rglob("*"))
    done = run_init(project, *_flags_with(args), "--yes")
    assert done.returncode == 1 and said in done.stderr, done.stderr
    assert sorted(str(p.relative_to(project)) for p in project.rglob("*")) == before
    assert (project / "pelicanconf.py").read_text() == (ROOT / "pelicanconf.py").read_text()


def test_without_a_terminal_init_asks_for_yes(tmp_path):
    project = project_copy(tmp_path)
    done = run_init(project, *FLAGS)
    assert done.returncode == 1 and "--yes" in done.stderr
    assert (project / "pelicanconf.py").read_text() == (ROOT / "pelicanconf.py").read_text()


def test_a_poster_is_shown_whole_and_becomes_the_icon(tmp_path, monkeypatch):
    from marquee.media.location import location_in
    from PIL import Image
    from tiny_images import phone_photo

    project = project_copy(tmp_path)
    poster = tmp_path / "poster.jpg"
    poster.write_bytes(phone_photo(1200, 800, orientation=6))  # a photo of the poster: upright when turned
    done = run_init(
        project, *FLAGS, "--poster", str(poster), "--poster-alt", "A hotel corridor, empty, lit green.", "--yes"
    )
    assert done.returncode == 0, done.stderr
    copied = (project / "content" / "images" / "poster.jpg").read_bytes()
    scan = poster.read_bytes().index(b"\xff\xda")
    assert copied[copied.index(b"\xff\xda") :] == poster.read_bytes()[scan:]  # its pixels as they were
    assert location_in(poster) and not location_in(project / "content" / "images" / "poster.jpg")
    assert b"Phonemaker" not in copied  # nor the camera: content/ is committed
    with Image.open(project / "content" / "extra" / "favicon.ico") as icon:
        assert icon.size == (64, 64)
    monkeypatch.chdir(project)
    output = tmp_path / "out"
    Pelican(
        read_settings(
            str(project / "pelicanconf.py"), override={"OUTPUT_PATH": str(output), "CACHE_PATH": str(tmp_path / "c")}
        )
    ).run()
    home = (output / "index.html").read_text(encoding="utf-8")
    assert "A hotel corridor, empty, lit green." in home
    assert 'class="hero h-card hero--poster hero--portrait"' in home and "hero__poster-image" in home  # whole


def _snapshot(project) -> dict:
    return {str(p.relative_to(project)): p.read_bytes() for p in sorted(project.rglob("*")) if p.is_file()}


def _bomb_png(path):
    from PIL import Image

    Image.new("1", (20_000, 20_000)).save(path, "PNG")  # 20000x20000: 400 megapixels, a few kilobytes
    return str(path)


@pytest.mark.parametrize(
    "make_args, said",
    [
        (lambda t: ["--poster", str(t / "poster.jpg"), "--poster-alt", "x"], "is not an image Marquee can read"),
        (lambda t: ["--poster", _bomb_png(t / "big.png"), "--poster-alt", "x"], "megapixels"),
        (lambda t: ["--title", b"Low \xff Season"], "a byte that is not UTF-8"),
        (lambda t: ["--title", "Low\u2028Season"], "U+2028"),
        (lambda t: ["--logline", "A hotel\x85out of season"], "U+0085"),
        (lambda t: ["--title", "Low\nSeason"], "U+000A"),
        (lambda t: ["--year", "²"], 'year: "²" is not a year'),
        (lambda t: ["--language", "zz"], 'language: "zz" is not a language Marquee can write in'),
        (lambda t: ["--domain", "https://lowseason.example/?a=1"], "is not a site address"),
        (lambda t: ["--domain", "https://lowseason.example:99999"], "is not a site address"),
        (lambda t: ["--domain", "https://ana:secret@lowseason.example"], "is not a site address"),
        (lambda t: ["--typeface", str(t / "fake.woff2")], "is not a WOFF2 font file"),
    ],
)
def test_init_checks_everything_first_and_leaves_the_project_byte_identical(tmp_path, make_args, said):
    (tmp_path / "poster.jpg").write_text("not a picture")
    (tmp_path / "fake.woff2").write_bytes(b"wOF2" + b"\x00" * 60)
    project = project_copy(tmp_path)
    before = _snapshot(project)
    args = make_args(tmp_path)
    done = run_init(project, *_flags_with(args), "--yes")
    assert done.returncode == 1 and said in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert _snapshot(project) == before


def test_a_failure_while_writing_leaves_the_project_as_it_was(tmp_path, monkeypatch):
    import datetime as dt

    from marquee import init as start

    project = project_copy(tmp_path)
    before = _snapshot(project)

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(start, "_pages", fail)
    film = start.Film(title="Low Season", domain="https://lowseason.example")
    with pytest.raises(OSError):
        start.init(project, film, dt.date(2026, 12, 2))
    assert _snapshot(project) == before
    assert not list(project.glob(".init-*"))


def test_init_writes_data_it_reads_back_and_never_edits_python(tmp_path):
    """The film's settings go to data/site.json, whole; the settings files are left as they were,
    even holding characters Python's own line splitting would trip on; a second init works."""
    import json

    project = project_copy(tmp_path)
    conf = project / "pelicanconf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8") + '\nSITE_NOTE = "a line\u2028separator kept inside a string"\n',
        encoding="utf-8",
    )
    before = {name: (project / name).read_bytes() for name in ("pelicanconf.py", "publishconf.py")}
    for title in ("Low Season", "High Tide"):
        flags = [title if f == "Low Season" else f for f in FLAGS]
        done = run_init(project, *flags, "--yes")
        assert done.returncode == 0, done.stderr
        assert {name: (project / name).read_bytes() for name in before} == before
        data = json.loads((project / "data" / "site.json").read_text(encoding="utf-8"))
        assert data["site"]["SITENAME"] == title and data["publish"]["SITEURL"] == "https://lowseason.example"
        settings = read_settings(str(conf))
        assert settings["SITENAME"] == title and settings["MARQUEE_FILM"]["title"] == title
        assert settings["SITE_NOTE"] == "a line\u2028separator kept inside a string"
    assert read_settings(str(project / "publishconf.py"))["SITEURL"] == "https://lowseason.example"


@pytest.mark.parametrize(
    "text, said",
    [
        ("{", "not valid JSON"),
        ('{"site": []}', '"site" is a JSON list'),
        ('{"site": {"title": 1}}', "expected setting names"),
        ('{"other": {}}', 'expected an object with "site" and "publish"'),
    ],
)
def test_a_damaged_site_file_is_named(tmp_path, text, said):
    from marquee.settings.site_file import SiteFileError

    project = project_copy(tmp_path)
    (project / "data" / "site.json").write_text(text)
    with pytest.raises(SiteFileError, match=said):
        read_settings(str(project / "pelicanconf.py"))


def test_init_refuses_settings_files_that_do_not_read_the_data_file(tmp_path):
    project = project_copy(tmp_path)
    conf = project / "pelicanconf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace('globals().update(_site_file(__file__, "site"))', ""), encoding="utf-8"
    )
    before = _snapshot(project)
    done = run_init(project, *FLAGS, "--yes")
    assert done.returncode == 1 and "pelicanconf.py does not read data/site.json" in done.stderr
    assert _snapshot(project) == before


TEXTS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "Low\u2028Season",
            "A\x85B",
            "\ud800",
            "Tab\tbed",
            "https://x.example",
            "²",
            "zz",
            "#12345g",
            "Europe/Madird",
            "",
        ]
    ),
)


IMAGE_FILES = ["portrait.jpg", "landscape.png", "garbage.jpg", "empty.png", "missing.jpg", "folder", "huge.png"]


def _image_file(path: Path, kind: str) -> Path:
    """The poster or key art a producer might point init at: good, damaged, absent or a bomb."""
    if kind == "portrait.jpg":
        path.write_bytes(jpeg(200, 300))
    elif kind == "landscape.png":
        from PIL import Image

        Image.new("RGB", (320, 180), "teal").save(path)
    elif kind == "garbage.jpg":
        path.write_bytes(b"\xff\xd8\xff\xe0 not a picture at all")
    elif kind == "empty.png":
        path.write_bytes(b"")
    elif kind == "folder":
        path.mkdir()
    elif kind == "huge.png":  # a small file claiming far more pixels than any poster
        from PIL import Image

        Image.new("1", (10_000, 5_000)).save(path)
    return path


MEDIA = {
    "key_art_alt": TEXTS,
    "trailer": st.one_of(
        TEXTS,
        st.sampled_from(
            [
                "https://www.youtube.com/watch?v=Lw5eAsnQn0E",
                "https://youtu.be/Lw5eAsnQn0E?t=30",
                "https://vimeo.com/76979871",
                "https://www.youtube.com/watch?v=",
                "javascript:alert(1)",
                "http://www.youtube.com/watch?v=Lw5eAsnQn0E",
                "https://vimeo.com/not-a-number",
                "https://evil.example/watch?v=Lw5eAsnQn0E",
            ]
        ),
    ),
    "runtime_minutes": st.one_of(st.none(), st.integers(-10, 100_000)),
    "poster": st.sampled_from(IMAGE_FILES),
    "key_art": st.sampled_from(IMAGE_FILES),
}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "title": TEXTS,
            "director": TEXTS,
            "logline": TEXTS,
            "company": TEXTS,
            "genre": TEXTS,
            "poster_alt": TEXTS,
            "domain": st.one_of(
                TEXTS,
                st.sampled_from(
                    [
                        "https://low.example",
                        "https://low.example:8443/",
                        "https://a@b.example",
                        "https://low.example/?q",
                        "https://xn--nxa.example",
                        "https://.example",
                    ]
                ),
            ),
            "timezone": st.one_of(TEXTS, st.just("Europe/Madrid")),
            "language": st.one_of(TEXTS, st.sampled_from(["es", "pt-BR", "ga"])),
            "colour": st.one_of(TEXTS, st.just("#2a9d8f")),
            "typeface": st.one_of(TEXTS, st.just("fraunces")),
            "year": st.one_of(st.none(), st.integers(-10, 10_000)),
            "cast": st.lists(TEXTS, max_size=3).map(tuple),
            **MEDIA,
        },
    )
)
def test_any_init_input_is_refused_with_the_project_unchanged_or_makes_a_film(tmp_path_factory, values):
    init_or_refuse(tmp_path_factory.mktemp("init-property"), values)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(st.fixed_dictionaries({}, optional={**MEDIA, "key_art_alt": TEXTS}))
def test_any_poster_key_art_trailer_or_runtime_with_good_facts_is_refused_cleanly_or_shown(tmp_path_factory, values):
    """The pictures, trailer and runtime init takes, drawn beside facts that are all good, so that
    most examples reach the files themselves."""
    alts = {"poster_alt": "A corridor, lit green.", "key_art_alt": "The empty lobby at dusk."}
    init_or_refuse(tmp_path_factory.mktemp("init-media"), {"director": "Ana Ruiz", "year": 2028, **alts, **values})


def init_or_refuse(root: Path, values: dict) -> None:
    import datetime as dt

    from marquee import init as start

    project = project_copy(root)
    for field in ("poster", "key_art"):  # a file beside the project, of the kind drawn
        if field in values:
            values[field] = _image_file(root / f"{field}-{values[field]}", values[field])
    before = _snapshot(project)
    film = start.Film(**{"title": "Low Season", "domain": "https://low.example", **values})
    try:
        start.init(project, film, dt.date(2026, 12, 2))
    except start.InitError as error:
        event("refused")
        assert str(error) and _snapshot(project) == before
    else:
        event("made a film" + (" with a picture" if film.poster or film.key_art else ""))
        settings_read = read_settings(str(project / "pelicanconf.py"))
        assert settings_read["SITENAME"] == film.title and not _NOT_ONE_LINE.search(film.title)
        written = settings_read["MARQUEE_FILM"]
        assert not film.trailer or re.match(r"https://(www\.youtube\.com|youtu\.be|vimeo\.com)/", film.trailer)
        assert (film.runtime_minutes is None) or 0 < film.runtime_minutes < 100_000
        for field in ("poster", "key_art"):  # a picture init took is a picture in the project
            if getattr(film, field):
                assert (project / "content" / written[field]).stat().st_size > 0, written
    shutil.rmtree(root, ignore_errors=True)


def test_a_bad_film_fact_is_named_in_the_file_it_is_in(tmp_path, monkeypatch, caplog):
    """After init the film's facts are in data/site.json: a problem with one names that file."""
    import json

    from marquee.content.validate import ContentError

    project = project_copy(tmp_path)
    assert run_init(project, *FLAGS, "--yes").returncode == 0
    data = json.loads((project / "data" / "site.json").read_text(encoding="utf-8"))
    data["site"]["MARQUEE_FILM"]["watch"] = [{"name": "Cinema", "url": "https://cinema.example", "offer": "lease"}]
    (project / "data" / "site.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.chdir(project)
    with pytest.raises(ContentError):
        Pelican(
            read_settings(
                str(project / "pelicanconf.py"),
                override={"OUTPUT_PATH": str(tmp_path / "o"), "CACHE_PATH": str(tmp_path / "c")},
            )
        ).run()
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert 'data/site.json: MARQUEE_FILM watch 1 offer: "lease" is not an offer' in " ".join(errors), errors


def _converse(project, answers: list[tuple[str, str]], deadline: float = 120) -> tuple[int, str]:
    """`invoke init` at a terminal (a pty): wait for each prompt, type its answer. Returns the
    exit code and everything the terminal showed."""
    import os
    import pty
    import select
    import time

    from yourfilm import INVOKE

    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [INVOKE, "init"], cwd=project, stdin=terminal, stdout=terminal, stderr=terminal, close_fds=True
    )
    os.close(terminal)
    shown, end = "", time.monotonic() + deadline
    pending = list(answers)
    try:
        while time.monotonic() < end:
            ready, _, _ = select.select([controller], [], [], max(0.0, end - time.monotonic()))
            if not ready:
                break
            try:
                chunk = os.read(controller, 4096).decode("utf-8", errors="replace")
            except OSError:  # the command ended and closed the terminal
                break
            if not chunk:
                break
            shown += chunk
            while pending and pending[0][0] in shown.rsplit("\n", 1)[-1]:
                os.write(controller, pending.pop(0)[1].encode() + b"\r")
                shown += "\n"
        return process.wait(timeout=max(1.0, end - time.monotonic())), shown
    finally:
        process.kill()
        os.close(controller)


def test_init_asks_at_a_terminal_for_the_facts_and_what_the_home_page_shows(tmp_path, monkeypatch):
    """A producer at a terminal answers init's questions: the poster is portrait, so it asks for
    a wide key art too; the first build has the trailer and its call to action."""
    from tiny_images import jpeg

    project = project_copy(tmp_path)
    poster, key_art = tmp_path / "poster.jpg", tmp_path / "wide.jpg"
    poster.write_bytes(jpeg(800, 1200))
    key_art.write_bytes(jpeg(1600, 800))
    code, shown = _converse(
        project,
        [
            ("Title of the film", "Low Season"),
            ("Release year", "2028"),
            ("Director", "Ana Ruiz"),
            ("Site address", "https://lowseason.example"),
            ("Logline", "A hotel out of season."),
            ("Cast", "Lucía Prieto"),
            ("Time zone", "Europe/Madrid"),
            ("Language", "en"),
            ("colour", ""),
            ("Typeface", ""),
            ("Genre", "Thriller"),
            ("Running time", "104"),
            ("trailer", "https://www.youtube.com/watch?v=Lw5eAsnQn0E"),
            ("The poster", str(poster)),
            ("What the poster shows", "A hotel corridor, empty, lit green."),
            ("wide key art", str(key_art)),
            ("What the key art shows", "The hotel's lobby at dusk."),
            ("Go on?", "y"),
        ],
    )
    assert code == 0, shown
    film = read_settings(str(project / "pelicanconf.py"))["MARQUEE_FILM"]
    assert film["genre"] == "Thriller" and film["runtime_minutes"] == 104
    assert film["trailer"] == "https://www.youtube.com/watch?v=Lw5eAsnQn0E"
    assert film["poster"] == "images/poster.jpg" and film["key_art"] == "images/key-art.jpg"
    assert film["trailer_poster"] == "images/key-art.jpg"  # the trailer's picture: nothing fetched for it
    monkeypatch.chdir(project)
    output = tmp_path / "out"
    Pelican(
        read_settings(
            str(project / "pelicanconf.py"),
            override={"OUTPUT_PATH": str(output), "CACHE_PATH": str(tmp_path / "c"), "MARQUEE_OFFLINE": True},
        )
    ).run()
    home = (output / "index.html").read_text(encoding="utf-8")
    assert 'id="trailer"' in home and "data-embed-src" in home and 'data-stage="trailer"' in home
    assert "hero__image" in home and "The hotel&#39;s lobby at dusk." in home
    assert "No screenings" not in home and "Latest news" not in home
