"""One FeedItem per post: what every feed format (Atom, RSS, JSON Feed, podcast) is made from."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from ..content.htmlparts import strip_tags
from ..net.links import outgoing_links

_URL_ATTR = re.compile(r'(\s(?:href|src|poster)=")([^"]*)(")')
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)(")')


def absolutize(html: str, page_url: str) -> str:
    """Make every href/src/poster/srcset in `html` absolute, resolved against `page_url`."""

    def one(match):
        value = match[2]
        if value.startswith(("#", "mailto:", "tel:", "data:")):
            return match[0]
        return match[1] + urljoin(page_url, value) + match[3]

    def many(match):
        parts = []
        for candidate in match[2].split(","):
            url, *descriptor = candidate.strip().split()
            parts.append(" ".join([urljoin(page_url, url), *descriptor]))
        return match[1] + ", ".join(parts) + match[3]

    return _SRCSET.sub(many, _URL_ATTR.sub(one, html))


@dataclass(frozen=True)
class Image:
    url: str
    alt: str
    width: int | None = None
    height: int | None = None
    mime: str = "image/jpeg"


@dataclass(frozen=True)
class FeedItem:
    id: str  # permanent: never changes when the post is edited or the site moves
    url: str
    title: str
    content_html: str
    summary: str
    date_published: dt.datetime
    date_modified: dt.datetime
    section: str
    tags: tuple[str, ...] = ()
    image: Image | None = None  # the post's own image, if it has one
    share_image: Image | None = None  # the 1200x630 link-preview image
    syndicate: bool = True
    texts: dict = field(default_factory=dict)  # network -> text written for it
    details: dict = field(default_factory=dict)  # per-type fields for syndication templates
    post: object = None  # the Pelican article, for format-specific fields (episodes)
    links: tuple[str, ...] = ()  # the body's links that leave the site (webmentions are sent to them)


def post_id(prefix: str, article) -> str:
    """A translation's id has its language: each version goes out on its own."""
    language = "" if getattr(article, "in_default_lang", True) else f"{article.lang}/"
    return f"{prefix}{language}{article.category.slug}/{article.slug}"


def item(article, base_url: str, id_prefix: str, full_content: bool = True) -> FeedItem:
    url = f"{base_url}/{article.url}"
    picture = getattr(article, "image", None)
    image = None
    if picture is not None and getattr(picture, "src", None):
        image = Image(f"{base_url}/{picture.src}", picture.alt, picture.width, picture.height)
    share = getattr(article, "share", None)
    share_image = Image(f"{base_url}/{share.src}", share.alt, share.width, share.height) if share else None
    hints = getattr(article, "syndication", None)
    body = absolutize(article.content, url)  # once: the feed's content and the webmention targets
    return FeedItem(
        id=post_id(id_prefix, article),
        url=url,
        title=article.title.strip() or article.slug,  # plain text: a title is not markup
        content_html=body if full_content else absolutize(article.summary, url),
        summary=strip_tags(article.summary).strip(),
        date_published=article.date,
        date_modified=getattr(article, "modified", None) or article.date,
        section=article.category.slug,
        tags=tuple(str(tag) for tag in getattr(article, "tags", ())),
        image=image,
        share_image=share_image,
        syndicate=hints.allowed if hints else True,
        texts=dict(hints.texts) if hints else {},
        details=details(article),
        post=article,
        links=tuple(outgoing_links(body, base_url)),
    )


def details(article) -> dict:
    """The type-specific fields a syndication template may use (see settings/syndication.py), in
    the post's language."""
    from ..languages.words import localized, translations

    language = getattr(article, "lang", None) or "en"
    english = language.startswith("en")
    settings = getattr(article, "settings", None) or {}
    _ = translations(Path(settings.get("THEME", "theme")), language).gettext
    if shoot := getattr(article, "shoot", None):
        return {"location": shoot.location, "day": _("Day %(day)s") % {"day": shoot.day} if shoot.day else ""}
    if episode := getattr(article, "episode", None):
        names = [guest.name for guest in episode.guests]
        if english:
            guests = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)
        else:
            from babel.lists import format_list

            guests = format_list(names, locale=language.replace("-", "_")) if names else ""
        return {"series": episode.series, "number": str(episode.number), "guests": guests}
    if event := getattr(article, "event", None):
        return {
            "when": event.start.strftime("%a %-d %b %Y, %H:%M")
            if english
            else localized(event.start, "short", language.replace("-", "_")),
            "venue": event.venue,
            "status": "" if event.status == "scheduled" else event.status,
        }
    return {}


def newest(items: list[FeedItem], limit: int | None) -> list[FeedItem]:
    ordered = sorted(items, key=lambda i: (i.date_published, i.id), reverse=True)
    return ordered[:limit] if limit else ordered
