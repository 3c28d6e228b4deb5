"""The film site in two languages: the suite's film is in English with a Spanish edition (a diary
entry, a screening and the About page translated). Every page says its language; translated pages
link each other both ways (hreflang); each edition has its home, sections, feeds, calendar and
sitemap; the theme's words and dates follow the page; each version goes out in its language."""

from __future__ import annotations

import io
import json
import re
import subprocess
from pathlib import Path

import feedparser
import pytest
import requests
from helpers import build_film, start_ledger, write_film
from rich.console import Console

BASE = "http://127.0.0.1:8000"
ENTRY = "diary/day-12-night-shoot-at-the-harbour/"
EVENT = "events/dublin-screening-and-q-and-a/"


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in ("admin", "theme"))


def alternates(page: Path) -> dict[str, str]:
    return dict(
        re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page.read_text(encoding="utf-8"))
    )


def page_at(site: Path, url: str) -> Path:
    path = url.removeprefix(BASE + "/")
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def test_every_translated_page_and_its_versions_link_each_other(site):
    linked = {page: alternates(page) for page in html_pages(site)}
    with_versions = {page: found for page, found in linked.items() if found}
    assert len(with_versions) >= 10  # home, sections, Follow, the entry, the screening, About … in both languages
    for page, found in with_versions.items():
        versions = {lang: url for lang, url in found.items() if lang != "x-default"}
        assert set(versions) == {"en", "es"} and found["x-default"] == versions["en"], page
        own = "es" if page.relative_to(site).parts[0] == "es" else "en"
        assert page_at(site, versions[own]) == page, (page, versions)  # it lists itself
        for url in versions.values():
            other = page_at(site, url)
            assert other.exists(), (page, url)
            assert alternates(other) == found, (page, other)  # and every version lists the same set
    assert alternates(site / ENTRY / "index.html")["es"] == f"{BASE}/es/{ENTRY}"
    assert alternates(site / "index.html")["es"] == f"{BASE}/es/"
    assert not alternates(
        site / "diary" / "day-18-the-voice-in-the-static" / "index.html"
    )  # not translated: no alternates


def test_every_page_says_its_language_in_html_and_structured_data(site):
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        expected = "es" if page.relative_to(site).parts[0] == "es" else "en"
        assert f'<html lang="{expected}">' in text, page
        data = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)]
        languages = {d["inLanguage"] for d in data if "inLanguage" in d}
        assert languages == {expected}, (page, languages)


def test_each_edition_has_its_home_sections_feeds_and_calendar(site):
    from ical.calendar_stream import IcsCalendarStream

    home = (site / "es" / "index.html").read_text(encoding="utf-8")
    assert "Próxima proyección" in home and "Proyección en Dublín con coloquio" in home
    assert "Day 18" not in home and "Night shoot" not in home  # only what is written in Spanish
    assert (site / "es" / "diary" / "index.html").exists() and (site / "es" / "events" / "index.html").exists()
    assert not (site / "es" / "interviews").exists()  # nothing translated there: no empty section
    english = feedparser.parse((site / "feeds" / "all.atom.xml").read_bytes())
    spanish = feedparser.parse((site / "es" / "feeds" / "all.atom.xml").read_bytes())
    assert not spanish.bozo and spanish.feed.language == "es" and english.feed.language == "en"
    assert [e.title for e in spanish.entries] == [
        "Proyección en Dublín con coloquio",
        "Día 12: rodaje nocturno en el puerto",
    ]
    assert not {e.id for e in spanish.entries} & {e.id for e in english.entries}  # each version its own id
    assert "Proyección en Dublín con coloquio" not in {e.title for e in english.entries}
    feed = json.loads((site / "es" / "feeds" / "all.json").read_text(encoding="utf-8"))
    assert feed["language"] == "es" and {i["language"] for i in feed["items"]} == {"es"}
    calendar = IcsCalendarStream.calendar_from_ics(
        (site / "es" / "events" / "calendar.ics").read_text(encoding="utf-8")
    )
    assert [e.summary for e in calendar.events] == ["Proyección en Dublín con coloquio"]
    english_calendar = IcsCalendarStream.calendar_from_ics(
        (site / "events" / "calendar.ics").read_text(encoding="utf-8")
    )
    assert "Proyección en Dublín con coloquio" not in {e.summary for e in english_calendar.events}
    follow = (site / "es" / "follow" / "index.html").read_text(encoding="utf-8")
    assert f'href="{BASE}/es/feeds/all.atom.xml"' in follow and 'href="/es/events/calendar.ics"' in follow


