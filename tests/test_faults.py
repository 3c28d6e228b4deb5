"""Faults found by running Marquee on inputs it had not seen, one regression test each (issue 13):
walls and cards with bad payloads, paths outside content/, half-written output, files that are not
UTF-8, validation that hid problems, local times that do not exist, private hosts."""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FILM, ROOT
from helpers import FILM_SETTINGS, build_film, parse, write_film
from icalendar import Calendar
from marquee import output
from marquee.check import check
from marquee.content import ContentError
from marquee.net import Fetcher, NetSettings, localize
from marquee.net.policy import PrivateHost, check_public, is_public_address, web_url
from marquee.networks.base.wall import Post
from marquee.walls import fetch_all
from marquee.walls.post import load, save
from tiny_images import jpeg

NOW = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)


def film(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    return write_film(tmp_path, {"images/pic.jpg": jpeg(40, 30), **files})


def build(tmp_path: Path, **overrides) -> Path:
    return build_film(tmp_path, **overrides)


DIARY = "Title: {title}\nDate: 2026-05-01 10:00\nPhase: production\n{extra}\nBody.\n"


# -- 1. wall links that are not http(s), kept in snapshots


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        " JAVASCRIPT:alert(1)",
        "java\tscript:alert(1)",
        "vbscript:x",
        "//evil.example/x",
    ],
)
def test_wall_links_that_are_not_web_addresses_are_dropped_and_never_saved(httpserver, tmp_path, url):
    base = httpserver.url_for("").rstrip("/")
    status = {
        "id": "1",
        "url": url,
        "visibility": "public",
        "created_at": "2026-11-01T10:00:00Z",
        "content": "<p>hi</p>",
        "account": {"acct": "fan", "display_name": "Fan", "created_at": "2020-01-01T00:00:00Z"},
    }
    httpserver.expect_request("/api/v1/accounts/lookup").respond_with_json({"id": "7"})
    httpserver.expect_request("/api/v1/accounts/7/statuses").respond_with_json([status])
    net = NetSettings(cache_dir=tmp_path / "cache", timeout=2, allow_private=True)
    (wall,) = fetch_all(
        [{"name": "w", "type": "mastodon-account", "instance": base, "account": "film"}], net, tmp_path / "data", NOW
    )
    assert [p.url for p in wall.posts] == [""]
    assert url not in (tmp_path / "data" / "w.json").read_text()


def test_a_snapshot_edited_by_hand_is_cleaned_when_loaded(tmp_path):
    path = tmp_path / "w.json"
    save(
        path,
        [Post(source="w", network="Mastodon", id="1", url="https://m.example/@a/1", author="A", handle="@a", date="")],
    )
    data = json.loads(path.read_text())
    data[0].update(
        url="javascript:alert(1)",
        html="<p>x<script>alert(2)</script></p>",
        avatar="../../../etc/passwd",
        author="\u202eevil",
        images=[{"name": "../secret.jpg", "alt": "x", "width": 1, "height": 1}],
    )
    path.write_text(json.dumps(data))
    (post,) = load(path)
    assert (post.url, post.avatar, post.images, post.author) == ("", "", (), "evil")
    assert "<script" not in post.html


# -- 2. a card whose status has no text


@pytest.mark.parametrize(
    "content", ["", "<form><input></form>", "<math><mi>x</mi></math>", "<script>alert(1)</script>"]
)
def test_a_status_with_nothing_to_show_still_builds(httpserver, tmp_path, content):
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/api/v1/statuses/9").respond_with_json(
        {
            "id": "9",
            "url": f"{base}/@fan/9",
            "visibility": "public",
            "created_at": "2026-11-01T10:00:00Z",
            "content": content,
            "account": {"acct": "fan", "display_name": "Fan"},
            "media_attachments": [],
        }
    )
    film(tmp_path, {"diary/x.md": DIARY.format(title="Card", extra="") + f"\n{base}/@fan/9\n"})
    out = build(tmp_path, MARQUEE_OFFLINE=False, MARQUEE_NET_ALLOW_PRIVATE=True)
    page = (out / "diary" / "x" / "index.html").read_text()
    assert 'class="embed post-card"' in page and "<script" not in page.split("<body")[1].replace(
        '<script src="/theme/js/embeds.js" defer></script>', ""
    )
    # and the second build, from the cached answer, too
    shutil.rmtree(out)
    assert (build(tmp_path, MARQUEE_OFFLINE=True) / "diary" / "x" / "index.html").is_file()


