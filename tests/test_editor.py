"""The browser editor at /admin/: its configuration comes from the content types' schemas on every
build, and the real Decap CMS, driven in Chromium at a phone's size through `invoke edit`
(decap-server on loopback), writes posts the build reads and refuses what the build refuses."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import free_port
from helpers import (
    FILM_SETTINGS,
    build_film,
    fixture_settings,
    live_preview,
    write_film,
)
from tiny_images import jpeg

DIARY = "Title: A day\nDate: 2026-05-01 10:00\nPhase: production\nShoot-Day: 3\nLocation: Inis Mór\nGeo: 53.1, -9.7\n\nWe began.\n"
EPISODE = (
    "Title: Off Set 1\nDate: 2026-06-01 10:00\nSeries: Off Set\nEpisode: 1\nGuests: Ana Ruiz (director)\n"
    "Video: https://www.youtube.com/watch?v=aaaaaaaaaaa\n\nThe first.\n"
)


EDITOR = {"repo": "me/fixture-film"}


def editor_data(output: Path) -> dict:
    page = (output / "admin" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="marquee-editor">(.*?)</script>', page, re.S)
    return json.loads(found[1])


def test_the_editor_is_generated_from_the_schemas_on_every_build(tmp_path):
    """Every field of every content type, with its label, choices, format check and help; the
    required ones refused in the build's words; pre-filled like `invoke new`; nothing from a CDN."""
    from marquee.content import validate

    write_film(tmp_path, {"diary/a.md": DIARY, "interviews/e1.md": EPISODE})
    output = build_film(tmp_path, TIMEZONE="Europe/Dublin", MARQUEE_EDITOR=EDITOR)
    data = editor_data(output)
    collections = {c["name"]: c for c in data["config"]["collections"]}
    sections = {"diary", "interviews", "events", "press", "contests"}
    assert set(collections) == sections | {f"{s}-es" for s in sections}  # each section, and its Spanish versions
    spanish = collections["diary-es"]
    assert (spanish["label"], spanish["slug"], spanish["filter"]) == (
        "Diario de rodaje (Español)",
        "{{fields.slug}}.es",
        {"field": "lang", "value": "es"},
    )
    assert spanish["fields"][0] | {"hint": ""} == {
        "name": "slug",
        "label": "Translation of",
        "widget": "relation",
        "collection": "diary",
        "required": False,
        "search_fields": ["title"],
        "value_field": "{{slug}}",
        "display_fields": ["title"],
        "hint": "",
    }
    assert collections["diary"]["filter"] == {"field": "lang", "value": "en"}
    assert (
        data["rules"]["diary-es"]["required"]["slug"] == "Translation of: missing (expected the post this translates)"
    )
    assert data["language"] == "en"
    for section, module in validate.TYPES.items():
        fields = {f["name"]: f for f in collections[section]["fields"]}
        for field in module.SCHEMA:
            assert fields[field.key]["label"] == field.name
        assert collections[section]["folder"] == f"content/{section}"
        assert collections[section]["media_folder"] == f"/content/images/{section}"
        for field in module.SCHEMA:
            if field.required:
                expected = f"{field.name}: {field.missing(module.KIND)}"
                assert data["rules"][section]["required"][field.key] == expected
    diary = {f["name"]: f for f in collections["diary"]["fields"]}
    assert diary["phase"]["widget"] == "select" and "post-production" in diary["phase"]["options"]
    assert diary["shoot-day"]["default"] == 4  # the next shoot day, as `invoke new` fills it
    assert diary["location"]["default"] == "Inis Mór"
    assert diary["geo"]["pattern"][1].startswith("not a position (expected")
    assert data["rules"]["diary"]["required"]["phase"].startswith(
        "Phase: missing (required for a diary entry; expected one of"
    )
    events = {f["name"]: f for f in collections["events"]["fields"]}
    assert (
        events["event-timezone"]["default"] == "Europe/Dublin"
        and "America/New_York" in events["event-timezone"]["options"]
    )
    assert events["start"]["widget"] == "datetime" and events["start"]["format"] == "YYYY-MM-DD HH:mm"
    episodes = {f["name"]: f for f in collections["interviews"]["fields"]}
    assert episodes["series"]["default"] == "Off Set" and episodes["episode"]["default"] == 2
    assert episodes["chapters"]["widget"] == "list"
    assert data["config"]["backend"] == {"name": "github", "repo": "me/fixture-film", "branch": "main"}
    assert "local_backend" not in data["config"]

    page = (output / "admin" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing loaded from another host
    assert (output / "admin" / "decap-cms.js").stat().st_size > 1_000_000
    assert (output / "admin" / "js-yaml.min.js").is_file() and (output / "admin" / "marquee-editor.js").is_file()
    first = {p.relative_to(output): p.read_bytes() for p in (output / "admin").iterdir()}
    build_film(tmp_path, TIMEZONE="Europe/Dublin", MARQUEE_EDITOR=EDITOR)
    assert {p.relative_to(output): p.read_bytes() for p in (output / "admin").iterdir()} == first  # byte-identical


def test_a_schema_change_reaches_the_editor_with_the_next_build(tmp_path, monkeypatch):
    from marquee.content import diary
    from marquee.content import fields as f

    write_film(tmp_path, {"diary/a.md": DIARY.replace("Phase:", "Weather: rain\nPhase:")})
    weather = f.Field("Weather", f.choice(("sun", "rain"), "a weather"), required=True, help="What the sky did")
    monkeypatch.setattr(diary, "SCHEMA", (*diary.SCHEMA, weather))
    data = editor_data(build_film(tmp_path, MARQUEE_EDITOR=EDITOR))
    fields = {f["name"]: f for c in data["config"]["collections"] if c["name"] == "diary" for f in c["fields"]}
    assert fields["weather"]["options"] == ["sun", "rain"] and fields["weather"]["hint"] == "What the sky did"
    assert data["rules"]["diary"]["required"]["weather"] == "Weather: missing (required for a diary entry)"


def test_the_editor_can_be_switched_off_and_says_when_its_packages_are_missing(tmp_path, caplog):
    write_film(tmp_path, {"diary/a.md": DIARY})
    assert not (build_film(tmp_path, MARQUEE_EDITOR={**EDITOR, "enabled": False}) / "admin").exists()
    assert not (build_film(tmp_path) / "admin").exists()  # no repository to save to: only `invoke edit` has one
    output = build_film(tmp_path, MARQUEE_EDITOR={**EDITOR, "modules": str(tmp_path / "nowhere")})
    assert not (output / "admin").exists()
    assert any(
        "editor at /admin/ is not built" in r.getMessage() and "make site" in r.getMessage() for r in caplog.records
    )


def test_bad_editor_settings_are_named():
    from marquee.settings import editor

    for raw, words in [
        ({"repo": "just-a-name"}, 'repo "just-a-name" is not "owner/name"'),
        ({"base_url": "javascript:alert(1)"}, "base_url"),
        ({"colour": "red"}, "unknown key(s) colour"),
    ]:
        with pytest.raises(ValueError, match=re.escape(words)):
            editor.read(raw)
    assert editor.read({"repo": "me/film", "base_url": "https://auth.example"}).backend == {
        "name": "github",
        "repo": "me/film",
        "branch": "main",
        "base_url": "https://auth.example",
    }


def test_chapters_written_as_a_yaml_list_are_the_episodes_chapters(tmp_path):
    """What the editor writes for an episode's chapters: a YAML list, a comma inside a title kept."""
    from pelican import Pelican

    write_film(
        tmp_path,
        {
            "interviews/e1.md": (
                "---\ntitle: Off Set 1\ndate: 2026-06-01 10:00\nseries: Off Set\nepisode: 1\nguests: Ana Ruiz (director)\n"
                "video: https://www.youtube.com/watch?v=aaaaaaaaaaa\nchapters:\n  - 00:00 Hello\n  - '04:10 Rain, wind and the pier'\n---\n\nThe first.\n"
            )
        },
    )
    pelican = Pelican(fixture_settings(tmp_path))
    pelican.run()
    page = (tmp_path / "output" / "interviews" / "e1" / "index.html").read_text(encoding="utf-8")
    assert "Rain, wind and the pier" in page and "04:10" in page


def test_chapters_given_twice_are_named(tmp_path):
    from marquee.check import check

    content = write_film(
        tmp_path,
        {"interviews/e1.md": EPISODE.replace("Video:", "Chapters: 00:00 Hi\nVideo:") + "\n## Chapters\n\n- 00:00 Hi\n"},
    )
    conf = tmp_path / "conf.py"
    conf.write_text(f"{FILM_SETTINGS}PATH = {str(content)!r}\nMARQUEE_WALLS = []\n")
    problems = [str(p) for p in check(conf)]
    assert any("Chapters: given twice" in p for p in problems), problems


# --- end to end: the real Decap CMS through `invoke edit`, at a phone's size ----------------------


@pytest.fixture
def editing(tmp_path):
    """`invoke edit` on a fixture film: yields (site URL, content folder, settings file)."""
    content = write_film(tmp_path, {"diary/a.md": DIARY, "interviews/e1.md": EPISODE})
    with live_preview(
        tmp_path, content, "edit", "--editor-port", str(free_port()), settings="TIMEZONE = 'Europe/Dublin'\n"
    ) as (site, conf):
        yield site, content, conf


def _listening(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.parametrize("stop", ["terminate", "kill"])
def test_the_editors_proxy_stops_with_invoke_edit(tmp_path, stop, monkeypatch):
    """Stopped (SIGTERM) or killed (SIGKILL), `invoke edit` leaves no decap-server running."""
    import signal
    import subprocess
    import time

    port = free_port()
    content = write_film(tmp_path, {"diary/a.md": DIARY})
    started = []  # the invoke process live_preview starts
    original = subprocess.Popen

    class Recorded(original):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self)

    monkeypatch.setattr(subprocess, "Popen", Recorded)
    with live_preview(tmp_path, content, "edit", "--editor-port", str(port)):
        assert _listening(port)
        if stop == "kill":
            started[-1].send_signal(signal.SIGKILL)
            started[-1].wait(timeout=30)
    deadline = time.monotonic() + 30
    while _listening(port) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _listening(port), "decap-server outlived invoke edit"


def _choose(page, field: str, option: str) -> None:
    """Pick `option` in a Decap select (react-select) by typing it."""
    page.locator(f'[id^="{field}-field-"]').click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")


def _publish(page) -> None:
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()


def _saved(page, slug: str) -> None:
    """Publish; a new entry is saved when the editor moves to its page."""
    _publish(page)
    page.wait_for_url(
        re.compile(rf"/entries/{re.escape(slug)}$"), timeout=60_000
    )  # a bound: two suites on 2 cores slow the save


def _refused(page, words: str) -> None:
    """Publish; the editor refuses, saying `words`."""
    _publish(page)
    page.locator(".Toastify__toast", has_text=words).first.wait_for(timeout=15_000)


def _write_body(page, text: str) -> None:
    page.locator('[data-slate-editor="true"]').click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def _front_matter(path: Path) -> dict:
    import yaml

    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), text
    return yaml.safe_load(text.split("---\n")[1])


