"""The network for building: one cached HTTP session (http.Fetcher: embeds, walls, images) and
image localizing (images.localize), both behind the URL policy (policy.py).

Publishing talks to the networks through their own client libraries (Mastodon.py, atproto,
tweepy) and plain requests sessions (syndication channels, webmentions, the webmention.io and
analytics APIs): those are live calls that must not be cached, so they do not go through here."""

from importlib import import_module

# Marks a warning that is about the network, not the content (log.warning(..., extra=NETWORK)):
# `invoke check` sums these up in one note instead of failing: on location, offline is normal.
NETWORK = {"network": True}

__all__ = ["FetchError", "Fetched", "Fetcher", "LocalImage", "NetSettings", "localize"]
_HOMES = {
    "FetchError": "http",
    "Fetched": "http",
    "Fetcher": "http",
    "NetSettings": "http",
    "LocalImage": "images",
    "localize": "images",
}


def __getattr__(name: str):
    """The HTTP stack is imported when first asked for: what needs only the URL policy (the
    sanitizer, the networks' parsers, and through them the settings) does not load it, and the
    settings it reads do not load in a circle."""
    if name in _HOMES:
        return getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
