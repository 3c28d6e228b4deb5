"""The network for building: one cached HTTP session (http.Fetcher: embeds, walls, images) and
image localizing (images.localize), both behind the URL policy (policy.py).

Publishing talks to the networks through their own client libraries (Mastodon.py, atproto,
tweepy) and plain requests sessions (syndication channels, webmentions, the webmention.io and
analytics APIs): those are live calls that must not be cached, so they do not go through here."""

from .http import Fetched, FetchError, Fetcher, NetSettings
from .images import LocalImage, localize

__all__ = ["FetchError", "Fetched", "Fetcher", "LocalImage", "NetSettings", "localize"]
