"""Every page type of the example site in Debian's Chromium, driven by Playwright.

Fails on any console error, failed request, request to a host other than 127.0.0.1, or
axe-core violation, in light and dark mode; also checks reading with JavaScript off and
layout at 320 px. Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import re

import pytest
from browsing import SHOTS, Visit, assert_clean_and_accessible
from conftest import FILM

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = {
    "home": "/",
    "diary-entry": "/diary/day-12-night-shoot-at-the-harbour/",
    "diary-entry-no-photo": "/diary/day-18-the-voice-in-the-static/",
    "episode": "/interviews/off-the-call-sheet-01-maeve-lacey/",
    "event-postponed": "/events/belfast-community-screening/",
    "event-upcoming": "/events/dublin-screening-and-q-and-a/",
    "press-release": "/press/premiere-announced/",
    "contest": "/contests/win-tickets-dublin-screening/",
    "page-about": "/about/",
    "page-cast": "/cast-and-crew/",
    "page-press-kit": "/press-kit/",
    "archives": "/archives/",
    "diary-timeline": "/diary/",
    "diary-locations": "/diary/locations/",
    "interviews-section": "/interviews/",
    "series-index": "/interviews/off-the-call-sheet/",
    "episode-vtt-transcript": "/interviews/off-the-call-sheet-03-kofi-mensah-doyle/",
    "events-section": "/events/",
    "event-cancelled-online": "/events/online-watch-party/",
    "press-room": "/press/",
    "contests-section": "/contests/",
    "sections": "/sections/",
    "tags": "/tags/",
    "tag": "/tag/harbour/",
    "follow": "/follow/",
    "social": "/social/",
    "conversation": "/diary/picture-lock/",
    "episode-conversation": "/interviews/off-the-call-sheet-04-siobhan-tully/",
    "engagement-report": "/report/engagement/",
    "not-found": "/404.html",
    "es-home": "/es/",
    "es-diary-entry": "/es/diary/day-12-night-shoot-at-the-harbour/",
    "es-event": "/es/events/dublin-screening-and-q-and-a/",
    "es-section": "/es/events/",
    "es-about": "/es/about/",
    "es-follow": "/es/follow/",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_is_clean_and_accessible(browser, site_url, name, scheme):
    assert_clean_and_accessible(
        browser,
        site_url + PAGES[name],
        f"{name}-{scheme}-1280",
        color_scheme=scheme,
        viewport={"width": 1280, "height": 900},
    )


@pytest.mark.parametrize("name", list(PAGES))
def test_page_fits_a_phone_without_horizontal_scroll(browser, site_url, name):
    visit = Visit(browser, site_url + PAGES[name], viewport={"width": 320, "height": 640}, is_mobile=True)
    try:
        widths = visit.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        SHOTS.mkdir(parents=True, exist_ok=True)
        visit.page.screenshot(path=str(SHOTS / f"{name}-320.png"), full_page=True)
        assert widths[0] <= widths[1], f"page is {widths[0]} px wide in a {widths[1]} px viewport"
        assert visit.problems == []
    finally:
        visit.close()


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1366, "height": 900}])
def test_the_footer_sits_at_the_bottom_of_a_short_page(browser, site_url, viewport):
    visit = Visit(browser, site_url + PAGES["not-found"], viewport=viewport)
    try:
        bottom, page_height, window = visit.page.evaluate(
            "[document.querySelector('.site-footer').getBoundingClientRect().bottom + window.scrollY,"
            " document.documentElement.scrollHeight, window.innerHeight]"
        )
        # The page is at least the window's height, and the footer ends where the page ends (not
        # mid-window with empty space under it).
        assert page_height >= window and abs(bottom - page_height) <= 1, (
            f"the footer ends at {bottom} px of {page_height}"
        )
        assert visit.problems == []
    finally:
        visit.close()


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1366, "height": 900}])
def test_the_report_charts_labels_are_inside_it_and_readable(browser, site_url, viewport):
    visit = Visit(browser, site_url + PAGES["engagement-report"], viewport=viewport)
    try:
        boxes = visit.page.eval_on_selector_all(
            "svg.chart text",
            "texts => texts.map(t => { const b = t.getBBox(), r = t.getBoundingClientRect(), s = t.ownerSVGElement.getBoundingClientRect();"
            " return {text: t.textContent, x: b.x, right: b.x + b.width, width: t.ownerSVGElement.viewBox.baseVal.width,"
            " px: r.height, inside: r.left >= s.left - 0.5 && r.right <= s.right + 0.5}; })",
        )
        assert len(boxes) == 4
        for box in boxes:
            assert box["x"] >= 0 and box["right"] <= box["width"] and box["inside"], box  # not clipped ("026-08-21")
            assert box["px"] >= 11, box  # readable on the screen it is on
    finally:
        visit.close()


def test_the_navigation_is_one_row_on_a_phone_and_opens_without_javascript(browser, site_url):
    visit = Visit(
        browser, site_url + "/diary/", viewport={"width": 390, "height": 844}, is_mobile=True, java_script_enabled=False
    )
    try:
        page = visit.page
        header = page.locator(".site-header").bounding_box()
        brand, menu = page.locator(".brand").bounding_box(), page.locator(".site-nav--narrow summary").bounding_box()
        assert header["height"] < 80 and abs(brand["y"] - menu["y"]) < 12  # one row: the title and Menu
        assert page.locator(".site-nav--narrow a").first.is_hidden()
        page.click(".site-nav--narrow summary")
        links = page.locator(".site-nav--narrow a")
        assert links.count() == 8 and all(links.nth(i).is_visible() for i in range(links.count()))
        assert page.locator('.site-nav--narrow a[aria-current="page"]').inner_text() == "Production diary"
    finally:
        visit.close()
    wide = Visit(browser, site_url + "/diary/", viewport={"width": 1366, "height": 900})
    try:
        assert (
            wide.page.locator(".site-nav--wide a").nth(7).is_visible()
            and wide.page.locator(".site-nav--narrow").is_hidden()
        )
    finally:
        wide.close()


def test_the_follow_page_links_the_films_own_accounts(browser, site_url):
    visit = Visit(browser, site_url + "/follow/")
    try:
        accounts = visit.page.eval_on_selector_all(
            "#follow-accounts ~ ul a[rel=me]", "links => links.map(a => [a.textContent, a.getAttribute('href')])"
        )
        assert accounts == [
            ["Mastodon", "https://mastodon.example/@saltandstatic"],
            ["Bluesky", "https://bsky.app/profile/saltandstatic.example"],
        ]
    finally:
        visit.close()


@pytest.mark.parametrize("name", ["home", "diary-entry", "episode", "event-upcoming", "page-press-kit"])
def test_page_reads_with_javascript_off(browser, site_url, name):
    visit = Visit(browser, site_url + PAGES[name], java_script_enabled=False)
    try:
        main_text = visit.page.inner_text("main")
        assert len(main_text) > 200
        assert visit.page.locator("h1").count() == 1
    finally:
        visit.close()


def test_skip_link_is_first_and_moves_focus_to_main(browser, site_url):
    visit = Visit(browser, site_url + "/")
    try:
        visit.page.evaluate("window.scrollTo(0, 0)")
        visit.page.keyboard.press("Tab")
        focused = visit.page.evaluate("document.activeElement.textContent")
        assert focused == "Skip to content"
        assert visit.page.locator(".skip-link").bounding_box()["y"] >= 0  # visible when focused
        visit.page.keyboard.press("Enter")
        assert visit.page.evaluate("document.activeElement.id") == "main"
    finally:
        visit.close()


def test_video_facade_loads_nothing_off_loopback_until_play_is_pressed(browser, site_url):
    visit = Visit(browser, site_url + PAGES["diary-entry"])
    try:
        assert visit.problems == []  # the page, its poster and script: all from 127.0.0.1
        facade = visit.page.locator("a[data-embed-src]")
        assert facade.count() == 1
        assert facade.get_attribute("href") == "https://www.youtube.com/watch?v=Hn3bW8xTq2M"
        # The player's request is refused off loopback after the click returns: wait for that refusal.
        with visit.page.expect_event("requestfailed", lambda r: "youtube-nocookie.com" in r.url, timeout=5000):
            facade.click()
        player = visit.page.locator("iframe.embed__player")
        player.wait_for(state="attached", timeout=5000)
        assert player.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/Hn3bW8xTq2M?autoplay=1")
        assert visit.page.locator("a[data-embed-src]").count() == 0
        # The only request off loopback is the player the visitor asked for (blocked here: no internet).
        assert visit.problems and all("youtube-nocookie.com" in p for p in visit.problems)
    finally:
        visit.close()


def test_the_trailer_plays_in_place_inside_a_phones_first_screen(browser, site_url):
    """On a 390×844 phone the home page's trailer facade is wholly inside the first screen, and
    pressing it swaps in the player there, without leaving the page."""
    visit = Visit(browser, site_url + "/", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        visit.page.evaluate("window.scrollTo(0, 0)")
        box = visit.page.locator("#trailer a[data-embed-src]").bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 844 and box["width"] >= 300, box
        assert visit.page.locator(".hero__title").bounding_box()["y"] < box["y"]  # the title first, then the trailer
        visit.page.locator("#trailer a[data-embed-src]").tap()
        visit.page.locator("#trailer iframe.embed__player").wait_for(state="attached", timeout=5000)
        assert visit.page.url.rstrip("/") == site_url
    finally:
        visit.close()


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}])
def test_the_language_switcher_moves_between_the_versions_of_a_page(browser, site_url, viewport):
    visit = Visit(browser, site_url + PAGES["diary-entry"], viewport=viewport)
    try:
        page = visit.page
        switcher = page.get_by_role("navigation", name="Language")
        assert switcher.get_by_role("link", name="EN English").get_attribute("aria-current") == "true"
        switcher.get_by_role("link", name="ES Español").click()
        page.wait_for_url("**/es/diary/day-12-night-shoot-at-the-harbour/")
        assert page.locator("html").get_attribute("lang") == "es"
        assert page.locator("h1").inner_text() == "Día 12: rodaje nocturno en el puerto"
        spanish = page.get_by_role("navigation", name="Idioma")  # the switcher's own name, in Spanish now
        assert spanish.get_by_role("link", name="ES Español").get_attribute("aria-current") == "true"
        spanish.get_by_role("link", name="EN English").click()
        page.wait_for_url("**/diary/day-12-night-shoot-at-the-harbour/")
        assert page.locator("html").get_attribute("lang") == "en"
        page.goto(site_url + "/diary/day-18-the-voice-in-the-static/")  # not translated: the Spanish home
        page.get_by_role("navigation", name="Language").get_by_role("link", name="ES Español").click()
        page.wait_for_url(site_url + "/es/")
        assert page.get_by_role("heading", level=1).inner_text() == "Salt and Static"
        assert visit.problems == []
    finally:
        visit.close()


def test_video_facade_is_a_plain_link_without_javascript(browser, site_url):
    visit = Visit(browser, site_url + PAGES["episode"], java_script_enabled=False)
    try:
        link = visit.page.get_by_role("link", name="Play video")
        assert link.get_attribute("href") == "https://www.youtube.com/watch?v=q8VtR2sLk4w"
        assert visit.problems == []
    finally:
        visit.close()


# -- photos: the candidate a browser picks, and nothing shifts while they load


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    """A film with a phone photo as an entry's image and two more in its body, served locally."""
    import functools
    import http.server
    import threading

    from pelican import Pelican
    from pelican.settings import read_settings
    from tiny_images import phone_photo

    root = tmp_path_factory.mktemp("photos")
    content = root / "content"
    (content / "images" / "diary").mkdir(parents=True)
    for n in range(3):
        (content / "images" / "diary" / f"p{n}.jpg").write_bytes(phone_photo(orientation=(6, 1, 8)[n]))
    body = "\n\n".join(f"Paragraph {n}.\n\n![Photo {n} on the pier]({{static}}/images/diary/p{n}.jpg)" for n in (1, 2))
    (content / "diary").mkdir()
    (content / "diary" / "shoot.md").write_text(
        "Title: A day on the pier\nDate: 2026-05-01 10:00\nPhase: production\nImage: images/diary/p0.jpg\n"
        f"Image-Alt: The crew on the pier at dawn\n\nWe shot at dawn.\n\n{body}\n"
    )
    Pelican(
        read_settings(
            str(FILM / "pelicanconf.py"),
            override={
                "PATH": str(content),
                "OUTPUT_PATH": str(root / "out"),
                "CACHE_PATH": str(root / "cache"),
                "MARQUEE_WALLS": [],
                "MARQUEE_FILM": {"title": "Photo Film"},
                "MARQUEE_SYNDICATION": {"ledger": str(root / "l.json")},
                "MARQUEE_BACKFEED": {"data": str(root / "b.json")},
                "MARQUEE_BUILD_DATE": "2026-11-23",
            },
        )
    ).run()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root / "out"))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