def test_each_edition_has_its_sitemap_with_alternates_and_robots_names_both(site):
    import xml.etree.ElementTree as ET

    robots = (site / "robots.txt").read_text()
    assert f"Sitemap: {BASE}/sitemap.xml" in robots and f"Sitemap: {BASE}/es/sitemap.xml" in robots
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for name, prefix in (("sitemap.xml", ""), ("es/sitemap.xml", "es/")):
        urls = ET.parse(site / name).getroot().findall("s:url", ns)
        locs = [u.findtext("s:loc", namespaces=ns) for u in urls]
        assert locs and all(loc.startswith(f"{BASE}/{prefix}") for loc in locs), name
        if not prefix:
            assert not any(loc.startswith(f"{BASE}/es/") for loc in locs)
        entry = next(u for u in urls if u.findtext("s:loc", namespaces=ns) == f"{BASE}/{prefix}{ENTRY}")
        links = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", ns)}
        assert links == {"en": f"{BASE}/{ENTRY}", "es": f"{BASE}/es/{ENTRY}", "x-default": f"{BASE}/{ENTRY}"}


def test_the_themes_words_and_dates_follow_the_page(site):
    english = (site / ENTRY / "index.html").read_text(encoding="utf-8")
    spanish = (site / "es" / ENTRY / "index.html").read_text(encoding="utf-8")
    assert "Shoot day 12" in english and ">27 April 2026</time>" in english and "Skip to content" in english
    assert "Día de rodaje 12" in spanish and ">27 de abril de 2026</time>" in spanish and "Ir al contenido" in spanish
    assert '<a href="/es/diary/">Diario de rodaje</a>' in spanish  # its section, in its edition
    event = (site / "es" / EVENT / "index.html").read_text(encoding="utf-8")
    assert ">viernes, 12 de marzo de 2027, 20:00</time>" in event and "Comprar entradas" in event


def test_a_site_whose_language_is_not_english_speaks_it_everywhere(tmp_path):
    write_film(
        tmp_path,
        {
            "events/estreno.md": (
                "Title: Estreno\nDate: 2026-11-02 10:00\nEvent-Kind: premiere\n"
                "Start: 2027-01-20 20:00\nTimezone: Europe/Madrid\nVenue: Filmoteca\n\nVen.\n"
            )
        },
    )
    out = build_film(tmp_path, DEFAULT_LANG="es", MARQUEE_LANGUAGES={}, MARQUEE_FILM={"title": "Temporada baja"})
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in home and "Próxima proyección" in home and "mié, 20 ene 2027, 20:00" in home
    assert "languages" not in home  # one language: no switcher


def test_bad_language_settings_are_named():
    from marquee.settings import languages

    for raw, words in [
        ({"spanish": {}}, '"spanish" is not a language code'),
        ({"en": {}}, '"en" is DEFAULT_LANG already'),
        ({"es": {"flag": "🇪🇸"}}, "unknown key(s) flag"),
        ({"es": {"film": {"director": "x"}}}, "film: unknown key(s) director"),
    ]:
        with pytest.raises(ValueError, match=re.escape(words)):
            languages.read(raw, "en")
    assert [lang.name for lang in languages.read({"es": {}, "ga": {}}, "en")] == ["English", "Español", "Gaeilge"]


def test_each_version_goes_out_in_its_language_to_the_accounts_that_speak_it(site, tmp_path, bluesky_pds):
    from marquee.settings import read
    from marquee.syndication import run
    from servers.mastodon import MastodonServer

    token = "mastodon-token-languages"
    start_ledger(tmp_path / "ledger.json")
    account = next(a for a in bluesky_pds["accounts"] if a["handle"] == "translated.test")  # no other test posts there
    with MastodonServer(token=token) as server:
        syndication = {
            "ledger": str(tmp_path / "ledger.json"),
            "since": "2026-11-01",
            "max_wait": 2,
            "mastodon": [
                {"instance": server.url, "account": "film", "languages": ["en"]},
                {
                    "instance": server.url,
                    "account": "film",
                    "languages": ["es"],
                    "token_env": "MARQUEE_MASTODON_ES_TOKEN",
                },
            ],
            "bluesky": {"handle": account["handle"], "pds": bluesky_pds["pds"]},
            "language_templates": {"es": {"events": "{{ title }}\n{{ when }}, {{ venue }}\n\n{{ link }}"}},
        }
        settings = read(
            {
                "TIMEZONE": "Europe/Dublin",
                "FEED_DOMAIN": BASE,
                "DEFAULT_LANG": "en",
                "MARQUEE_LANGUAGES": {"es": {}},
                "MARQUEE_SYNDICATION": syndication,
            }
        )
        environ = {
            "MARQUEE_MASTODON_TOKEN": token,
            "MARQUEE_MASTODON_ES_TOKEN": token,
            "MARQUEE_BLUESKY_APP_PASSWORD": account["password"],
        }
        console = Console(file=io.StringIO(), width=200)
        planned = run(settings, site, dry_run=True, environ=environ, console=console)
        spanish = [o for o in planned if o.post.language == "es"]
        assert {(o.channel.split()[0], o.message.language) for o in spanish} == {("mastodon", "es"), ("bluesky", "es")}
        by_channel = {o.channel.split()[0]: o.message.text for o in spanish}
        assert by_channel["mastodon"].startswith(
            "Proyección en Dublín con coloquio\nvie, 12 mar 2027, 20:00, Lighthouse Picture House\n"
        )  # its words
        assert {o.post.language for o in planned} == {"en", "es"}
        from marquee.syndication.show import dry_run

        shown = Console(file=io.StringIO(), width=200)
        dry_run(planned, shown)
        printed = shown.file.getvalue()
        assert (
            "language es" in printed and "language en" in printed and "vie, 12 mar 2027, 20:00" in printed
        )  # what a dry run shows
        run(settings, site, environ=environ, console=console)
    records = requests.get(
        f"{bluesky_pds['pds']}/xrpc/com.atproto.repo.listRecords",
        timeout=10,
        params={"repo": account["handle"], "collection": "app.bsky.feed.post"},
    ).json()["records"]
    assert sorted(tuple(r["value"]["langs"]) for r in records) == [("en",), ("en",), ("es",)]  # on the real PDS
    languages = sorted((s["language"], s["text"].split("\n")[0]) for s in server.statuses)
    assert languages == [
        ("en", "Dublin screening and Q&A"),
        ("en", "Win a pair of tickets to the Dublin screening"),
        ("es", "Proyección en Dublín con coloquio"),
    ], languages  # each version once, on its account