def test_an_embed_whose_template_fails_stays_a_link_with_a_warning(httpserver, tmp_path, caplog, monkeypatch):
    import marquee.networks.mastodon.embed as mastodon_embed

    base = httpserver.url_for("").rstrip("/")
    # An answer of the wrong shape (the account a string) is read as an anonymous post, not a failure.
    httpserver.expect_request("/api/v1/statuses/9").respond_with_json(
        {"id": "9", "visibility": "public", "account": "not a dict"}
    )
    film(tmp_path, {"diary/x.md": DIARY.format(title="Card", extra="") + f"\n{base}/@fan/9\n"})
    out = build(tmp_path, MARQUEE_OFFLINE=False, MARQUEE_NET_ALLOW_PRIVATE=True)
    assert 'class="embed post-card' in (out / "diary" / "x" / "index.html").read_text()

    def broken(*args, **kwargs):
        raise TypeError("a template that cannot render this post")

    monkeypatch.setattr(mastodon_embed, "card", broken)
    shutil.rmtree(tmp_path / "output")
    shutil.rmtree(tmp_path / "cache", ignore_errors=True)
    with caplog.at_level(logging.WARNING):
        out = build(tmp_path, MARQUEE_OFFLINE=False, MARQUEE_NET_ALLOW_PRIVATE=True)
    assert f'<a href="{base}/@fan/9">' in (out / "diary" / "x" / "index.html").read_text()
    assert any(f"{base}/@fan/9" in r.getMessage() and "stays a link" in r.getMessage() for r in caplog.records)


# -- 4. paths outside content/


@pytest.mark.parametrize(
    "path",
    [
        "../../../outside.jpg",
        "../outside.jpg",
        "images/../../outside.jpg",
        "{static}/../outside.jpg",
        "/etc/hostname",
        "images/link.jpg",
    ],
)
def test_metadata_paths_must_stay_inside_content(tmp_path, path):
    (tmp_path / "outside.jpg").write_bytes(jpeg(10, 10))
    content = film(tmp_path, {"diary/x.md": DIARY.format(title="Out", extra=f"Image: {path}\nImage-Alt: A picture")})
    (content / "images" / "link.jpg").symlink_to(tmp_path / "outside.jpg")
    with pytest.raises(ContentError):
        build(tmp_path)
    assert not (tmp_path / "output").exists()
    _, problems = parse("diary", slug="x", phase="production", image=path, image_alt="A picture")
    assert any("Image:" in p and "is not a file under content/" in p for p in problems), problems


@pytest.mark.parametrize(
    "field, value",
    [
        ("Slug", "../../escape"),
        ("Slug", "a/b"),
        ("Save_as", "../../escape.html"),
        ("Save_as", "/tmp/escape.html"),
        ("URL", "https://evil.example/"),
    ],
)
def test_paths_a_post_names_for_itself_stay_inside_the_site(tmp_path, caplog, field, value):
    film(tmp_path, {"diary/x.md": DIARY.format(title="X", extra=f"{field}: {value}")})
    with caplog.at_level(logging.ERROR), pytest.raises(ContentError):
        build(tmp_path)
    messages = [r.getMessage() for r in caplog.records]
    # Ours, or Pelican's own refusal (it skips a file that would be written outside the output).
    assert any(f'{field.title()}: "{value}"' in m or ("x.md" in m and "outside output path" in m) for m in messages), (
        messages
    )
    assert not (tmp_path / "output").exists() and not (tmp_path.parent / "escape").exists()
    assert not (tmp_path.parent / "escape.html").exists() and not Path("/tmp/escape.html").exists()


# -- 5. half sites


