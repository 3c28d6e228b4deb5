"""A producer's own film (`invoke init`, then posts) in Debian's Chromium: every page type clean,
accessible in both colour schemes, fitting a 320 px phone, the trailer in a phone's first screen,
the film's typeface and maps served from the site. Screenshots at phone and desktop sizes go to
test-artifacts/screenshots/your-film-*.png. (Lighthouse on the same film: bench/lighthouse.py --init.)"""

from __future__ import annotations

import re

import pytest
from browsing import Visit, assert_clean_and_accessible
from yourfilm import PAGES, build, make, media_server, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}


@pytest.fixture(scope="module")
def film_url(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("your-film")
    with media_server() as media:
        output = build(make(tmp), tmp / "output", media)
    with serve(output) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_type_is_clean_and_accessible(browser, film_url, name, size, scheme):
    assert_clean_and_accessible(
        browser,
        film_url + PAGES[name],
        f"your-film-{name.replace(' ', '-')}-{size}-{scheme}",
        color_scheme=scheme,
        **(PHONE if size == "phone" else DESKTOP),
    )


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_type_fits_320_px(browser, film_url, name):
    visit = Visit(browser, film_url + PAGES[name], viewport={"width": 320, "height": 640}, is_mobile=True)
    try:
        width, window = visit.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width <= window, f"{name} is {width} px wide in a {window} px viewport"
    finally:
        visit.close()


def test_the_home_page_is_the_films(browser, film_url):
    visit = Visit(browser, film_url + "/", **PHONE)
    try:
        page = visit.page
        page.evaluate("window.scrollTo(0, 0)")
        # The key art across the screen, the title over it, then the trailer: all in the first screen.
        art = page.locator(".hero__image").bounding_box()
        assert art["x"] == 0 and art["width"] == 390
        trailer = page.locator("#trailer a[data-embed-src]").bounding_box()
        assert 0 <= trailer["y"] and trailer["y"] + trailer["height"] <= 844, trailer
        assert page.locator("#trailer img.embed__poster").evaluate("img => img.complete && img.naturalWidth > 0")
        # The one call to action follows the stage: a premiere selling tickets.
        actions = page.locator(".hero__actions a.button[data-stage]")
        assert actions.count() == 1 and actions.inner_text() == "Entradas"  # the film speaks Spanish (--language es)
        assert actions.get_attribute("href") == "https://tickets.lowseason.example/estreno"
        # Titles in the film's typeface, loaded from this site.
        assert page.evaluate("document.fonts.ready.then(() => document.fonts.check('400 2rem \"Bebas Neue\"'))")
        assert page.locator(".hero__title").evaluate("h => getComputedStyle(h).fontFamily").startswith('"Bebas Neue"')
        assert page.locator(".laurel").count() == 1 and page.locator(".quote").count() == 1
        assert page.locator("#latest-news").count() == 0  # its three posts are featured above: no empty "Latest news"
        assert re.fullmatch(
            r"rgb\(\d+, \d+, \d+\)", page.locator(".site-header").evaluate("h => getComputedStyle(h).backgroundColor")
        )
        assert visit.problems == []
    finally:
        visit.close()


def test_the_diary_entrys_map_comes_from_the_site(browser, film_url):
    visit = Visit(browser, film_url + PAGES["diary entry"], **PHONE)
    try:
        figure = visit.page.locator("figure.map img")
        assert figure.get_attribute("src").startswith("/images/maps/") and figure.get_attribute("alt").startswith(
            "Map of Playa de la Malvarrosa"
        )
        assert figure.evaluate("img => img.complete && img.naturalWidth === 640")
        assert visit.problems == []  # every request stayed on 127.0.0.1
    finally:
        visit.close()