def test_invoke_new_starts_a_translation_beside_the_original(tmp_path, monkeypatch, caplog):
    from conftest import FILM
    from marquee.content.validate import ContentError
    from pelican import Pelican
    from pelican.settings import read_settings
    from yourfilm import INVOKE, project_copy

    project = project_copy(tmp_path, FILM)  # the suite's film: the project's own may be a producer's after invoke init
    command = [
        INVOKE,
        "new",
        "diary",
        "Día 18: la voz en la estática",
        "--translation-of",
        "day-18-the-voice-in-the-static",
        "--language",
        "es",
    ]
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    made = project / "content" / "diary" / "day-18-the-voice-in-the-static.es.md"
    original = (project / "content" / "diary" / "day-18-the-voice-in-the-static.md").read_text(encoding="utf-8")
    text = made.read_text(encoding="utf-8")
    assert (
        text.startswith("Title: Día 18: la voz en la estática\nDate: ")
        and "Translate the text below into Español, then remove this line." in text
    )
    for field in ("Date", "Shoot-Day", "Phase", "Location", "Geo"):  # what does not change is the original's
        line = next(line for line in original.splitlines() if line.startswith(f"{field}:"))
        assert line in text.splitlines(), field
    assert original.split("\n\n", 1)[1].strip() in text  # the text to translate, in place
    again = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=60)
    assert again.returncode == 1 and "already exists" in again.stderr
    wrong = subprocess.run(
        [*command[:5], "day-99", "--language", "fr"], cwd=project, capture_output=True, text=True, timeout=60
    )
    assert (
        wrong.returncode == 1
        and '--language "fr" is not one of the site\'s other languages (MARQUEE_LANGUAGES: es)' in wrong.stderr
    )
    monkeypatch.chdir(project)
    # Untranslated, it is refused for the public site (the placeholder); a preview shows it in its edition.
    with pytest.raises(ContentError):
        Pelican(
            read_settings(
                str(project / "publishconf.py"),
                override={"OUTPUT_PATH": str(tmp_path / "public"), "CACHE_PATH": str(tmp_path / "c")},
            )
        ).run()
    said = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any("day-18-the-voice-in-the-static.es.md" in line and "then remove this line." in line for line in said), (
        said
    )
    preview = tmp_path / "preview"
    Pelican(
        read_settings(
            str(project / "pelicanconf.py"), override={"OUTPUT_PATH": str(preview), "CACHE_PATH": str(tmp_path / "c")}
        )
    ).run()
    page = preview / "es" / "diary" / "day-18-the-voice-in-the-static" / "index.html"
    assert "Día 18: la voz en la estática" in page.read_text(encoding="utf-8")
    assert alternates(preview / "diary" / "day-18-the-voice-in-the-static" / "index.html")["es"].endswith(
        "/es/diary/day-18-the-voice-in-the-static/"
    )


def test_settings_that_cannot_be_read_stop_the_build_each_named(tmp_path, caplog):
    from marquee.content.validate import ContentError

    write_film(tmp_path, {"diary/a.md": "Title: A day\nDate: 2026-11-02 10:00\nPhase: production\n\nWe began.\n"})
    with pytest.raises(ContentError):
        build_film(
            tmp_path,
            MARQUEE_LANGUAGES={"spanish": {}},
            MARQUEE_MAPS={"zoom": 40},
            MARQUEE_FILM={"title": "Low Season", "tagline": "x"},
        )
    said = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert 'pelicanconf.py: MARQUEE_LANGUAGES: "spanish" is not a language code (expected e.g. es, ga, pt-BR)' in said
    assert 'pelicanconf.py: MARQUEE_MAPS zoom: "40" is not a zoom level (expected 1 to 18)' in said
    assert any(
        line.startswith("pelicanconf.py: MARQUEE_FILM: unknown key(s) tagline (known: accounts, cast")
        and line.endswith("did you mean logline?")
        for line in said
    )
    assert not any(r.exc_info for r in caplog.records)  # named, not a traceback
    assert not (tmp_path / "output").exists()
