"""One shape for a post read from a social network, whichever feature reads it (walls, embeds,
backfeed): the network modules turn their API's JSON into it, sanitizing once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Author:
    id: str  # account id or DID
    name: str  # display name, plain text
    handle: str  # "@fan@instance.social", "@fan.bsky.social"
    url: str  # the profile, passed through the URL policy
    avatar: str = ""  # the remote picture's URL (callers store it locally)
    created: str = ""  # when the account was made, ISO 8601 UTC (walls' curation)


@dataclass(frozen=True)
class Picture:
    url: str  # remote; callers store it locally
    alt: str = ""


@dataclass(frozen=True)
class SocialPost:
    network: str  # "Mastodon", "Bluesky"
    id: str
    url: str  # the post's public page
    author: Author
    date: str  # ISO 8601 UTC
    html: str = ""  # sanitized HTML (Mastodon)
    text: str = ""  # plain text (Bluesky)
    pictures: tuple[Picture, ...] = ()
    visibility: str = "public"  # Mastodon: public, unlisted, private, direct
    parent: str = ""  # the id of the post it answers
    boost: bool = False  # a boost/repost of someone else's post
    sensitive: bool = False  # behind a content warning


def obj(value) -> dict:
    """A fetched JSON value where an object is expected: itself, or {} when it is anything else."""
    return value if isinstance(value, dict) else {}


def objects(value) -> list[dict]:
    """A fetched JSON value where a list of objects is expected: its objects, nothing else."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, (list, tuple)) else []
