"""The browser editor at /admin/: its configuration comes from the content types' schemas on every
build, and the real Sveltia CMS, driven in Chromium at a phone's size, signs in with a token to a
loopback GitHub holding a real git repository and commits posts the build reads; it refuses what the
build refuses."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import (
    FILM_SETTINGS,
    build_film,
    fixture_settings,
    write_film,
)
from tiny_images import jpeg

DIARY = "Title: A day\nDate: 2026-05-01 10:00\nPhase: production\nShoot-Day: 3\nLocation: Inis Mór\nGeo: 53.1, -9.7\n\nWe began.\n"
EPISODE = (
    "Title: Off Set 1\nDate: 2026-06-01 10:00\nSeries: Off Set\nEpisode: 1\nGuests: Ana Ruiz (director)\n"
    "Video: https://www.youtube.com/watch?v=aaaaaaaaaaa\n\nThe first.\n"
)


EDITOR = {"repo": "me/fixture-film"}
ABOUT = (
    "Title: About the film\nSlug: about\nSummary: A short film.\n\nA film about the island.\n\n"
    "## Cast\n\n| Role | Actor |\n|---|---|\n| Máire | Ana Ruiz |\n"
)


def editor_data(output: Path) -> dict:
    page = (output / "admin" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="marquee-editor">(.*?)</script>', page, re.S)
    return json.loads(found[1])


def test_the_editor_is_generated_from_the_schemas_on_every_build(tmp_path):
    """Every field of every content type, with its label, choices, format check and help; the
    required ones refused in the build's words; pre-filled like `invoke new`; nothing from a CDN."""
    from marquee.content import validate
    from marquee.editor.config import label

    write_film(tmp_path, {"diary/a.md": DIARY, "interviews/e1.md": EPISODE})
    output = build_film(tmp_path, TIMEZONE="Europe/Dublin", MARQUEE_EDITOR=EDITOR)
    data = editor_data(output)
    collections = {c["name"]: c for c in data["config"]["collections"]}
    sections = {"diary", "interviews", "events", "press", "contests"}
    spanish_versions = {f"{s}-es" for s in sections}
    assert set(collections) == sections | spanish_versions | {"pages", "film"}  # and the film's facts
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
            assert fields[field.key]["label"] == label(field)
        assert collections[section]["folder"] == f"content/{section}"
        assert collections[section]["media_folder"] == f"/content/images/{section}"
        for field in module.SCHEMA:
            if field.required:
                expected = f"{field.name}: {field.missing(module.KIND)}"
                assert data["rules"][section]["required"][field.key] == expected
    diary = {f["name"]: f for f in collections["diary"]["fields"]}
    assert diary["phase"]["widget"] == "select"
    assert {"label": "Post-production", "value": "post-production"} in diary["phase"][
        "options"
    ]  # words shown, value written
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
    assert diary["shoot-day"]["label"] == "Shoot day" and diary["phase"]["label"] == "Phase — needed"
    assert diary["geo"]["label"] == "Map position"
    assert diary["image-alt"]["label"] == "Photo description — needed with a photo"
    assert "default" not in diary["body"] and diary["body"]["hint"] == "What happened today, in your own words."
    assert collections["diary"]["editor"] == {"preview": True} and diary["body"]["sanitize_preview"] is True
    assert [o["value"] for o in diary["status"]["options"]] == ["draft", "review", "published"] and diary["status"][
        "default"
    ] == "draft"
    assert data["config"]["backend"] == {
        "name": "github",
        "repo": "me/fixture-film",
        "branch": "main",
        "auth_methods": ["token"],  # no OAuth proxy: no "Sign In with GitHub" that cannot work
    }
    assert data["config"]["app_title"] == "Fixture Film · Editor"
    transform = data["config"]["media_libraries"]["default"]["config"]["transformations"]["raster_image"]
    assert (transform["width"], transform["height"]) == (2560, 2560)  # a phone's photo is made smaller before upload

    page = (output / "admin" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing loaded from another host
    bundle = (output / "admin" / "sveltia-cms.js").read_text(encoding="utf-8")
    assert len(bundle) > 1_000_000
    assert "cdn.jsdelivr.net" not in bundle and "https://unpkg.com/" not in bundle  # its fonts and parts are local
    for font in re.findall(r"fonts/[a-z0-9-]+\.woff2", bundle):
        assert (output / "admin" / font).stat().st_size > 1000, font
    for module in set(re.findall(r"\./modules/\$\{[^}]+\}", bundle)):  # `./modules/${name}@${version}/${file}`
        assert module  # the files themselves are listed below
    assert (output / "admin" / "modules" / "immutable@5.1.9" / "dist" / "immutable.es.js").is_file()
    assert json.loads((output / "admin" / "sveltia" / "package.json").read_text())["name"] == "@sveltia/cms"
    assert (output / "admin" / "js-yaml.min.js").is_file() and (output / "admin" / "marquee-editor.js").is_file()
    first = {p.relative_to(output): p.read_bytes() for p in (output / "admin").rglob("*") if p.is_file()}
    build_film(tmp_path, TIMEZONE="Europe/Dublin", MARQUEE_EDITOR=EDITOR)
    again = {p.relative_to(output): p.read_bytes() for p in (output / "admin").rglob("*") if p.is_file()}
    assert again == first  # byte-identical


def test_a_spanish_first_sites_editor_speaks_spanish_and_writes_the_same_values(tmp_path):
    """Labels, hints and choices in the site's language (the theme's catalog); what is written to
    the file (field names, choice values) and the save rules (the build's words) stay as they are."""
    from marquee.content import validate
    from marquee.editor.config import LABELS

    write_film(tmp_path, {"diary/a.md": DIARY})
    english = editor_data(build_film(tmp_path, MARQUEE_LANGUAGES={}, MARQUEE_EDITOR=EDITOR))
    output = build_film(tmp_path, DEFAULT_LANG="es", MARQUEE_LANGUAGES={}, MARQUEE_EDITOR=EDITOR)
    data = editor_data(output)
    assert data["language"] == "es"
    collections = {c["name"]: c for c in data["config"]["collections"]}
    diary = {f["name"]: f for f in collections["diary"]["fields"]}
    assert (diary["title"]["label"], diary["date"]["label"], diary["shoot-day"]["label"]) == (
        "Título",
        "Fecha",
        "Día de rodaje",
    )
    assert diary["phase"]["label"] == "Fase — necesario" and diary["geo"]["label"] == "Posición en el mapa"
    assert diary["image-alt"]["label"] == "Descripción de la foto — necesaria con una foto"
    assert {"label": "Posproducción", "value": "post-production"} in diary["phase"]["options"]
    assert [o["label"] for o in diary["status"]["options"]] == ["Borrador", "Lista para revisar", "Publicada"]
    assert [o["value"] for o in diary["status"]["options"]] == ["draft", "review", "published"]
    assert diary["image"]["hint"].startswith("Una foto de tu teléfono: se reduce a 2560 px")
    assert collections["diary"]["label_singular"] == "entrada del diario"
    assert collections["pages"]["label"] == "Páginas" and collections["film"]["label"] == "La película"
    assert data["config"]["app_title"] == "Fixture Film · Editor"
    # Every label and hint of every type is in the catalog: none left in English.
    for section in validate.TYPES:
        fields = {f["name"]: f for f in collections[section]["fields"]}
        theirs = {f["name"]: f for f in {c["name"]: c for c in english["config"]["collections"]}[section]["fields"]}
        assert set(fields) == set(theirs)  # the same fields, written with the same names
        for name, field in fields.items():
            if name in LABELS or name in {"title", "date", "status", "image", "image-alt", "summary", "tags", "body"}:
                assert field["label"] != theirs[name]["label"], (section, name)
            if field.get("hint") and name != "body":  # the body's hint is the content type's own prompt
                assert field["hint"] != theirs[name].get("hint"), (section, name)
            assert bool(field.get("hint")) == bool(theirs[name].get("hint")), (section, name)  # no hint, no hint
    assert "Project-Id-Version" not in json.dumps(data)  # gettext("") is the catalog's header, never a label
    assert data["rules"] == english["rules"]  # refusals are said in the build's words, as invoke check says them


def test_a_schema_change_reaches_the_editor_with_the_next_build(tmp_path, monkeypatch):
    from marquee.content import diary
    from marquee.content import fields as f

    write_film(tmp_path, {"diary/a.md": DIARY.replace("Phase:", "Weather: rain\nPhase:")})
    weather = f.Field("Weather", f.choice(("sun", "rain"), "a weather"), required=True, help="What the sky did")
    monkeypatch.setattr(diary, "SCHEMA", (*diary.SCHEMA, weather))
    data = editor_data(build_film(tmp_path, MARQUEE_EDITOR=EDITOR))
    fields = {f["name"]: f for c in data["config"]["collections"] if c["name"] == "diary" for f in c["fields"]}
    assert [o["value"] for o in fields["weather"]["options"]] == ["sun", "rain"]
    assert fields["weather"]["hint"] == "What the sky did"
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
        "auth_methods": ["oauth", "token"],
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


# --- end to end: the real Sveltia CMS signing in with a token to a loopback GitHub, at a phone's size --


PHONES = {"390x844": {"width": 390, "height": 844}, "360x740": {"width": 360, "height": 740}}
LOOPBACK = re.compile(r"(https?|wss?)://127\.0\.0\.1[:/]")


class Editing:
    """A fixture film in a git repository behind a loopback GitHub, its site (with /admin/) served
    on loopback, and a phone's browser context that may ask nothing of any other host."""

    def __init__(self, tmp_path: Path, browser, viewport: dict, shots: str):
        import functools
        import http.server
        import threading

        from servers.github import GitHubServer, Token, bare_repository

        self.tmp, self.shots, self.step, self.width = tmp_path, shots, 0, viewport["width"]
        film = tmp_path / "film"
        write_film(
            film,
            {
                "diary/a.md": DIARY,
                "interviews/e1.md": EPISODE,
                "images/poster.jpg": jpeg(600, 900),
                "pages/about.md": ABOUT,
            },
        )
        self.bare = bare_repository(tmp_path, film)
        tokens = {
            "github_pat_producer": Token(repos=("me/film",)),
            "github_pat_read_only": Token(login="intern", name="Intern", repos=("me/film",), write=False),
            "github_pat_other_repo": Token(login="other", name="Other", repos=("me/other",)),
        }
        self.github = GitHubServer(self.bare, "me/film", tokens).__enter__()
        editor = {"repo": "me/film", "api_root": f"{self.github.url}/api/v3"}
        poster = {"title": "Fixture Film", "poster": "images/poster.jpg", "poster_alt": "The poster: a cliff at dusk."}
        output = build_film(film, MARQUEE_EDITOR=editor, MARQUEE_FILM=poster, TIMEZONE="Europe/Dublin")
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
        handler.log_message = lambda *args: None
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.site = f"http://127.0.0.1:{self.server.server_port}"
        self.elsewhere: list[str] = []  # requests off loopback (refused)
        self.context = browser.new_context(
            # The producer's phone is at a festival in New York; the film's site is in Dublin.
            viewport=viewport,
            is_mobile=True,
            has_touch=True,
            locale="en-IE",
            timezone_id="America/New_York",
        )
        self.context.route("**/*", self._only_loopback)
        self.page = self.context.new_page()
        self.console: list[str] = []  # what the editor said went wrong, for a failing test's message
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.console.append(m.text[:500]))
        self.page.on("pageerror", lambda e: self.console.append(str(e)[:500]))
        self.asked: list[str] = []
        self.page.on("request", lambda r: self.asked.append(r.url))
        self.missing: list[str] = []  # what the editor asked the site for and did not get
        self.page.on(
            "response", lambda r: r.url.startswith(self.site) and r.status >= 400 and self.missing.append(r.url)
        )
        self.page.set_default_timeout(30_000)  # a bound: two suites on 2 cores slow the editor

    def _only_loopback(self, route):
        if LOOPBACK.match(route.request.url) or not re.match(r"(https?|wss?|ftp):", route.request.url):
            route.continue_()  # blob: and data: stay in the page
        else:
            self.elsewhere.append(route.request.url)
            route.abort()

    def shot(self, name: str) -> None:
        from browsing import SHOTS

        SHOTS.mkdir(parents=True, exist_ok=True)
        self.step += 1
        self.page.screenshot(path=str(SHOTS / f"editor-{self.shots}-{self.step:02d}-{name}.png"))

    def serious_violations(self) -> list[str]:
        """axe's serious and critical findings on the screen shown."""
        from browsing import AXE

        self.page.add_script_tag(path=str(AXE))
        return self.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".filter(v => ['serious', 'critical'].includes(v.impact))"
            ".map(v => `${v.id}: ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)"
        )

    def sign_in(self, token: str = "github_pat_producer") -> None:
        from playwright.sync_api import expect

        page = self.page
        page.goto(f"{self.site}/admin/")
        expect(page.get_by_role("heading", name="Fixture Film · Editor")).to_be_visible()
        expect(page.locator("img").first).to_be_visible()
        assert any(
            url.endswith("/images/poster.480.jpg") for url in self.asked
        )  # the film's poster, not Sveltia's mark
        self.sign_in_violations = self.serious_violations()
        page.get_by_role("button", name="Sign In Using Access Token").click()
        self.shot("token")
        page.get_by_role("textbox").fill(token)
        page.get_by_role("button", name="Sign In", exact=True).click()

    def new_entry(self, collection: str) -> None:
        self.page.goto(f"{self.site}/admin/#/collections/{collection}/new")
        self.page.get_by_role("textbox", name="Title").wait_for()

    def upload_photo(self, path: Path) -> None:
        from playwright.sync_api import expect

        page = self.page
        page.get_by_role("button", name="Browse").click()
        dialog = page.get_by_role("dialog")
        with page.expect_file_chooser() as chooser:
            dialog.get_by_role("button", name="Upload").click()
        chooser.value.set_files(str(path))
        # Resized and re-encoded in the browser first: chosen when its thumbnail shows.
        page.wait_for_function(
            "() => [...document.querySelectorAll('[role=dialog] img')].some(i => i.complete && i.naturalWidth > 0)"
        )
        self.shot("photo-chosen")
        insert = dialog.get_by_role("button", name="Insert")
        expect(insert).to_be_enabled()  # aria-disabled until the photo is ready
        insert.click()
        page.get_by_role("button", name="Replace Image").wait_for()  # the field holds it

    def write_text(self, text: str) -> None:
        body = self.page.get_by_role("textbox", name="Text")
        for _ in range(20):  # Sveltia draws a field's editor when it comes into view: scroll, as a thumb does
            if body.count():
                break
            self.page.mouse.wheel(0, 600)
            self.page.wait_for_timeout(100)
        body.click()
        self.page.keyboard.type(text)

    def preview(self, text: str) -> None:
        """The eye button: the entry as read, the body's text among it (drawn as it scrolls into
        view); and back to the form."""
        page = self.page
        page.get_by_role("button", name="Preview").click()
        shown = page.locator("[role=document] [data-key-path=body]")
        page.mouse.move(self.width // 2, 400)
        for _ in range(30):
            if shown.count() and text in shown.inner_text():
                break
            page.mouse.wheel(0, 600)
            page.wait_for_timeout(100)
        assert text in shown.inner_text()
        self.shot("preview")
        page.get_by_role("button", name="Preview").click()

    def save(self) -> None:
        self.page.get_by_role("button", name="Save", exact=True).click()

    def saved(self, count: int, listed: str) -> None:
        """Save; wait (bounded) until the loopback GitHub holds `count` commits from the editor and
        the collection lists `listed`."""
        self.save()
        try:
            _poll(
                self.page,
                lambda: len(self.github.commits) >= count,
                f"{count} commit(s) from the editor",
                [*self.console, *self.github.refused_queries],
            )
            self.page.get_by_text(listed).first.wait_for()
        finally:
            self.shot("saved")

    def refused(self, words: str) -> None:
        """Save; the editor says `words` and commits nothing."""
        before = len(self.github.commits)
        self.save()
        self.page.get_by_text(words, exact=False).first.wait_for()
        self.shot("refused")
        assert len(self.github.commits) == before

    def dismiss(self) -> None:
        """OK on the error dialog, and wait until it is gone (typing meanwhile lands elsewhere)."""
        from playwright.sync_api import expect

        self.page.get_by_role("button", name="OK").click()
        expect(self.page.get_by_text("There was an error while saving the entry.")).to_be_hidden()

    def clone(self) -> Path:
        import subprocess

        work = self.tmp / f"clone-{len(self.github.commits)}"
        subprocess.run(["git", "clone", "-q", str(self.bare), str(work)], check=True, capture_output=True, timeout=60)
        return work

    def close(self) -> None:
        self.context.close()
        self.server.shutdown()
        self.server.server_close()
        self.github.__exit__(None, None, None)


def _poll(page, done, what: str, said: list | None = None, seconds: float = 60) -> None:
    """Until done(), for `seconds` at most. It waits in Playwright, not in time.sleep: the page's
    requests pass through this process's route handler, which runs only while Playwright waits."""
    import time

    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, f"no {what} within {seconds} s; the page said {said}"
        page.wait_for_timeout(100)


@pytest.fixture
def phone_browser():
    from browsing import chromium

    with chromium() as browser:
        yield browser


@pytest.fixture
def editing(tmp_path, phone_browser, request):
    phone = getattr(request, "param", "390x844")
    session = Editing(tmp_path, phone_browser, PHONES[phone], f"{request.node.originalname}-{phone}")
    yield session
    session.close()
    assert session.elsewhere == []  # the editor asked no other host for anything
    assert session.github.unknown == []  # nor GitHub for anything the fake does not know
    assert session.github.refused_queries == []
    assert session.missing == []  # every part of the editor it loaded is in the site


def _front_matter(path: Path) -> dict:
    import yaml

    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), text
    return yaml.safe_load(text.split("---\n")[1])


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("editing", list(PHONES), indirect=True)
def test_a_producer_writes_a_diary_entry_with_a_phone_photo_from_a_phone(editing):
    """Token sign-in, a new diary entry with a 12 MP phone photo (turned by EXIF, with GPS), saved
    as one commit: the photo resized and upright without its location, the site built from the
    commit shows the entry."""
    from marquee.media.location import location_in
    from PIL import Image
    from tiny_images import phone_photo

    page = editing.page
    photo = editing.tmp / "IMG_4022.JPG"
    photo.write_bytes(phone_photo())  # 4032×3024, orientation 6, GPS, make and model
    editing.sign_in()
    page.get_by_text("Production diary").first.wait_for()
    editing.shot("signed-in")
    editing.new_entry("diary")
    shoot_day = page.get_by_role("spinbutton", name=re.compile("Shoot day"))
    assert shoot_day.input_value() == "4"  # the next shoot day, as `invoke new` fills it
    assert page.get_by_role("textbox", name=re.compile("Location")).input_value() == "Inis Mór"
    assert page.get_by_role("radio", name=re.compile("^Draft")).is_checked()  # a draft until said otherwise
    page.get_by_role("textbox", name="Title").fill("Day 4: the cliffs")
    page.get_by_role("radio", name=re.compile("^Published")).click()
    editing.upload_photo(photo)
    page.get_by_role("textbox", name=re.compile("Photo description")).fill(
        "Cliffs over a grey sea, the crew small at the edge."
    )
    editing.write_text("Wind all day; we shot the cliff walk at noon.")
    editing.shot("written")
    editing.preview("Wind all day; we shot the cliff walk at noon.")
    screens = {"entry": editing.serious_violations()}
    small = page.evaluate(
        """() => [...document.querySelectorAll('button, [role=button], [role=radio], [role=switch], input')]
            .map(b => [b.getAttribute('aria-label') || b.textContent.trim(), b.getBoundingClientRect()])
            .filter(([, r]) => r.width > 0 && r.height > 0 && (r.width < 24 || r.height < 24))
            .map(([name, r]) => `${name} ${r.width}×${r.height}`)"""
    )
    assert small == []  # every control a thumb can tap is at least 24 px each way (WCAG 2.2 target size)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONES[editing.shots.rsplit("-", 1)[1]]["width"]
    editing.saved(1, "Day 4: the cliffs")
    screens["list"] = editing.serious_violations()
    screens["sign-in"] = editing.sign_in_violations
    assert screens == {"entry": [], "list": [], "sign-in": []}  # axe, at phone size

    work = editing.clone()
    written = (work / "content" / "diary" / "day-4-the-cliffs.md").read_text(encoding="utf-8")
    entry = _front_matter(work / "content" / "diary" / "day-4-the-cliffs.md")
    assert "image" in entry, written
    assert (entry["title"], entry["status"], entry["shoot-day"], entry["location"]) == (
        "Day 4: the cliffs",
        "published",
        4,
        "Inis Mór",
    )
    stamped = dt.datetime.strptime(entry["date"], "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo("Europe/Dublin"))
    assert abs(dt.datetime.now(dt.UTC) - stamped) < dt.timedelta(minutes=5)  # stamped on save, in the site's zone
    assert entry["image"] == "/images/diary/img_4022.webp"  # Sveltia's form of the path: the build reads it
    stored = work / "content" / "images" / "diary" / "img_4022.webp"
    with Image.open(stored) as img:
        assert img.size == (1920, 2560)  # upright (orientation 6 applied) and at most 2560 px
        assert img.getpixel((1900, 10))[2] > 120  # the blue mark, turned to the top-right corner
    assert location_in(stored) == ""
    assert b"Pocket 15 Pro" not in stored.read_bytes() and b"Phonemaker" not in stored.read_bytes()

    output = build_film(work)
    built = (output / "diary" / "day-4-the-cliffs" / "index.html").read_text(encoding="utf-8")
    assert "Day 4: the cliffs" in built and "Cliffs over a grey sea" in built and "Wind all day" in built
    assert re.search(r'<img[^>]+src="[^"]*img_4022[^"]*"[^>]*alt="Cliffs over a grey sea', built)


def test_invoke_edit_builds_the_editor_for_the_project_folder_without_a_repository(tmp_path):
    """`invoke edit` sets `local`: /admin/ is written with no repo, for "Work with Local Repository"."""
    write_film(tmp_path, {"diary/a.md": DIARY})
    data = editor_data(build_film(tmp_path, MARQUEE_EDITOR={"local": True}))
    assert data["config"]["backend"]["name"] == "github"  # its local mode works through the GitHub backend's UI


@pytest.mark.parametrize(
    "body",
    [
        "What happened todWe moved the gear up the cliff path and did.ay, in your own words.",  # typed into the prompt
        "What happened today, in your own words.",
        "We moved. What happened today, in your own words.",
    ],
)
def test_any_leftover_of_the_prompt_is_refused_in_the_editor_and_the_build(body, tmp_path):
    """`invoke check` (and the editor's save check, which applies the same rule in JavaScript:
    the browser test below) refuse the prompt sentence, whole or with the producer's words typed
    into it; the producer's own words pass."""
    from marquee.check import check
    from marquee.content.problems import leftover
    from marquee.scaffold import PLACEHOLDERS

    write_film(tmp_path, {"diary/a.md": DIARY})
    assert leftover(body, PLACEHOLDERS) == "What happened today, in your own words."
    assert leftover("We moved the gear up the cliff path. What happened was rain.", PLACEHOLDERS) == ""
    name = f"b{len(body)}.md"  # a name of its own: Pelican logs a message once per process
    (tmp_path / "content" / "diary" / name).write_text(DIARY.replace("We began.", body), encoding="utf-8")
    conf = tmp_path / "conf.py"
    conf.write_text(f"{FILM_SETTINGS}PATH = {str(tmp_path / 'content')!r}\nMARQUEE_WALLS = []\n")
    said = [p.message for p in check(conf)]
    assert any(name in p and "the template's text" in p for p in said), said


def _commit_to(bare: Path, files: dict, tmp: Path) -> None:
    """A teammate's push: `files` (path under the repository: text or bytes) committed on main."""
    import subprocess

    work = tmp / f"teammate-{len(list(tmp.glob('teammate-*')))}"
    subprocess.run(["git", "clone", "-q", str(bare), str(work)], check=True, capture_output=True, timeout=60)
    for name, data in files.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    who = ["-c", "user.name=Teammate", "-c", "user.email=teammate@example.org"]
    for args in (["add", "-A"], [*who, "commit", "-qm", "A teammate's post"], ["push", "-q", "origin", "main"]):
        subprocess.run(["git", "-C", str(work), *args], check=True, capture_output=True, timeout=60)


@pytest.mark.browser
@pytest.mark.slow
def test_the_editor_refuses_what_the_build_refuses_and_names_a_taken_photo_anew(editing):
    """The prompt typed into is refused, a photo without its description is refused in the build's
    words, a draft says draft; a photo named like one in the repository is saved under a new name
    beside it, never instead of it; a teammate's push in between is kept."""
    from PIL import Image
    from tiny_images import phone_photo

    taken = io_webp((0, 200, 0))
    _commit_to(
        editing.bare,
        {
            "content/images/diary/img_4022.webp": taken,
            "content/diary/b.md": DIARY.replace("A day", "The green day") + "Image: images/diary/img_4022.webp\n",
        },
        editing.tmp,
    )
    page = editing.page
    photo = editing.tmp / "IMG_4022.JPG"
    photo.write_bytes(phone_photo())
    editing.sign_in()
    editing.new_entry("diary")
    page.get_by_role("textbox", name="Title").fill("Day 5: again")
    editing.write_text("What happened todWe moved the gear up the cliff path.ay, in your own words.")
    editing.refused("Text: part of the prompt is still in it: write it in your own words")
    editing.dismiss()
    page.get_by_role("textbox", name="Text").click()
    page.keyboard.press("Control+A")
    page.keyboard.type("We moved the gear up the cliff path.")
    editing.upload_photo(photo)
    editing.refused("Photo description: missing (needed with a photo; expected a sentence saying what it shows)")
    editing.dismiss()
    _commit_to(editing.bare, {"content/diary/c.md": DIARY.replace("A day", "Pushed meanwhile")}, editing.tmp)
    page.get_by_role("textbox", name=re.compile("Photo description")).fill("The gear on the cliff path.")
    editing.saved(1, "Day 5: again · Draft")  # the list says what it is
    assert "published" not in page.get_by_text("Day 5: again").first.inner_text().lower()

    work = editing.clone()
    entry = _front_matter(work / "content" / "diary" / "day-5-again.md")
    assert entry["status"] == "draft" and entry["image"] == "/images/diary/img_4022-1.webp"
    assert (work / "content" / "images" / "diary" / "img_4022.webp").read_bytes() == taken  # the other photo kept
    with Image.open(work / "content" / "images" / "diary" / "img_4022-1.webp") as img:
        assert img.size == (1920, 2560)
    assert (work / "content" / "diary" / "c.md").is_file()  # the teammate's push is under the editor's commit


def io_webp(colour) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), colour).save(buffer, "WEBP")
    return buffer.getvalue()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize(
    "token, words",
    [
        ("github_pat_revoked", "The provided token is invalid"),  # GitHub: 401 Bad credentials
        ("github_pat_other_repo", "You don’t have access to the"),  # granted another repository only
    ],
)
def test_a_token_that_cannot_sign_in_is_told(editing, token, words):
    editing.sign_in(token)
    editing.page.get_by_text(words).first.wait_for()
    editing.shot("refused")
    assert editing.github.commits == []