@pytest.mark.browser
@pytest.mark.slow
def test_a_producer_writes_from_a_phone_with_the_real_editor(editing, tmp_path):
    from browsing import CHROMIUM, CHROMIUM_ARGS
    from marquee.check import check
    from playwright.sync_api import expect, sync_playwright

    site, content, conf = editing
    # What `invoke check` says of an episode without guests: the editor must say the same.
    (content / "interviews" / "no-guests.md").write_text(
        EPISODE.replace("Guests: Ana Ruiz (director)\n", "").replace("Episode: 1", "Episode: 9")
    )
    said = [p.message.split("no-guests.md: ", 1)[1] for p in check(conf) if "no-guests.md: Guests:" in p.message]
    (content / "interviews" / "no-guests.md").unlink()
    assert said == ['Guests: missing (required for an episode; expected "Name (role), Name (role)")']
    guests_missing = said[0]
    photo = tmp_path / "cliffs.jpg"
    photo.write_bytes(jpeg(1600, 1200))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        failed = []
        elsewhere = re.compile(r"(?!https?://127\.0\.0\.1[:/])(https?|wss?|ftp):")  # blob: and data: stay in the page
        page.on("request", lambda r: failed.append(r.url) if elsewhere.match(r.url) else None)
        page.goto(f"{site}/admin/")
        page.get_by_role("button", name="Login").click()

        # A diary entry with a photo and its alt text: shoot day and place pre-filled.
        page.goto(f"{site}/admin/#/collections/diary/new")
        expect(page.locator('[id^="shoot-day-field-"]')).to_have_value("4")
        assert page.locator('[id^="location-field-"]').input_value() == "Inis Mór"
        page.locator('[id^="title-field-"]').fill("Day 4: the cliffs")
        page.get_by_text("Choose an image").click()
        page.set_input_files("input[type=file]", str(photo))
        page.get_by_role("button", name="Choose selected").click()
        _choose(page, "status", "published")
        _write_body(page, "Wind all day; we shot the cliff walk at noon.")
        _refused(page, "Image-Alt: missing (required when Image is given; expected a sentence describing the image)")
        page.locator('[id^="image-alt-field-"]').fill("Cliffs over a grey sea, the crew small at the edge.")
        _saved(page, "day-4-the-cliffs")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling on a phone

        # An episode: a required field left empty is refused in `invoke check`'s words.
        page.goto(f"{site}/admin/#/collections/interviews/new")
        expect(page.locator('[id^="series-field-"]')).to_have_value("Off Set")  # the form is ready
        assert page.locator('[id^="episode-field-"]').input_value() == "2"
        page.locator('[id^="title-field-"]').fill("Off Set 2")
        page.locator('[id^="video-field-"]').fill("https://www.youtube.com/watch?v=bbbbbbbbbbb")
        _choose(page, "status", "published")
        _write_body(page, "Ana on the second week.")
        page.get_by_role("button", name=re.compile("Add chapters", re.I)).click()
        page.locator('[id^="chapters-field-"] input, input[id^="chapter-field-"]').last.fill("00:00 Hello")
        page.get_by_role("button", name=re.compile("Add chapters", re.I)).click()
        page.locator('input[id^="chapter-field-"]').last.fill("03:10 Rain, wind and the pier")
        _refused(page, guests_missing)
        assert not (content / "interviews" / "off-set-2.md").exists()
        page.locator('[id^="guests-field-"]').fill("Ana Ruiz (director), Tom Byrne (gaffer)")
        _saved(page, "off-set-2")

        # An event in another time zone.
        page.goto(f"{site}/admin/#/collections/events/new")
        expect(page.locator('[id^="start-field-"]')).not_to_have_value("")
        page.locator('[id^="title-field-"]').fill("New York screening")
        _choose(page, "event-timezone", "America/New_York")
        page.locator('[id^="start-field-"]').fill("2027-03-14T19:30")
        page.locator('[id^="venue-field-"]').fill("IFC Center")
        _choose(page, "status", "published")
        _write_body(page, "The film's first screening in America.")
        page.locator('[id^="end-field-"]').fill("2027-03-14T18:00")
        _refused(page, 'End: "2027-03-14 18:00" is not after Start "2027-03-14 19:30"')  # as the build says it
        page.locator('[id^="end-field-"]').fill("2027-03-14T22:00")
        _saved(page, "new-york-screening")
        assert failed == []  # the editor asked no other host for anything

        # What the editor wrote: YAML front matter with the build's own field names.
        diary = _front_matter(content / "diary" / "day-4-the-cliffs.md")
        assert diary["title"] == "Day 4: the cliffs" and diary["shoot-day"] == 4 and diary["phase"] == "production"
        assert (
            diary["image"] == "images/diary/cliffs.jpg"
            and (content / "images" / "diary" / "cliffs.jpg").read_bytes() == photo.read_bytes()
        )
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", diary["date"])  # stamped on save
        episode = _front_matter(content / "interviews" / "off-set-2.md")
        assert episode["chapters"] == ["00:00 Hello", "03:10 Rain, wind and the pier"] and episode["episode"] == 2
        event = _front_matter(content / "events" / "new-york-screening.md")
        assert event["event-timezone"] == "America/New_York" and (event["start"], event["end"]) == (
            "2027-03-14 19:30",
            "2027-03-14 22:00",
        )

        browser.close()

    # A build shows them.
    from pelican import Pelican
    from pelican.settings import read_settings

    output = tmp_path / "built"
    Pelican(read_settings(str(conf), override={"OUTPUT_PATH": str(output)})).run()
    diary_page = (output / "diary" / "day-4-the-cliffs" / "index.html").read_text(encoding="utf-8")
    assert "Day 4: the cliffs" in diary_page and "Cliffs over a grey sea" in diary_page and "Wind all day" in diary_page
    episode_page = (output / "interviews" / "off-set-2" / "index.html").read_text(encoding="utf-8")
    assert "Rain, wind and the pier" in episode_page and "Tom Byrne" in episode_page
    event_page = (output / "events" / "new-york-screening" / "index.html").read_text(encoding="utf-8")
    assert "IFC Center" in event_page and "2027-03-14T19:30:00-04:00" in event_page  # New York's offset that day
    assert [str(p) for p in check(conf) if p.level == "error"] == []


