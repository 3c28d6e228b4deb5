"""What a film's home page says about it beyond its facts (MARQUEE_FILM): laurels, press quotes,
where to watch it, and the one call to action that follows the film's stage."""

from __future__ import annotations

from dataclasses import dataclass

from ..net.policy import web_url
from .fields import Problem

# How a film is offered where it can be watched, as schema.org names the offer.
OFFERS = {"subscription": "Streaming", "rent": "Rent", "buy": "Buy", "free": "Free"}
SETTINGS = "pelicanconf.py"


@dataclass(frozen=True)
class Laurel:
    festival: str
    award: str = "Official Selection"
    year: int | None = None


@dataclass(frozen=True)
class Quote:
    quote: str
    source: str
    url: str = ""


@dataclass(frozen=True)
class WatchLink:
    name: str  # "Curzon Home Cinema"
    url: str
    offer: str = "subscription"  # one of OFFERS

    @property
    def offer_label(self) -> str:
        return OFFERS[self.offer]


@dataclass(frozen=True)
class CallToAction:
    label: str
    href: str
    kind: str  # "watch", "tickets" or "trailer": the film's stage


def _entries(film_value, name: str, keys: dict, problems: list) -> list[dict]:
    """The dicts of a list setting, each bad entry named; `keys` maps every key to whether it is required."""
    found = []
    for number, entry in enumerate(film_value or (), start=1):
        field = f"MARQUEE_FILM {name} {number}"
        if not isinstance(entry, dict):
            problems.append(
                Problem(
                    SETTINGS,
                    field,
                    f"{entry!r} is not an entry (expected {{{', '.join(repr(k) + ': …' for k in keys)}}})",
                )
            )
            continue
        unknown = sorted(set(entry) - set(keys))
        missing = [key for key, required in keys.items() if required and not str(entry.get(key) or "").strip()]
        for key in unknown:
            problems.append(Problem(SETTINGS, f"{field} {key}", f"is not a {name} field (expected {', '.join(keys)})"))
        for key in missing:
            problems.append(Problem(SETTINGS, f"{field} {key}", "missing (required)"))
        if not unknown and not missing:
            found.append((field, entry))
    return found


def laurels(film, problems: list) -> tuple[Laurel, ...]:
    result = []
    for field, entry in _entries(film.laurels, "laurels", {"festival": True, "award": False, "year": False}, problems):
        year = entry.get("year")
        if year is not None and not (isinstance(year, int) and 1888 <= year <= 2200):
            problems.append(
                Problem(SETTINGS, f"{field} year", f"{year!r} is not a year (expected a number such as 2027)")
            )
            continue
        result.append(
            Laurel(str(entry["festival"]).strip(), str(entry.get("award") or "Official Selection").strip(), year)
        )
    return tuple(result)


def quotes(film, problems: list) -> tuple[Quote, ...]:
    result = []
    for field, entry in _entries(film.quotes, "quotes", {"quote": True, "source": True, "url": False}, problems):
        url = entry.get("url") or ""
        if url and not web_url(url):
            problems.append(Problem(SETTINGS, f"{field} url", f'"{url}" is not a web address (expected https://…)'))
            continue
        result.append(Quote(str(entry["quote"]).strip(), str(entry["source"]).strip(), url))
    return tuple(result)


def watch_links(film, problems: list) -> tuple[WatchLink, ...]:
    result = []
    for field, entry in _entries(film.watch, "watch", {"name": True, "url": True, "offer": False}, problems):
        offer = str(entry.get("offer") or "subscription").strip().lower()
        if not web_url(entry["url"]):
            problems.append(
                Problem(SETTINGS, f"{field} url", f'"{entry["url"]}" is not a web address (expected https://…)')
            )
        elif offer not in OFFERS:
            problems.append(
                Problem(SETTINGS, f"{field} offer", f'"{offer}" is not an offer (expected one of {", ".join(OFFERS)})')
            )
        else:
            result.append(WatchLink(str(entry["name"]).strip(), entry["url"], offer))
    return tuple(result)


def call_to_action(watch: tuple[WatchLink, ...], next_event, trailer: bool) -> CallToAction | None:
    """Once the film can be watched, where; while screenings sell tickets, the next one's; before
    that, the trailer."""
    if watch:
        return CallToAction("Where to watch", "#watch", "watch")
    tickets = getattr(getattr(next_event, "event", None), "tickets", "")
    if tickets:
        return CallToAction("Get tickets", tickets, "tickets")
    if trailer:
        return CallToAction("Watch the trailer", "#trailer", "trailer")
    return None


def watch_actions(watch: tuple[WatchLink, ...]) -> list[dict]:
    """schema.org WatchAction per link, for the Movie's potentialAction (access categories as
    Google's watch actions name them)."""
    category = {"subscription": "subscription", "rent": "rental", "buy": "purchase", "free": "free"}
    return [
        {
            "@type": "WatchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": link.url, "name": link.name},
            "actionAccessibilityRequirement": {"@type": "ActionAccessSpecification", "category": category[link.offer]},
        }
        for link in watch
    ]