def previous_site(tmp_path: Path) -> Path:
    out = tmp_path / "output"
    out.mkdir()
    (out / "index.html").write_text("the site as it was")
    return out


@pytest.mark.parametrize("case", ["duplicate slug", "page slug is a section", "content error", "crash while writing"])
def test_a_failed_build_leaves_the_previous_output_untouched(tmp_path, case):
    files = {"diary/a.md": DIARY.format(title="A", extra=""), "pages/about.md": "Title: About\n\nAbout.\n"}
    overrides = {}
    if case == "duplicate slug":
        files["diary/b.md"] = DIARY.format(title="B", extra="Slug: a")
    elif case == "page slug is a section":
        files["pages/diary.md"] = "Title: Diary page\nSlug: diary\n\nClash.\n"
    elif case == "content error":
        files["diary/b.md"] = DIARY.format(title="B", extra="Shoot-Day: soon")
    else:
        theme = tmp_path / "theme"
        shutil.copytree(ROOT / "theme", theme)
        (theme / "templates" / "page.html").write_text("{{ 1 // 0 }}")
        overrides["THEME"] = str(theme)
    film(tmp_path, files)
    out = previous_site(tmp_path)
    with pytest.raises(Exception):  # noqa: B017 (each case fails its own way: a content error, Jinja's, Pelican's)
        build(tmp_path, **overrides)
    assert [p.name for p in out.iterdir()] == ["index.html"] and (
        out / "index.html"
    ).read_text() == "the site as it was"
    build(tmp_path, PATH=str(film(tmp_path / "fixed", {"diary/a.md": DIARY.format(title="A", extra="")})))
    assert (out / "diary" / "a" / "index.html").is_file()  # the next good build replaces it, and cleans up
    output.settle()
    assert not [p for p in tmp_path.iterdir() if ".building-" in p.name or ".old-" in p.name]


def test_a_failed_build_is_forgotten_with_its_pelican_object(tmp_path):
    """Seen under load: a build wrote its whole site into another test's output folder, because a
    failed run was remembered by id() and a later Pelican object was given the same id."""
    import gc

    from helpers import fixture_settings
    from pelican import Pelican

    for n in range(3):
        film(tmp_path / f"bad{n}", {"diary/a.md": DIARY.format(title="A", extra="Shoot-Day: soon")})
        with pytest.raises(ContentError):
            Pelican(fixture_settings(tmp_path / f"bad{n}")).run()
    gc.collect()
    assert dict(output._runs) == {}  # nothing a new object could inherit
    film(tmp_path / "good", {"diary/a.md": DIARY.format(title="A", extra="")})
    Pelican(fixture_settings(tmp_path / "good")).run()
    assert (tmp_path / "good" / "output" / "diary" / "a" / "index.html").is_file()


def test_a_collision_names_both_source_files(tmp_path, caplog):
    film(
        tmp_path,
        {
            "diary/a.md": DIARY.format(title="A", extra=""),
            "diary/b.md": DIARY.format(title="B", extra="Slug: a"),
            "pages/diary.md": "Title: Diary page\nSlug: diary\n\nClash.\n",
        },
    )
    with caplog.at_level(logging.ERROR), pytest.raises(ContentError):
        build(tmp_path)
    messages = [r.getMessage() for r in caplog.records]
    assert any(
        "content/diary/a.md" in m and "content/diary/b.md" in m and "diary/a/index.html" in m for m in messages
    ), messages
    assert any("content/pages/diary.md" in m and 'section page of "diary"' in m for m in messages), messages


def test_a_good_build_replaces_the_output_whole(tmp_path):
    film(tmp_path, {"diary/a.md": DIARY.format(title="A", extra="")})
    out = previous_site(tmp_path)
    (out / "stale.html").write_text("from an older build")
    build(tmp_path)
    assert (out / "diary" / "a" / "index.html").is_file() and not (out / "stale.html").exists()
    assert "the site as it was" not in (out / "index.html").read_text()