@pytest.mark.browser
@pytest.mark.slow
def test_a_read_only_token_is_told_why_nothing_was_saved(editing):
    editing.sign_in("github_pat_read_only")
    editing.new_entry("diary")
    editing.page.get_by_role("textbox", name="Title").fill("Day 5")
    editing.write_text("We moved the gear up the cliff path.")
    editing.refused("Resource not accessible by personal access token")  # GitHub's words, as it says them


@pytest.mark.browser
@pytest.mark.slow
def test_a_post_waits_for_review_and_the_lead_publishes_it_from_a_phone(editing):
    """A crew member saves "Ready for review": the public build leaves it out; the lead opens it on
    a phone, chooses Published and saves; the next public build has it."""
    page = editing.page
    editing.sign_in()
    editing.new_entry("diary")
    page.get_by_role("textbox", name="Title").fill("Day 5: the pier")
    page.get_by_role("radio", name=re.compile("^Ready for review")).click()
    editing.write_text("We shot on the pier at dawn.")
    editing.saved(1, "Day 5: the pier · Ready for review")
    public = build_film(editing.clone(), **PUBLIC)
    assert (
        not (public / "diary" / "day-5-the-pier").exists()
        and "the pier" not in (public / "feeds" / "all.atom.xml").read_text()
    )

    page.get_by_text("Day 5: the pier").first.click()  # the lead, on the list
    page.get_by_role("radio", name=re.compile("^Published")).click()
    editing.saved(2, "Day 5: the pier · Published")
    work = editing.clone()
    assert _front_matter(work / "content" / "diary" / "day-5-the-pier.md")["status"] == "published"
    assert "We shot on the pier" in (build_film(work, **PUBLIC) / "diary" / "day-5-the-pier" / "index.html").read_text()