LAYOUT_SHIFT = """() => new Promise(resolve => {
  const shifts = [];
  const rect = r => [r.x, r.y, r.width, r.height].map(Math.round).join(",");
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) shifts.push({value: e.value, moved: e.sources.map(
      s => `${s.node ? s.node.nodeName + (s.node.className ? "." + s.node.className : "") : "?"} ${rect(s.previousRect)} -> ${rect(s.currentRect)}`)});
  }).observe({type: "layout-shift", buffered: true});
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(shifts)));
})"""


@pytest.mark.parametrize(
    "viewport, scale, hero, body",
    [
        ({"width": 390, "height": 844}, 1, "p0.480.avif", "p1.480.avif"),
        ({"width": 390, "height": 844}, 2, "p0.1080.avif", "p1.1080.avif"),
        ({"width": 360, "height": 740}, 2, "p0.720.avif", "p1.720.avif"),
        ({"width": 1366, "height": 900}, 2, "p0.1600.avif", "p1.1600.avif"),
    ],
)
def test_photos_load_the_right_width_and_nothing_shifts(browser, photo_site, viewport, scale, hero, body):
    visit = Visit(browser, f"{photo_site}/diary/shoot/", viewport=viewport, device_scale_factor=scale)
    try:
        page = visit.page
        page.evaluate("() => Promise.all([...document.images].map(i => { i.loading = 'eager'; return i.decode(); }))")
        chosen = page.evaluate(
            "() => [...document.querySelectorAll('main img')].map(i => i.currentSrc.split('/').pop())"
        )
        assert chosen[:2] == [hero, body], chosen
        sizes = page.evaluate(
            "() => [...document.querySelectorAll('main img')].map(i => [i.naturalWidth / i.naturalHeight,"
            " i.getAttribute('width') / i.getAttribute('height')])"
        )
        assert all(abs(natural - shown) < 0.01 for natural, shown in sizes), sizes  # width/height as published
        tallest = page.evaluate("Math.max(...[...document.querySelectorAll('main img')].map(i => i.height))")
        assert tallest <= 0.85 * viewport["height"] + 1  # a portrait photo never fills the screen
        assert (shifts := page.evaluate(LAYOUT_SHIFT)) == [], shifts  # each shift with what moved, from where to where
        assert visit.problems == [], visit.problems
    finally:
        visit.close()