def test_make_site_keeps_the_previous_output_on_a_content_error(tmp_path):
    """`make site`'s own command line (pelican --delete-output-directory), in a subprocess."""
    film(tmp_path, {"diary/a.md": DIARY.format(title="A", extra="Shoot-Day: soon")})
    out = previous_site(tmp_path)
    conf = tmp_path / "conf.py"
    conf.write_text(
        f"{FILM_SETTINGS}THEME = {str(ROOT / 'theme')!r}\n"
        f"MARQUEE_WALLS = []\nCACHE_PATH = {str(tmp_path / 'cache')!r}\n"
    )
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("pelican")),
            str(tmp_path / "content"),
            "-s",
            str(conf),
            "-o",
            str(out),
            "--delete-output-directory",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Shoot-Day" in result.stdout + result.stderr
    assert (out / "index.html").read_text() == "the site as it was"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".output")] == []  # no staging folder left


# -- 6. files that are not UTF-8


@pytest.mark.parametrize(
    "data, offset",
    [
        ("Title: Caf\xe9\nDate: 2026-05-01\nPhase: production\n\nx\n".encode("cp1252"), 10),
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff", 0),
    ],
)
def test_a_file_that_is_not_utf8_is_named_with_the_byte_and_offset(tmp_path, caplog, data, offset):
    film(tmp_path, {"diary/bad.md": data, "diary/good.md": DIARY.format(title="Good", extra="")})
    with caplog.at_level(logging.ERROR), pytest.raises(ContentError):
        build(tmp_path)
    message = next(r.getMessage() for r in caplog.records if "bad.md" in r.getMessage())
    assert f"offset {offset}" in message and "expected UTF-8" in message
    problems = check(
        str(FILM / "pelicanconf.py"),
        {"PATH": str(tmp_path / "content"), "MARQUEE_WALLS": [], "CACHE_PATH": str(tmp_path / "c")},
    )
    assert any("bad.md" in p.message and "not UTF-8" in p.message for p in problems)


@pytest.mark.parametrize("field", ["Date", "Modified"])
def test_a_date_pelican_cannot_read_is_named_with_its_field(tmp_path, caplog, field):
    dates = {"Date": "2026-05-01", "Modified": "2026-05-02"} | {field: "next tuesday"}
    film(
        tmp_path,
        {"diary/bad.md": f"Title: Bad\nDate: {dates['Date']}\nModified: {dates['Modified']}\nPhase: production\n\nx\n"},
    )
    with caplog.at_level(logging.ERROR), pytest.raises(ContentError):
        build(tmp_path)
    assert any(
        "bad.md" in r.getMessage() and f'{field}: "next tuesday" is not a date (expected YYYY-MM-DD' in r.getMessage()
        for r in caplog.records
    )


# -- 7. a duplicate episode hidden by another error


def test_a_duplicate_episode_is_reported_whatever_else_is_wrong(tmp_path, caplog):
    episode = (
        "Title: {t}\nDate: 2026-05-0{n} 10:00\nSeries: Off the Call Sheet\nEpisode: 2\nGuests: A (b)\n"
        "Video: https://www.youtube.com/watch?v=abcdefghijk\n{extra}\nx\n"
    )
    film(
        tmp_path,
        {
            "interviews/one.md": episode.format(t="One", n=1, extra="Duration: ten minutes"),
            "interviews/two.md": episode.format(t="Two", n=2, extra=""),
        },
    )
    with caplog.at_level(logging.ERROR), pytest.raises(ContentError):
        build(tmp_path)
    messages = [r.getMessage() for r in caplog.records]
    assert any("Duration" in m for m in messages)
    assert any("Episode: 2 is already used" in m and "content/interviews/one.md" in m for m in messages), messages


# -- 8. local times that do not exist, or happen twice


def event(start: str, zone="Europe/Dublin", end="") -> str:
    return (
        f"Title: Screening\nDate: 2026-01-10 10:00\nEvent-Kind: screening\nStart: {start}\n"
        f"{'End: ' + end + chr(10) if end else ''}Timezone: {zone}\nVenue: The Hall\n\nx\n"
    )