PUBLIC = {"DRAFT_SAVE_AS": "", "DRAFT_LANG_SAVE_AS": "", "MARQUEE_PUBLISHING": True}  # publishconf.py's


def test_status_review_is_built_as_a_draft_into_previews_only(tmp_path):
    write_film(
        tmp_path,
        {
            "diary/a.md": DIARY,
            "diary/b.md": DIARY.replace("A day", "Waiting").replace("Phase:", "Status: review\nPhase:"),
        },
    )
    preview = build_film(tmp_path)
    assert "Waiting" in (preview / "drafts" / "b.html").read_text(encoding="utf-8")
    assert "Waiting" not in (preview / "diary" / "index.html").read_text(encoding="utf-8")
    public = build_film(tmp_path, **PUBLIC)
    assert not (public / "drafts").exists()
    assert all("Waiting" not in p.read_text(encoding="utf-8") for p in (public / "feeds").glob("*"))


@pytest.mark.browser
def test_the_preview_shows_a_teammates_markup_without_running_it(editing):
    """A post whose text holds markup that runs script (an image's onerror, a script element) is
    previewed on the phone as text and a picture, and nothing of it runs beside the token."""
    hostile = (
        DIARY.replace("A day", "The odd day").replace("We began.", "The tide was out.")
        + '\n<img src="data:image/png;base64,AAAA" onerror="window.__ran = 1">\n\n<script>window.__ran = 2</script>\n'
    )
    _commit_to(editing.bare, {"content/diary/odd.md": hostile}, editing.tmp)
    page = editing.page
    editing.sign_in()
    page.get_by_text("Production diary").first.click()
    page.get_by_text("The odd day").first.click()
    page.get_by_role("textbox", name="Title").wait_for()
    editing.preview("The tide was out.")
    assert page.evaluate("() => window.__ran") is None
    assert page.locator("[role=document] [onerror], [role=document] script").count() == 0


