"""The one HTTP session of Marquee: nothing else in the package opens a socket.

requests + requests-cache on disk. Every request is bounded (bounded.py: a total deadline, a
byte cap enforced while reading, one name lookup pinned for the connection, payload-named URLs
on public hosts only); redirects are followed only within the same host; a fresh cached copy is served without a request. When the network or the server
fails, or the answer is not what was asked for, the last cached copy is used with a warning;
if there is none, the caller gets None and a warning. Offline mode never opens a socket.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from urllib.parse import urljoin, urlparse

import requests
from requests_cache import CachedSession

from ..settings.net import NetSettings
from . import NETWORK, bounded
from .policy import PrivateHost
from .reasons import reason

log = logging.getLogger(__name__)


_OFFLINE_SAID: set[str] = set()


class FetchError(Exception):
    pass


@dataclass(frozen=True)
class Fetched:
    url: str
    body: bytes
    content_type: str  # without parameters, lower case
    from_cache: bool
    stale: bool = False  # True when served from cache because a fresh fetch failed

    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")  # invalid UTF-8 never stops a build


class Fetcher:
    """GET with caching, limits and fallbacks. Thread-safe enough for a small pool of workers."""

    def __init__(self, settings: NetSettings):
        self.settings = settings
        settings.cache_dir.mkdir(parents=True, exist_ok=True)
        self.session = CachedSession(
            str(settings.cache_dir / "http"),
            backend="filesystem",
            serializer="json",
            expire_after=max(1, settings.fresh_for),  # 0 would mean "never store": nothing to fall back on
            allowable_codes=(200,),
        )  # stale copies on failure: get() falls back itself, so the warning says why
        self.session.headers["User-Agent"] = settings.user_agent
        bounded.mount(self.session, bounded.Limits(settings.deadline, settings.max_bytes))

    def _cached(self, url: str, params: dict | None):
        request = self.session.prepare_request(requests.Request("GET", url, params=params))
        return self.session.cache.get_response(self.session.cache.create_key(request))

    def _request(
        self, url: str, params: dict | None, accept: tuple[str, ...], public_only: bool, max_bytes: int
    ) -> requests.Response:
        host = urlparse(url).hostname
        public_only = public_only and not self.settings.allow_private
        for _ in range(4):  # the request and up to three redirects (each hop's host checked when it connects)
            with bounded.limits(public_only=public_only, max_bytes=max_bytes or self.settings.max_bytes):
                response = self.session.get(url, params=params, timeout=self.settings.timeout, allow_redirects=False)
            if response.is_redirect:
                target = urljoin(url, response.headers.get("Location", ""))
                if urlparse(target).hostname != host:
                    raise FetchError(f"{url}: redirected to another host ({urlparse(target).hostname})")
                url, params = target, None
                continue
            if response.status_code == 429:
                raise FetchError(f"{url}: rate limited (429, Retry-After {response.headers.get('Retry-After', '?')})")
            if response.status_code != 200:
                raise FetchError(f"{url}: HTTP {response.status_code}")
            kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if accept and not any(kind == a or (a.endswith("/") and kind.startswith(a)) for a in accept):
                raise FetchError(f"{url}: got {kind or 'no content type'}, expected {' or '.join(accept)}")
            return response
        raise FetchError(f"{url}: too many redirects")

    def get(
        self,
        url: str,
        params: dict | None = None,
        accept: tuple[str, ...] = (),
        public_only: bool = False,
        max_bytes: int = 0,
    ) -> Fetched | None:
        """The body at `url`, or None (with a warning) when neither the network nor the cache has it.

        `accept` lists content types ("application/json", or a prefix such as "image/").
        `public_only`: the URL was named by a fetched payload, not by the producer, so it may only
        reach public hosts (checked on the address the connection uses, on every redirect).
        `max_bytes`: this kind of answer's cap, when it is not the settings' (MARQUEE_NET_MAX_BYTES).
        """
        cached = self._cached(url, params)  # looked up once: the fresh copy, or the fallback
        if self.settings.offline:
            if cached is None:
                if url not in _OFFLINE_SAID:  # once per process: a live preview rebuilds often
                    _OFFLINE_SAID.add(url)
                    log.warning("offline: %s is not in the cache; building without it", url, extra=NETWORK)
                return None
            return Fetched(url, cached.content, _type(cached), from_cache=True)
        if cached is not None and not cached.is_expired:  # the common case of a rebuild, made cheap
            return Fetched(url, cached.content, _type(cached), from_cache=True)
        try:
            response = self._request(url, params, accept, public_only, max_bytes)
            return Fetched(
                url, response.content, _type(response), from_cache=bool(getattr(response, "from_cache", False))
            )
        except PrivateHost as error:
            log.warning("%s: %s; not fetched (payloads may only name public hosts)", url, error)
            return None
        except (requests.RequestException, FetchError, ValueError) as error:
            why = str(error) if isinstance(error, FetchError) else reason(error, urlparse(url).hostname or "")
            said = why if url in why else f"{url}: {why}"  # the warning names what was fetched
            if cached is not None:
                log.warning("%s; using the copy cached earlier", said, extra=NETWORK)
                return Fetched(url, cached.content, _type(cached), from_cache=True, stale=True)
            log.warning("%s; nothing cached, building without it", said, extra=NETWORK)
            return None

    def json(self, url: str, params: dict | None = None):
        """Parsed JSON, or None (with a warning) when it cannot be had or is not JSON."""
        import json

        fetched = self.get(url, params, accept=("application/json", "application/activity+json"))
        if fetched is None:
            return None
        try:
            return json.loads(fetched.text())
        except ValueError as error:
            log.warning("%s: not valid JSON (%s); building without it", url, error)
            return None

    def expire_cached(self) -> None:
        """Treat every cached answer as stale: the next request for it asks the server again."""
        for key in list(self.session.cache.responses.keys()):
            response = self.session.cache.responses[key]
            response.expires = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
            self.session.cache.responses[key] = response

    def close(self) -> None:
        self.session.close()


def _type(response) -> str:
    return response.headers.get("Content-Type", "").split(";")[0].strip().lower()