@pytest.mark.parametrize(
    "start, zone", [("2027-03-28 01:30", "Europe/Dublin"), ("2027-03-14 02:15", "America/New_York")]
)
def test_a_start_in_the_spring_gap_is_an_error_naming_the_gap(tmp_path, caplog, start, zone):
    film(tmp_path, {"events/e.md": event(start, zone)})
    with caplog.at_level(logging.ERROR), pytest.raises(ContentError):
        build(tmp_path)
    assert any(f'Start: "{start}" does not exist in {zone}' in r.getMessage() for r in caplog.records)


def test_an_ambiguous_time_warns_and_an_offset_chooses(tmp_path, caplog):
    _, problems = parse(
        "events", slug="e", event_kind="screening", start="2026-10-25 01:30", timezone="Europe/Dublin", venue="V"
    )
    assert problems == [
        'content/events/e.md: Start: "2026-10-25 01:30" happens twice in Europe/Dublin (the clocks go back '
        'that night); the first (+01:00) is used: to choose, add the offset, e.g. "2026-10-25 01:30 +00:00"'
    ]
    film(tmp_path, {"events/e.md": event("2027-10-31 01:30 +00:00", end="2027-10-31 03:00")})  # the second 01:30
    out = build(tmp_path)
    page = (out / "events" / "e" / "index.html").read_text()
    assert 'datetime="2027-10-31T01:30:00+00:00"' in page
    google = next(part for part in page.split('"') if part.startswith("https://calendar.google.com/"))
    assert "dates=20271031T013000Z%2F20271031T030000Z" in google
    (vevent,) = Calendar.from_ical((out / "events" / "e" / "e.ics").read_bytes()).walk("VEVENT")
    assert vevent.decoded("dtstart").astimezone(dt.UTC) == dt.datetime(2027, 10, 31, 1, 30, tzinfo=dt.UTC)


# -- 9. payload-named images from private hosts


@pytest.mark.parametrize(
    "address, public",
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("192.168.0.1", False),
        ("169.254.169.254", False),
        ("::1", False),
        ("::ffff:127.0.0.1", False),
        ("fd00::1", False),
        ("0.0.0.0", False),
        ("100.64.0.1", False),
        ("224.0.0.1", False),
        ("93.184.215.14", True),
        ("2606:4700::1111", True),
    ],
)
def test_only_global_addresses_are_public(address, public):
    assert is_public_address(address) is public


def test_a_host_that_resolves_to_a_private_address_is_refused_and_so_is_a_redirect_to_one():
    def resolver(answers):
        return lambda host, port, proto=0: [(2, 1, 6, "", (answers[host], port))]

    names = {"cdn.example": "93.184.215.14", "sneaky.example": "127.0.0.1", "metadata.example": "169.254.169.254"}
    check_public("https://cdn.example/a.jpg", resolve=resolver(names))
    for url in (
        "https://sneaky.example/a.jpg",
        "http://metadata.example/latest/",
        "file:///etc/passwd",
        "gopher://cdn.example/",
    ):
        with pytest.raises(PrivateHost):
            check_public(url, resolve=resolver(names))


def test_payload_images_on_loopback_are_not_fetched_unless_allowed(httpserver, tmp_path, caplog):
    httpserver.expect_request("/a.jpg").respond_with_data(jpeg(20, 20), content_type="image/jpeg")
    url = httpserver.url_for("/a.jpg")
    strict = Fetcher(NetSettings(cache_dir=tmp_path / "strict"))
    with caplog.at_level(logging.WARNING):
        assert localize(strict, url, 96, tmp_path / "m1") is None
        assert localize(strict, url.replace("127.0.0.1", "localhost"), 96, tmp_path / "m1") is None
    assert not httpserver.log and any("not a public host" in r.getMessage() for r in caplog.records)
    allowed = Fetcher(NetSettings(cache_dir=tmp_path / "allowed", allow_private=True))
    assert localize(allowed, url, 96, tmp_path / "m2") is not None