@pytest.mark.browser
@pytest.mark.slow
def test_a_translation_is_written_in_the_editor_beside_its_original(editing):
    """The Spanish collection offers the posts to translate by title and saves the version as
    <slug>.es.md, which the build publishes in the Spanish edition linked to its original."""
    from browsing import CHROMIUM, CHROMIUM_ARGS
    from pelican import Pelican
    from pelican.settings import read_settings
    from playwright.sync_api import sync_playwright

    site, content, conf = editing
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        page.goto(f"{site}/admin/")
        page.get_by_role("button", name="Login").click()
        page.goto(f"{site}/admin/#/collections/diary-es/new")
        page.locator('[id^="title-field-"]').fill("Día 3: el muelle")
        _choose(page, "status", "published")
        _write_body(page, "Viento todo el día.")
        _refused(page, "Translation of: missing (expected the post this translates)")
        page.locator('[id^="slug-field-"]').click()
        page.keyboard.type("A day")  # the original, found by its title
        page.get_by_role("option", name="A day").first.click()
        _saved(page, "a.es")
        browser.close()
    written = _front_matter(content / "diary" / "a.es.md")
    assert (written["lang"], written["slug"], written["title"]) == ("es", "a", "Día 3: el muelle")
    assert "lang" not in _front_matter_or_lines(content / "diary" / "a.md")  # the original is untouched
    output = content.parent / "built"
    Pelican(read_settings(str(conf), override={"OUTPUT_PATH": str(output)})).run()
    spanish = (output / "es" / "diary" / "a" / "index.html").read_text(encoding="utf-8")
    assert "Día 3: el muelle" in spanish and 'hreflang="en" href="http://127.0.0.1:8000/diary/a/"' in spanish


def _front_matter_or_lines(path: Path) -> dict:
    from marquee.scaffold import read_fields

    return read_fields(path)