@pytest.mark.browser
@pytest.mark.slow
def test_a_translation_is_written_in_the_editor_beside_its_original(editing):
    """The Spanish collection offers the posts to translate by title and saves the version as
    <slug>.es.md, which the build publishes in the Spanish edition linked to its original."""
    page = editing.page
    editing.sign_in()
    editing.new_entry("diary-es")
    page.get_by_role("textbox", name="Title").fill("Día 3: el muelle")
    page.get_by_role("radio", name="Published").click()
    editing.write_text("Viento todo el día.")
    editing.refused("Translation of: missing (expected the post this translates)")
    editing.dismiss()
    page.get_by_role("radio", name="A day").click()  # the original, by its title
    editing.saved(1, "Día 3: el muelle")
    work = editing.clone()
    written = _front_matter(work / "content" / "diary" / "a.es.md")
    assert (written["lang"], written["slug"], written["title"]) == ("es", "a", "Día 3: el muelle")
    assert (work / "content" / "diary" / "a.md").read_text(encoding="utf-8") == DIARY  # the original untouched
    spanish = (build_film(work) / "es" / "diary" / "a" / "index.html").read_text(encoding="utf-8")
    assert "Día 3: el muelle" in spanish and re.search(r'hreflang="en" href="[^"]*/diary/a/"', spanish)