def test_a_public_redirect_to_a_private_host_is_refused_on_the_hop(httpserver, tmp_path, monkeypatch, caplog):
    """The first hop's name answers a public address (a stand-in resolver; the connection to it is
    dialled on loopback), the redirect's lookup answers loopback: that hop is never made."""
    import socket

    httpserver.expect_request("/start.jpg").respond_with_data("", status=302, headers={"Location": "/inner.jpg"})
    httpserver.expect_request("/inner.jpg").respond_with_data(jpeg(20, 20), content_type="image/jpeg")
    public, lookups = "93.184.215.14", []
    real_connect = socket.socket.connect

    def resolve(host, port, *args, **kwargs):
        lookups.append(host)
        address = public if len(lookups) == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    monkeypatch.setattr(
        socket.socket,
        "connect",
        lambda sock, address: real_connect(sock, ("127.0.0.1", address[1]) if address[0] == public else address),
    )
    fetcher = Fetcher(NetSettings(cache_dir=tmp_path / "c"))
    assert fetcher.get(httpserver.url_for("/start.jpg"), accept=("image/",), public_only=True) is None
    assert len(lookups) == 2  # one lookup per connection, each checked
    assert [r.path for r, _ in httpserver.log] == ["/start.jpg"]
    assert "not a public host" in caplog.text


def test_sources_the_producer_configured_may_be_on_loopback(httpserver, tmp_path):
    """Trusted: the instance named in MARQUEE_WALLS. Untrusted: the avatar its answer names."""
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/api/v1/accounts/lookup").respond_with_json({"id": "7"})
    httpserver.expect_request("/api/v1/accounts/7/statuses").respond_with_json(
        [
            {
                "id": "1",
                "url": f"{base}/@a/1",
                "visibility": "public",
                "created_at": "2026-11-01T10:00:00Z",
                "content": "<p>hi</p>",
                "account": {
                    "acct": "a",
                    "display_name": "A",
                    "avatar_static": f"{base}/avatar.jpg",
                    "created_at": "2020-01-01T00:00:00Z",
                },
            }
        ]
    )
    net = NetSettings(cache_dir=tmp_path / "cache", timeout=2)
    (wall,) = fetch_all(
        [{"name": "w", "type": "mastodon-account", "instance": base, "account": "film"}], net, tmp_path / "d", NOW
    )
    assert [p.id for p in wall.posts] == ["1"] and wall.posts[0].avatar == ""
    assert "/avatar.jpg" not in [r.path for r, _ in httpserver.log]


def test_the_url_policy():
    assert web_url("https://film.example/a?b=1#c") == "https://film.example/a?b=1#c"
    assert web_url("mailto:press@film.example", mailto=True) == "mailto:press@film.example"
    for bad in (
        "javascript:alert(1)",
        " JAVASCRIPT:x",
        "java\tscript:x",
        "jav\u200bascript:x",
        "data:text/html,x",
        "mailto:press@film.example",
        "https://",
        "http://[::1",
        "/relative",
        "//host/x",
        "ftp://x.example/",
    ):
        assert web_url(bad) is None, bad


@pytest.mark.parametrize("text", ['{"threads": []}', "[1, 2]", "{not json"])
def test_a_broken_backfeed_file_is_named_builds_go_on_and_backfeed_refuses_to_overwrite_it(tmp_path, caplog, text):
    from marquee.backfeed.model import BackfeedDataError, load

    (tmp_path / "backfeed.json").write_text(text)
    film(tmp_path, {"diary/a.md": DIARY.format(title="A", extra="")})
    with caplog.at_level(logging.WARNING):
        out = build(tmp_path)
    assert (out / "diary" / "a" / "index.html").is_file()
    assert any("backfeed.json: not a backfeed data file" in r.getMessage() for r in caplog.records)
    with pytest.raises(BackfeedDataError, match="backfeed.json"):
        load(tmp_path / "backfeed.json", strict=True)


@pytest.mark.parametrize("text", ["[[1]]", '{"a": 1}', '[{"images": 5}]', "[" * 50_000 + "]" * 50_000])
def test_a_broken_wall_snapshot_is_treated_as_none(tmp_path, text):
    (tmp_path / "w.json").write_text(text)
    assert not load(tmp_path / "w.json")  # None, or no posts: each bad one left out (test_stored_data.py)