@pytest.fixture(scope="module")
def landscape_poster_url(tmp_path_factory):
    """The fixture film with a landscape poster (one of its stills) and no key art, served locally."""
    import functools
    import http.server
    import threading

    from conftest import build_site
    from pelican.settings import read_settings

    film = read_settings(str(FILM / "pelicanconf.py"))["MARQUEE_FILM"]
    landscape = {**film, "poster": "images/stills/mast-in-the-storm.jpg", "poster_alt": "A mast in a storm."}
    root = tmp_path_factory.mktemp("landscape")
    out = build_site(root / "out", MARQUEE_FILM=landscape, CACHE_PATH=str(root / "cache"))
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.mark.parametrize("served, portrait", [("site_url", True), ("landscape_poster_url", False)])
@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1366, "height": 900}])
def test_the_home_page_shows_the_poster_whole_and_the_trailer_in_the_first_screen(
    browser, request, served, portrait, viewport
):
    """The fixture film has a portrait poster and no key art, and a variant a landscape one: the
    poster is shown whole (its own title lettering never cropped), and the call to action and the
    trailer are in the first screen, on a phone and on a desktop; the header is one row, the
    languages in it."""
    visit = Visit(browser, request.getfixturevalue(served) + "/", viewport=viewport)
    try:
        page = visit.page
        assert page.locator(".hero--portrait").count() == (1 if portrait else 0)
        page.evaluate("window.scrollTo(0, 0)")
        poster = page.locator(".hero__poster img")
        box = poster.bounding_box()
        natural = poster.evaluate("i => i.naturalWidth / i.naturalHeight")
        assert abs(box["width"] / box["height"] - natural) < 0.01  # the whole poster, not a crop of it
        assert poster.evaluate("i => getComputedStyle(i).objectFit") in ("fill", "contain")
        assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]
        cta = page.locator(".hero__actions a.button[data-stage]").bounding_box()
        assert cta["y"] + cta["height"] <= viewport["height"]
        trailer = page.locator("#trailer a[data-embed-src]").bounding_box()
        assert trailer["y"] + 0.5 * trailer["height"] <= viewport["height"], trailer  # at least half of it
        trailer_poster = page.locator("#trailer img.embed__poster")
        assert trailer_poster.evaluate("i => i.complete && i.naturalWidth > 0")
        shown = trailer_poster.evaluate("i => i.currentSrc")  # a copy the size the screen needs, not the original
        assert re.search(r"\.\d+\.(avif|webp)$", shown), shown
        assert trailer_poster.bounding_box()["width"] == trailer["width"]  # it fills the facade, as before
        brand, languages = page.locator(".brand").bounding_box(), page.locator(".languages").bounding_box()
        assert languages["y"] < brand["y"] + brand["height"]  # in the brand's row, not under it
        assert page.locator("#latest-news").count() == 0 and "Page 1 of" not in page.inner_text("main")
        assert visit.problems == []
    finally:
        visit.close()


