"""What Marquee adds to the template context (``marquee``, a SiteData): the film's identity
(typeface, title art, laurels, quotes, where to watch, trailer, call to action) and its maps."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from .. import maps
from .. import settings as marquee_settings
from . import identity, palette, typeface
from .catalog import Collections
from .fields import Problem
from .pictures import Picture, content_file, picture

log = logging.getLogger("marquee.content")


LOCATIONS = "diary/locations/"  # the diary's locations page


@dataclass
class SiteData:
    """Everything Marquee adds to the template context, under the name ``marquee``."""

    film: marquee_settings.Film
    sections: dict[str, str]
    settings: marquee_settings.MarqueeSettings
    catalog: Collections = field(default_factory=Collections)
    nav_pages: list = field(default_factory=list)
    poster: Picture | None = None
    key_art: Picture | None = None
    press_kit: object = None  # the press kit page, when there is one
    problems: list = field(default_factory=list)
    movie: dict = field(default_factory=dict)  # schema.org Movie, for home and about
    typeface: typeface.Typeface | None = None
    title_art: Picture | None = None
    laurels: tuple = ()
    quotes: tuple = ()
    watch: tuple = ()
    trailer_html: str = ""  # the trailer's facade (marquee.embeds), played in place on the home page
    call_to_action: identity.CallToAction | None = None
    locations_map: maps.MapImage | None = None
    maps: list = field(default_factory=list)  # every MapImage of the build, copied into images/maps/
    listing_versions: dict = field(
        default_factory=dict
    )  # "diary/" -> {language: its edition's root}: hreflang, switcher

    def theme_css(self, fonts_url: str) -> str:
        """The film's own colours and typeface as CSS ("" for the theme's)."""
        css = palette.css(self.film.colours) + (self.typeface.css(fonts_url) if self.typeface else "")
        return Markup(css.replace("<", "\\3c "))  # raw text in <style>: quotes stay, no tag can close it

    @property
    def profiles(self) -> list[tuple[str, str]]:
        """The film's own accounts (MARQUEE_FILM accounts) as (network, address)."""
        from ..networks import profile_label

        return [(profile_label(url), url) for url in self.film.accounts]

    @property
    def home_share(self) -> Picture:
        return Picture("images/share/home.jpg", self.film.poster_alt or self.film.title, 1200, 630)


def share_picture(post, kind: str, site: SiteData) -> Picture:
    alt = post.image.alt if isinstance(getattr(post, "image", None), Picture) else site.home_share.alt
    return Picture(f"images/share/{kind}-{post.slug}.jpg", alt, 1200, 630)


def trailer_html(pelican_settings: dict, film, language: str) -> Markup | str:
    """The film's trailer as a facade (marquee.embeds), its words in `language`; "" without one.
    With its own poster it has a title too (the film's by default), and nothing is fetched."""
    embedders = [e for e in pelican_settings.get("MARKDOWN", {}).get("extensions", []) if hasattr(e, "embed_html")]
    if not (film.trailer and embedders):
        return ""
    options = {"poster": film.trailer_poster, "title": film.trailer_title or film.title} if film.trailer_poster else {}
    if film.trailer_title:
        options["title"] = film.trailer_title
    return Markup(embedders[0].embed_html(film.trailer, options, language=language) or "")


def dress(site: SiteData, pelican_settings: dict, content: Path, problems: list) -> None:
    """The film's identity: its typeface, title art, laurels, quotes, where to watch it, its
    trailer played in place and the call to action of its stage."""
    film = site.film
    face = typeface.read(film.typeface, content, Path(pelican_settings["THEME"]), film.typeface_weight)
    if isinstance(face, Problem):
        problems.append(face)
    else:
        site.typeface = face
    if film.title_art:
        if content_file(content, film.title_art) is None:
            problems.append(
                Problem(
                    "pelicanconf.py",
                    "MARQUEE_FILM title_art",
                    f'"{film.title_art}" is not a file under content/ (expected a path such as images/title.png)',
                )
            )
        else:
            site.title_art = picture(content, film.title_art, film.title)
    site.laurels = identity.laurels(film, problems)
    site.quotes = identity.quotes(film, problems)
    site.watch = identity.watch_links(film, problems)
    site.trailer_html = trailer_html(pelican_settings, film, site.settings.languages[0].code)
    site.call_to_action = identity.call_to_action(site.watch, site.catalog.next_event, bool(film.trailer))


def draw_maps(site: SiteData, articles) -> None:
    """The locations page's map (every place, numbered as listed) and each located diary entry's."""
    settings = site.settings
    maker = maps.MapMaker(settings.maps, settings.net, Path(settings.cache_path))
    located = [place for place in site.catalog.locations if place.geo]
    for number, place in enumerate(located, start=1):
        place.pin = str(number)
    pins = [maps.Pin(p.geo.lat, p.geo.lon, p.pin) for p in located]
    names = ", ".join(f"{p.pin} {p.name}" for p in located)
    site.locations_map = maker.map(pins, f"Map of the shooting locations: {names}", 960, 540)
    entries = [a for a in articles if getattr(a, "shoot", None) and a.shoot.geo]
    for number, article in enumerate(sorted(entries, key=lambda a: a.source_path), start=1):
        shoot = article.shoot
        article.map = maker.map(
            [maps.Pin(shoot.geo.lat, shoot.geo.lon)],
            f"Map of {shoot.location or 'the location'} ({shoot.geo})",
            640,
            320,
            settings.maps.zoom,
        )
        if number % 10 == 0:
            log.info("maps: %d of %d diary entries", number, len(entries))
    site.maps = maker.made
    if maker.tiles_asked:
        log.info("maps: drew %d map(s) from %d tile(s)", len(maker.made), maker.tiles_asked)
    maker.close()


def marquee_outputs(site: SiteData) -> dict[str, str]:
    """The pages Marquee writes itself (ContentPagesGenerator, the language editions), for the collision check."""
    found = {f"{LOCATIONS}index.html": "the diary's locations page"} if site.catalog.locations else {}
    for series in site.catalog.series:
        found[f"{series.url}index.html"] = f'the index of series "{series.name}"'
    for language in site.settings.languages[1:]:
        found[f"{language.root}index.html"] = f"the {language.name} edition's home page"
        found[f"{language.root}follow/index.html"] = f"the {language.name} edition's Follow page"
        for section in site.sections:
            found[f"{language.root}{section}/index.html"] = f"the {language.name} edition's {section} page"
    return found
