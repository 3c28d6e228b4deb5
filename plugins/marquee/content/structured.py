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
    """("12", "EUR") from "€12, €9 concession" or "12 EUR"; ("12", "") from "12" (the site's
    currency applies); ("0", "") for "Free"; None when unreadable."""
    if text.strip().lower().startswith("free"):
        return "0", ""
    number = r"(\d+(?:[.,]\d{1,2})?)"
    match = re.search(rf"([€£$])\s?{number}|{number}\s?([€£$]|[A-Z]{{3}}\b)?", text)
    if not match:
        return None
    if match[1]:
        return match[2].replace(",", "."), CURRENCIES[match[1]]
    code = match[4] or ""
    return match[3].replace(",", "."), CURRENCIES.get(code, code)


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
        data["datePublished"] = str(film.release_year)  # its release, not when it was made
    if film.genre:
        data["genre"] = film.genre
    return data


_POSTCODE = re.compile(
    r"(?:[A-Z]\d{2} ?[A-Z0-9]{4}|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|\d{4,5}(?:-\d{4})?|[A-Z]{1,3}-?\d{4,5})", re.I
)


def postal_address(text: str) -> dict:
    """ "4 Market Lane, Smithfield, Dublin 7, D07 K1X2, Ireland" -> a PostalAddress: the last part
    the country, a part shaped like a postcode the postal code, the part before the town, the rest
    the street. One part: the street."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    address = {"@type": "PostalAddress"}
    if len(parts) >= 3 and not re.search(r"\d", parts[-1]):
        address["addressCountry"] = parts.pop()
    codes = [p for p in parts[1:] if _POSTCODE.fullmatch(p)]
    if codes:
        address["postalCode"] = codes[-1]
        parts.remove(codes[-1])
    if len(parts) >= 2:
        address["addressLocality"] = parts.pop()
    address["streetAddress"] = ", ".join(parts)
    return dict(sorted(address.items(), key=lambda item: item[0] != "@type"))


def _place(event) -> dict:
    if event.online:
        return {"@type": "VirtualLocation", "url": event.online_url}
    place = {"@type": "Place", "name": event.venue, "address": postal_address(event.address or event.venue)}
    if event.geo:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": event.geo.lat, "longitude": event.geo.lon}
    return place


def organization(name: str, site_url: str) -> dict:
    return {"@type": "Organization", "name": name, "url": absolute(site_url, "")}


def event(article, film, site_url: str, image: str, currency: str = "EUR", company: str = "") -> dict:
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
        "organizer": organization(company or film.title, site_url),
    }
    if ev.guests:
        data["performer"] = [{"@type": "Person", "name": person.name} for person in ev.guests]
    if data["@type"] == "ScreeningEvent":
        presented = movie(film, site_url, film.poster)  # the film as the home page describes it
        data["workPresented"] = {key: value for key, value in presented.items() if key != "@context"}
    if ev.tickets or ev.price:
        offer = {"@type": "Offer", "url": ev.tickets or absolute(site_url, article.url)}
        amount = price(ev.price)
        if amount:
            offer["price"] = amount[0]
            offer["priceCurrency"] = amount[1] or currency  # Google asks for it even when free
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
    if ep.chapters:  # Google's key moments
        ends = [c.seconds for c in ep.chapters[1:]] + ([int(ep.duration.total_seconds())] if ep.duration else [None])
        data["hasPart"] = [
            {
                "@type": "Clip",
                "name": c.title,
                "startOffset": c.seconds,
                **({"endOffset": end} if end else {}),
                "url": absolute(site_url, ep.video.at(c.seconds)),
            }
            for c, end in zip(ep.chapters, ends, strict=False)
        ]
    if ep.transcript_html:
        data["transcript"] = strip_tags(ep.transcript_html).strip()
    if ep.guests:
        data["actor"] = [{"@type": "Person", "name": person.name} for person in ep.guests]
    return data


def posting(article, film, site_url: str, image: str, kind: str, company: str = "") -> dict:
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
        "author": organization(company or film.title, site_url),  # as the feeds and the footer name it
        "publisher": organization(company or film.title, site_url),
    }
    shoot = getattr(article, "shoot", None)
    if shoot and shoot.location:
        place = {"@type": "Place", "name": shoot.location}
        if shoot.geo:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": shoot.geo.lat, "longitude": shoot.geo.lon}
        data["contentLocation"] = place
    return data


def for_article(article, film, site_url: str, image: str, company: str = "", currency: str = "EUR") -> dict | None:
    data = _for_article(article, film, site_url, image, company, currency)
    if data is not None and getattr(article, "lang", None):
        data["inLanguage"] = article.lang  # the language this version is written in
    return data


def _for_article(article, film, site_url: str, image: str, company: str, currency: str) -> dict | None:
    if getattr(article, "event", None):
        return event(article, film, site_url, image, currency, company)
    if getattr(article, "episode", None):
        return video(article, site_url, image)
    if getattr(article, "release", None):
        return posting(article, film, site_url, image, "NewsArticle", company)
    if getattr(article, "shoot", None) or getattr(article, "contest", None):
        return posting(article, film, site_url, image, "BlogPosting", company)
    return None