HEADER_BOXES = """() => [...document.querySelectorAll('.site-header__inner > *')]
  .filter(e => getComputedStyle(e).display !== 'none')
  .map(e => { const r = e.getBoundingClientRect(); return [e.className, r.x, r.y].join(' '); })"""  # where each starts: what a layout shift measures


# Where the summary's marker is, which no shift report names: at its box's start, when its text
# is aligned there (the text then only grows away from it).
MARKER_X = """() => { const s = document.querySelector('.site-nav--narrow > summary'), style = getComputedStyle(s);
  return ['start', 'left'].includes(style.textAlign) ? s.getBoundingClientRect().x : style.textAlign; }"""


@pytest.mark.parametrize("viewport", [{"width": 360, "height": 740}, {"width": 390, "height": 844}])
def test_the_header_does_not_move_when_the_menu_arrives_after_the_first_paint(browser, photo_site, viewport):
    """A slow phone can paint before the parser reaches the menu's <summary>; <details> then shows
    its own "Details" in a box of another size. Seen as a layout shift of the brand and the menu
    under load: the header's boxes are the same with and without the summary."""
    page = browser.new_page(viewport=viewport)
    page.goto(f"{photo_site}/diary/shoot/")
    arrived, marker = page.evaluate(HEADER_BOXES), page.evaluate(MARKER_X)
    page.evaluate("document.querySelector('.site-nav--narrow > summary').firstChild.remove()")  # its text not yet
    assert page.evaluate(HEADER_BOXES) == arrived
    assert page.evaluate(MARKER_X) == marker  # the summary's marker, which no shift report names
    page.evaluate("document.querySelector('.site-nav--narrow > summary').remove()")
    assert page.evaluate("document.querySelector('.site-nav--narrow').getBoundingClientRect().width") > 0
    assert page.evaluate(HEADER_BOXES) == arrived
    page.evaluate("document.querySelector('.site-nav--narrow').remove()")  # not parsed yet at all
    assert page.evaluate(HEADER_BOXES)[0] == arrived[0]  # the brand stays where it is
    page.close()


