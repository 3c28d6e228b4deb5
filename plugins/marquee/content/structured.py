"""Structured data (schema.org JSON-LD) and link-preview (Open Graph) data for each page.

Python builds plain dicts; base.html serialises them with Jinja's tojson.
"""

from __future__ import annotations

import re

from .htmlparts import strip_tags

EVENT_STATUS = {
    "scheduled": "EventScheduled",
    "sold-out": "EventScheduled",
    "cancelled": "EventCancelled",
    "postponed": "EventPostponed",
    "rescheduled": "EventRescheduled",
    "moved-online": "EventMovedOnline",
}
CURRENCIES = {"€": "EUR", "£": "GBP", "$": "USD"}


def absolute(site_url: str, path: str) -> str:
    return path if "://" in path else f"{site_url}/{path.lstrip('/')}"


def price(text: str) -> tuple[str, str] | None:
    """("12", "EUR") from "€12, €9 concession"; ("0", "") for "Free"; None when unreadable."""
    if text.strip().lower().startswith("free"):
        return "0", ""
    match = re.search(r"([€£$])\s?(\d+(?:[.,]\d{2})?)|(\d+(?:[.,]\d{2})?)\s?(EUR|GBP|USD)", text)
    if not match:
        return None
    if match[1]:
        return match[2].replace(",", "."), CURRENCIES[match[1]]
    return match[3].replace(",", "."), match[4]


def movie(film, site_url: str, poster_src: str = "") -> dict:
    data = {"@context": "https://schema.org", "@type": "Movie", "name": film.title, "url": absolute(site_url, "")}
    if film.logline:
        data["description"] = film.logline
    if poster_src:
        data["image"] = absolute(site_url, poster_src)
    if film.director:
        data["director"] = {"@type": "Person", "name": film.director}
    if film.cast:
        data["actor"] = [{"@type": "Person", "name": name} for name in film.cast]
    if film.runtime_minutes:
        data["duration"] = f"PT{film.runtime_minutes}M"
    if film.release_year:
        data["dateCreated"] = str(film.release_year)
    if film.genre:
        data["genre"] = film.genre
    return data


def _place(event) -> dict:
    if event.online:
        return {"@type": "VirtualLocation", "url": event.online_url}
    place = {"@type": "Place", "name": event.venue, "address": event.address or event.venue}
    if event.geo:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": event.geo.lat, "longitude": event.geo.lon}
    return place


def event(article, film, site_url: str, image: str) -> dict:
    ev = article.event
    data = {
        "@context": "https://schema.org",
        "@type": "ScreeningEvent" if ev.kind in ("premiere", "screening") else "Event",
        "name": article.title,
        "description": strip_tags(article.summary),
        "url": absolute(site_url, article.url),
        "startDate": ev.start.isoformat(),
        "endDate": ev.finish.isoformat(),
        "eventStatus": f"https://schema.org/{EVENT_STATUS[ev.status]}",
        "eventAttendanceMode": "https://schema.org/"
        + ("OnlineEventAttendanceMode" if ev.online else "OfflineEventAttendanceMode"),
        "location": _place(ev),
        "image": [image],
        "organizer": {"@type": "Organization", "name": film.title, "url": absolute(site_url, "")},
    }
    if data["@type"] == "ScreeningEvent":
        data["workPresented"] = {"@type": "Movie", "name": film.title}
    if ev.tickets or ev.price:
        offer = {"@type": "Offer", "url": ev.tickets or absolute(site_url, article.url)}
        amount = price(ev.price)
        if amount:
            offer["price"] = amount[0]
            if amount[1]:
                offer["priceCurrency"] = amount[1]
        offer["availability"] = "https://schema.org/" + ("SoldOut" if ev.status == "sold-out" else "InStock")
        offer["validFrom"] = article.date.isoformat()
        data["offers"] = offer
    return data


def video(article, site_url: str, image: str) -> dict:
    ep = article.episode
    data = {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": article.title,
        "description": strip_tags(article.summary),
        "thumbnailUrl": [image],
        "uploadDate": article.date.isoformat(),
        "embedUrl": absolute(site_url, ep.video.embed_url),
        "url": absolute(site_url, article.url),
    }
    if ep.iso_duration:
        data["duration"] = ep.iso_duration
    if ep.video.provider == "file":
        data["contentUrl"] = absolute(site_url, ep.video.url)
    return data


def posting(article, film, site_url: str, image: str, kind: str) -> dict:
    """NewsArticle (press release) or BlogPosting (diary entry)."""
    data = {
        "@context": "https://schema.org",
        "@type": kind,
        "headline": article.title,
        "description": strip_tags(article.summary),
        "url": absolute(site_url, article.url),
        "mainEntityOfPage": absolute(site_url, article.url),
        "datePublished": article.date.isoformat(),
        "dateModified": getattr(article, "modified", article.date).isoformat(),
        "image": [image],
        "author": {"@type": "Organization", "name": film.title, "url": absolute(site_url, "")},
        "publisher": {"@type": "Organization", "name": film.title, "url": absolute(site_url, "")},
    }
    shoot = getattr(article, "shoot", None)
    if shoot and shoot.location:
        place = {"@type": "Place", "name": shoot.location}
        if shoot.geo:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": shoot.geo.lat, "longitude": shoot.geo.lon}
        data["contentLocation"] = place
    return data


def for_article(article, film, site_url: str, image: str) -> dict | None:
    if getattr(article, "event", None):
        return event(article, film, site_url, image)
    if getattr(article, "episode", None):
        return video(article, site_url, image)
    if getattr(article, "release", None):
        return posting(article, film, site_url, image, "NewsArticle")
    if getattr(article, "shoot", None):
        return posting(article, film, site_url, image, "BlogPosting")
    return None
