"""Whole-site build of the example film: assertions on the real pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import FILM, build_site

pytestmark = pytest.mark.slow


class Page(HTMLParser):
    """The parts of a page these tests look at."""

    def __init__(self, text: str):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict] = []
        self.images: list[dict] = []
        self.urls: list[str] = []  # every href/src
        self.landmarks: list[str] = []
        self.h1 = 0
        self.title = ""
        self._in_title = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and "name" in a:
            self.meta[a["name"]] = a.get("content", "")
        if tag == "link":
            self.links.append(a)
        if tag == "img":
            self.images.append(a)
        for key in ("href", "src", "poster", "data-player"):
            if a.get(key):
                self.urls.append(a[key])
        for candidate in (a.get("srcset") or "").split(","):
            if candidate.strip():
                self.urls.append(candidate.split()[0])
        if tag == "meta" and a.get("property", "").startswith("og:") and a.get("content", "").startswith("http"):
            self.urls.append(a["content"])
        if tag in ("header", "nav", "main", "footer"):
            self.landmarks.append(tag)
        self.h1 += tag == "h1"
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False if tag == "title" else self._in_title

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def link(self, rel: str) -> dict | None:
        return next((link for link in self.links if rel in link.get("rel", "").split()), None)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def parse(site: Path, path: str) -> tuple[Page, str]:
    text = (site / path).read_text(encoding="utf-8")
    return Page(text), text


def test_every_page_type_is_built(site):
    for path in (
        "index.html",
        "diary/day-12-night-shoot-at-the-harbour/index.html",
        "interviews/off-the-call-sheet-01-maeve-lacey/index.html",
        "events/belfast-community-screening/index.html",
        "press/premiere-announced/index.html",
        "contests/win-tickets-dublin-screening/index.html",
        "about/index.html",
        "cast-and-crew/index.html",
        "press-kit/index.html",
        "archives/index.html",
        "diary/index.html",
        "diary/locations/index.html",
        "interviews/off-the-call-sheet/index.html",
        "events/index.html",
        "events/calendar.ics",
        "press/index.html",
        "press/press-kit.zip",
        "contests/index.html",
        "images/share/home.jpg",
        "sections/index.html",
        "tags/index.html",
        "tag/harbour/index.html",
        "404.html",
        "favicon.ico",
        "sitemap.xml",
        "theme/css/marquee.css",
    ):
        assert (site / path).is_file(), path


def test_every_page_has_description_canonical_landmarks_and_one_h1(site):
    for path in html_pages(site):
        page = Page(path.read_text(encoding="utf-8"))
        where = path.relative_to(site)
        assert page.title.strip(), where
        assert len(page.meta.get("description", "")) > 20, where
        canonical = page.link("canonical")
        # Absolute even in preview (FEED_DOMAIN): search engines and Lighthouse want one.
        assert canonical and canonical["href"].startswith("http://127.0.0.1:8000/"), where
        assert page.link("icon"), where
        assert {"header", "nav", "main", "footer"} <= set(page.landmarks), where
        assert page.h1 == 1, f"{where}: {page.h1} h1 elements"


def test_canonical_links_point_at_the_page_itself(site):
    for path in html_pages(site):
        page = Page(path.read_text(encoding="utf-8"))
        href = page.link("canonical")["href"].removeprefix("http://127.0.0.1:8000").lstrip("/")
        target = site / href / "index.html" if href == "" or href.endswith("/") else site / href
        assert target == path, f"{path.relative_to(site)} says canonical is /{href}"


def test_every_image_has_alt_text_and_dimensions(site):
    for path in html_pages(site):
        for img in Page(path.read_text(encoding="utf-8")).images:
            assert img.get("alt", "").strip(), f"{path.relative_to(site)}: {img.get('src')} has no alt text"
            assert img.get("width") and img.get("height"), f"{path.relative_to(site)}: {img.get('src')} has no size"


def test_no_page_loads_anything_from_another_host(site):
    for path in html_pages(site):
        page = Page(path.read_text(encoding="utf-8"))
        loaded = [img["src"] for img in page.images] + [
            link["href"] for link in page.links if link.get("rel") in ("stylesheet", "icon", "preload")
        ]
        text = path.read_text(encoding="utf-8")
        loaded += re.findall(r'<script[^>]+src="([^"]+)"', text)
        for url in loaded:
            assert not urlparse(url).netloc, f"{path.relative_to(site)} loads {url}"


PREVIEW = "http://127.0.0.1:8000"  # FEED_DOMAIN of the preview build: absolute links to ourselves


def resolve(site, path, url):
    """The file a link inside output/ points at, or None when it leaves the site."""
    url = url.replace("&amp;", "&")
    if url.startswith(PREVIEW):
        url = url[len(PREVIEW) :] or "/"
    parsed = urlparse(url)
    if parsed.scheme or parsed.netloc or url.startswith(("#", "mailto:", "tel:", "data:")):
        return None
    target = (site / parsed.path.lstrip("/")) if url.startswith("/") else (path.parent / parsed.path)
    if parsed.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def test_internal_links_resolve(site):
    """Every href, src, srcset, poster and og: URL of every page; every url() in the CSS; every
    link in the feeds, the calendar and the sitemap that points at the site itself."""
    checked = 0
    for path in html_pages(site):
        for url in Page(path.read_text(encoding="utf-8")).urls:
            target = resolve(site, path, url)
            if target is not None:
                checked += 1
                assert target.is_file(), f"{path.relative_to(site)} links to missing {url}"
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(['\"]?([^)'\"]+)", css.read_text(encoding="utf-8")):
            target = resolve(site, css, url)
            assert target is None or target.is_file(), f"{css.relative_to(site)} refers to missing {url}"
    for path in [*site.glob("feeds/*"), site / "sitemap.xml", site / "events" / "calendar.ics"]:
        for url in re.findall(re.escape(PREVIEW) + r"[^\s\"'<>]*", path.read_text(encoding="utf-8")):
            target = resolve(site, path, url.rstrip("\\.,;"))
            checked += 1
            assert target.is_file(), f"{path.relative_to(site)} links to missing {url}"
    assert checked > 1000


def test_home_page_shows_the_film_and_whats_next(site):
    page, text = parse(site, "index.html")
    assert "Salt and Static" in page.title
    assert "relay mast comes down" in text  # logline
    assert 'src="/images/key-art.jpg"' in text and "Key art:" in text
    assert "https://www.youtube.com/watch?v=q8VtR2sLk4w" in text  # trailer
    next_event = text.split('id="next-event"')[1].split("</section>")[0]
    # As of the build date, the Dublin screening is next; the cancelled watch party is not.
    assert "Dublin screening and Q&" in next_event
    assert "watch party" not in next_event
    latest_diary = text.split('id="latest-diary"')[1].split("</section>")[0]
    assert "Picture lock" in latest_diary
    latest_episode = text.split('id="latest-interviews"')[1].split("</section>")[0]
    assert "Kofi Mensah-Doyle plays" in latest_episode


def test_section_pages_use_their_own_templates(site):
    _, diary = parse(site, "diary/day-12-night-shoot-at-the-harbour/index.html")
    assert "Shoot day 12" in diary and "Inishcarrow harbour" in diary
    assert 'Cathal Byrne <span class="muted">(gaffer)</span>' in diary
    _, event = parse(site, "events/belfast-community-screening/index.html")
    assert 'class="status-banner status--postponed"' in event
    assert "Book tickets" not in event  # no ticket button for a postponed event
    _, episode = parse(site, "interviews/off-the-call-sheet-02-ines-vidal/index.html")
    assert "Off the Call Sheet, episode 2" in episode
    assert 'Ines Vidal <span class="muted">(director of photography)</span>' in episode
    _, press = parse(site, "press/premiere-announced/index.html")
    assert "Press contact" in press and "press@saltandstatic.example" in press


def test_posts_link_to_their_neighbours_in_the_section(site):
    _, text = parse(site, "diary/day-4-the-ferry-that-wouldnt-wait/index.html")
    nav = text.split('class="post-nav"')[1].split("</nav>")[0]
    assert 'rel="prev" href="/diary/day-1-first-light-on-the-harbour/"' in nav
    assert 'rel="next" href="/diary/day-9-wind-against-the-mast/"' in nav


def test_navigation_marks_the_current_section(site):
    _, text = parse(site, "diary/picture-lock/index.html")
    assert '<a href="/diary/" aria-current="page">Production diary</a>' in text
    _, about = parse(site, "about/index.html")
    assert '<a href="/about/" aria-current="page">About the film</a>' in about


def test_future_dated_posts_stay_unpublished(tmp_path):
    content = tmp_path / "content"
    import shutil

    shutil.copytree(FILM / "content", content)
    (content / "diary" / "next-year.md").write_text(
        "Title: Not yet\nDate: 2099-01-01 10:00\nSummary: Scheduled.\nPhase: release\n\nLater.\n", encoding="utf-8"
    )
    out = build_site(tmp_path / "out", PATH=str(content))
    assert not (out / "diary" / "next-year").exists()
    assert "Not yet" not in (out / "index.html").read_text(encoding="utf-8")


def test_two_builds_are_byte_identical(site, tmp_path):
    again = build_site(tmp_path / "again", MARQUEE_BACKFEED={"publish_report": True})  # as the site fixture
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_publish_build_has_absolute_canonical_urls_and_feeds(tmp_path):
    out = build_site(tmp_path / "pub", settings_file="publishconf.py")
    page = Page((out / "about/index.html").read_text(encoding="utf-8"))
    assert page.link("canonical")["href"] == "https://saltandstatic.example/about/"
    assert (out / "feeds/all.atom.xml").is_file()
    feeds = [link["href"] for link in page.links if link.get("type") == "application/atom+xml"]
    assert feeds == ["https://saltandstatic.example/feeds/all.atom.xml"]