def test_livereload_shows_a_failed_build_over_the_page_and_clears_it_when_fixed(browser, tmp_path):
    """`invoke livereload` on a fixture film: a save with a bad field keeps the last good page
    and lays the problem over it, naming file and field; the next good save clears it."""
    from helpers import live_preview, write_film

    entry = "Title: A day\nDate: 2026-05-01 10:00\nPhase: {phase}\n\nWe began.\n"
    content = write_film(tmp_path, {"diary/a.md": entry.format(phase="production")})
    with live_preview(tmp_path, content) as (site, _):
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(f"{site}/diary/a/")
        assert page.locator("h1").inner_text() == "A day" and page.locator(".build-error").count() == 0
        (content / "diary" / "a.md").write_text(entry.format(phase="shooting"), encoding="utf-8")
        page.wait_for_selector(".build-error", timeout=60_000)  # livereload reloads the page by itself
        overlay = page.locator(".build-error").inner_text()
        assert 'content/diary/a.md: Phase: "shooting" is not a production phase' in overlay
        assert page.locator("h1").inner_text() == "A day"  # the last good build stays served under it
        fixed = entry.format(phase="production").replace("A day", "A good day")
        (content / "diary" / "a.md").write_text(fixed, encoding="utf-8")  # once: every save is seen
        page.wait_for_function(
            "document.querySelector('h1') && document.querySelector('h1').innerText === 'A good day'", timeout=60_000
        )
        assert page.locator(".build-error").count() == 0
        again = fixed.replace("A good day", "A better day")  # at once, before the last reload settles
        (content / "diary" / "a.md").write_text(again, encoding="utf-8")
        page.wait_for_function(
            "document.querySelector('h1') && document.querySelector('h1').innerText === 'A better day'", timeout=60_000
        )
        page.close()
