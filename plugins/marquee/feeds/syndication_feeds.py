"""Atom and RSS 2.0 feeds with feedgen (full content, absolute URLs, media:thumbnail, tags)."""

from __future__ import annotations

from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from .entries import FeedItem


@dataclass(frozen=True)
class FeedInfo:
    """Who the feed is and where it lives."""

    id: str
    title: str
    description: str
    home_url: str  # the page this feed follows
    feed_url: str  # where this very file is served
    language: str = "en"
    author: str = ""
    logo: str = ""  # wide (Atom's logo)
    icon: str = ""  # square, large (Atom's icon, JSON Feed's icon): 512 px
    small_icon: str = ""  # square, 144 px: RSS 2.0's channel image may be at most 144 wide
    favicon: str = ""  # square, 64 px: JSON Feed's favicon


def generator(info: FeedInfo, items: list[FeedItem]) -> FeedGenerator:
    """A FeedGenerator holding `items` (newest first); its dates come from the posts, not the clock."""
    fg = FeedGenerator()
    fg.load_extension("media")
    fg.load_extension("dc")  # dc:creator: RSS's <author> must be an email address
    fg.id(info.id)
    fg.title(info.title)
    fg.subtitle(info.description)
    fg.description(info.description)
    fg.link(href=info.feed_url, rel="self")
    fg.link(href=info.home_url, rel="alternate")  # last: feedgen makes the last link RSS's <link>
    fg.language(info.language)
    fg.generator("Marquee")
    if info.author:
        fg.author({"name": info.author})
    if info.logo:
        fg.logo(info.logo)
    if info.small_icon:
        fg.image(url=info.small_icon, title=info.title, link=info.home_url, width="144", height="144")
    if info.icon:
        fg.icon(info.icon)
    latest = max((i.date_modified for i in items), default=None)
    if latest:
        fg.updated(latest)
        fg.lastBuildDate(latest)
    for feed_item in items:
        entry = fg.add_entry(order="append")
        entry.id(feed_item.id)
        entry.guid(feed_item.id, permalink=False)
        entry.title(feed_item.title)
        entry.link(href=feed_item.url)
        entry.published(feed_item.date_published)
        entry.updated(feed_item.date_modified)
        entry.summary(feed_item.summary or feed_item.title)
        entry.content(feed_item.content_html, type="html")
        if info.author:
            entry.author({"name": info.author})  # Atom
            entry.dc.dc_creator(info.author)  # RSS
        for tag in feed_item.tags:
            entry.category(term=tag, label=tag)
        thumbnail = feed_item.image or feed_item.share_image
        if thumbnail:
            entry.media.thumbnail(
                {"url": thumbnail.url, "width": str(thumbnail.width), "height": str(thumbnail.height)}
            )
    return fg


def atom(info: FeedInfo, items: list[FeedItem]) -> bytes:
    return generator(info, items).atom_str(pretty=True)


def rss(info: FeedInfo, items: list[FeedItem]) -> bytes:
    return generator(info, items).rss_str(pretty=True)