@pytest.mark.browser
@pytest.mark.slow
def test_the_about_page_is_edited_from_a_phone_and_keeps_what_the_form_does_not_show(editing):
    """Pages are a collection: About opens as Markdown (its table as written), an edit is one
    commit, and its Slug, which the form does not show, is kept."""
    page = editing.page
    editing.sign_in()
    page.goto(f"{editing.site}/admin/#/collections/pages")
    page.get_by_text("About the film").first.click()
    text = page.get_by_role("textbox", name="Text")
    text.wait_for()
    assert "| Máire | Ana Ruiz |" in text.input_value()  # Markdown as written, the table a table
    text.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n| Tomás | Tom Byrne |")
    editing.saved(1, "About the film")
    work = editing.clone()
    about = _front_matter(work / "content" / "pages" / "about.md")
    assert (about["title"], about["slug"]) == ("About the film", "about") and "date" not in about
    built = (build_film(work) / "about" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<td>Tomás</td>\s*<td>Tom Byrne</td>", built)


@pytest.mark.browser
@pytest.mark.slow
def test_the_films_trailer_is_changed_in_the_editor_and_the_rest_of_the_site_file_kept(editing):
    """The film's facts (data/site.json, "site" → MARQUEE_FILM) are a form: a new trailer is one
    commit, the settings read it, and every key the form does not show (colours, the publish
    settings) is kept as it was."""
    import json

    from marquee import settings as marquee_settings
    from marquee.settings import site_file

    before = {
        "publish": {"SITEURL": "https://film.example", "MARQUEE_EDITOR": {"repo": "me/film"}},
        "site": {
            "SITENAME": "Fixture Film",
            "MARQUEE_FILM": {
                "title": "Fixture Film",
                "trailer": "https://www.youtube.com/watch?v=aaaaaaaaaaa",
                "colours": {"light": {"accent": "#aa3300"}},
                "laurels": [{"festival": "Galway Film Fleadh", "award": "Best Irish Feature", "year": "2026"}],
            },
        },
    }
    _commit_to(editing.bare, {"data/site.json": json.dumps(before, indent=2) + "\n"}, editing.tmp)
    page = editing.page
    editing.sign_in()
    page.goto(f"{editing.site}/admin/#/collections/film/entries/facts")
    trailer = page.get_by_role("textbox", name="Trailer", exact=True)
    expect_value = trailer.input_value()
    assert expect_value == "https://www.youtube.com/watch?v=aaaaaaaaaaa"
    trailer.fill("https://vimeo.com/123456789")
    editing.save()
    _poll(page, lambda: len(editing.github.commits) == 1, "a commit of the film's facts")
    editing.shot("film-saved")
    work = editing.clone()
    after = json.loads((work / "data" / "site.json").read_text(encoding="utf-8"))
    film = after["site"]["MARQUEE_FILM"]
    assert film["trailer"] == "https://vimeo.com/123456789"
    assert (
        film["colours"] == before["site"]["MARQUEE_FILM"]["colours"]
        and film["laurels"] == before["site"]["MARQUEE_FILM"]["laurels"]
    )
    assert after["publish"] == before["publish"] and after["site"]["SITENAME"] == "Fixture Film"
    assert "" not in film.values() and None not in film.values()  # empty fields are left out, not written blank
    read = marquee_settings.read(site_file.read(work / "pelicanconf.py", "site"))  # as the build reads it
    assert read.film.trailer == "https://vimeo.com/123456789"


@pytest.mark.browser
@pytest.mark.slow
def test_githubs_rate_limit_is_told_and_the_entry_saved_once_it_lifts(editing):
    """GitHub's primary rate limit (403, x-ratelimit-remaining 0) is said in GitHub's words; the
    entry stays on the screen, and the same Save commits it once the limit has lifted."""
    page = editing.page
    editing.sign_in()
    editing.new_entry("diary")
    page.get_by_role("textbox", name="Title").fill("Day 5: rain")
    editing.write_text("Rain all day; we shot interiors.")
    editing.github.rate_limited = 1_000  # every call, until reset below
    editing.refused("API rate limit exceeded for user ID 1001.")
    editing.github.rate_limited = 0
    editing.dismiss()
    assert page.get_by_role("textbox", name="Title").input_value() == "Day 5: rain"
    editing.saved(1, "Day 5: rain")
    assert "Rain all day" in (editing.clone() / "content" / "diary" / "day-5-rain.md").read_text(encoding="utf-8")
