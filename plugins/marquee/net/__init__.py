"""The network: one HTTP session (http.Fetcher) and image localizing (images.localize)."""

from .http import Fetched, FetchError, Fetcher, NetSettings
from .images import LocalImage, localize

__all__ = ["FetchError", "Fetched", "Fetcher", "LocalImage", "NetSettings", "localize"]
