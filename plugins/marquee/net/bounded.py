"""Every HTTP exchange Marquee has with the outside is bounded here, whoever makes it.

`requests`' timeout is per read: a server that sends a byte every few seconds is never cut off,
and nothing caps how much it sends. A :class:`BoundedAdapter` mounted on a session gives every
request through it

- a total deadline (connect, headers and body together): a watchdog shuts the exchange's sockets
  down when it passes, and the caller gets :class:`TooSlow`;
- a byte cap on the body, read while it arrives (:class:`TooLarge`), never after;
- one name lookup per connection: the socket connects to the address that was checked, so a
  name that answers public first and loopback second (DNS rebinding) cannot slip past the
  public-host check (`public_only`), which also runs for every host a redirect names.

:func:`session` makes such a session; :func:`limits` narrows them for the requests made inside it
(a webmention.io answer may be larger than a target page, a payload-named URL must be public).
"""

from __future__ import annotations

import contextlib
import contextvars
import socket
import threading
from dataclasses import dataclass, replace

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

from .policy import PrivateHost, is_public_address


class TooSlow(requests.Timeout):
    """No complete answer within the total deadline."""


class TooLarge(requests.RequestException):
    """The answer is larger than its byte cap."""


@dataclass(frozen=True)
class Limits:
    deadline: float = 30.0  # seconds for the whole exchange
    max_bytes: int = 5_000_000  # of the body, as it arrives
    public_only: bool = False  # payload-named URLs: public hosts only
    truncate: bool = False  # keep the first max_bytes instead of refusing (a page read for its <head>)


_LIMITS: contextvars.ContextVar[Limits | None] = contextvars.ContextVar("marquee_limits", default=None)
_EXCHANGE: contextvars.ContextVar[_Exchange | None] = contextvars.ContextVar("marquee_exchange", default=None)


@contextlib.contextmanager
def limits(**changes):
    """Requests made inside this block (in this thread) use these limits over their session's."""
    token = _LIMITS.set(changes)  # type: ignore[arg-type]  (merged with the adapter's in send)
    try:
        yield
    finally:
        _LIMITS.reset(token)


class _Exchange:
    """One request's state: the addresses it checked, the sockets it opened, whether time ran out."""

    def __init__(self, limits: Limits, resolve):
        self.limits, self.resolve = limits, resolve
        self.sockets: list[socket.socket] = []
        self.expired = False
        self._lock = threading.Lock()

    def addresses(self, host: str, port: int) -> list[tuple]:
        """The host's addresses, looked up once; with public_only, refused unless all are public."""
        try:
            infos = self.resolve(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as error:
            raise NewConnectionError(None, f"cannot resolve {host} ({error})") from None
        if self.limits.public_only:
            private = sorted({info[4][0] for info in infos if not is_public_address(info[4][0])})
            if private or not infos:
                raise PrivateHost(f"{host} is not a public host ({', '.join(private) or 'no address'})")
        return infos

    def track(self, sock: socket.socket) -> None:
        with self._lock:
            self.sockets.append(sock)
            expired = self.expired
        if expired:
            _shut(sock)

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self.sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)  # wakes a read blocked in another thread


class _Pinned:
    """A urllib3 connection that connects to the address its exchange checked, and lets the
    exchange's watchdog cut it (new or reused from the pool)."""

    def _new_conn(self) -> socket.socket:
        exchange = _EXCHANGE.get()
        if exchange is None:  # not through a BoundedAdapter's send: urllib3 as usual
            return super()._new_conn()
        last: OSError | None = None
        for family, kind, proto, _, address in exchange.addresses(self._dns_host, self.port):
            sock = socket.socket(family, kind, proto)
            try:
                for option in self.socket_options or ():
                    sock.setsockopt(*option)
                exchange.track(sock)
                sock.settimeout(self.timeout if isinstance(self.timeout, (int, float)) else None)
                sock.connect(address[:2] if family == socket.AF_INET else address)
                return sock
            except TimeoutError:
                sock.close()
                raise ConnectTimeoutError(self, f"connection to {self.host} timed out") from None
            except OSError as error:
                sock.close()
                last = error
        raise NewConnectionError(self, f"failed to connect to {self.host}: {last}")

    def request(self, *args, **kwargs):
        exchange = _EXCHANGE.get()
        if exchange is not None and self.sock is not None:
            exchange.track(self.sock)  # a connection kept alive from an earlier request
        return super().request(*args, **kwargs)


class _HTTP(_Pinned, HTTPConnection):
    pass


class _HTTPS(_Pinned, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTP


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPS


class BoundedAdapter(HTTPAdapter):
    def __init__(self, limits: Limits, resolve=None, **kwargs):
        self.limits = limits
        self.resolve = resolve  # None: socket.getaddrinfo as it is when the request is made
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}

    def send(self, request, stream=False, timeout=None, **kwargs):
        limits = replace(self.limits, **(_LIMITS.get() or {}))
        exchange = _Exchange(limits, self.resolve or socket.getaddrinfo)
        token = _EXCHANGE.set(exchange)
        watchdog = threading.Timer(limits.deadline, exchange.expire)
        watchdog.daemon = True
        watchdog.start()
        try:
            response = super().send(request, stream=True, timeout=timeout, **kwargs)
            response._content = _body(response, limits)
            if exchange.expired:  # a body cut short by the watchdog is not an answer
                raise TooSlow(f"{request.url}: no complete answer within {limits.deadline:g} s")
            response._content_consumed = True  # iter_content() now gives the body read here
            return response
        except requests.RequestException as error:
            if exchange.expired and not isinstance(error, TooLarge):
                raise TooSlow(f"{request.url}: no complete answer within {limits.deadline:g} s") from None
            raise
        finally:
            watchdog.cancel()
            _EXCHANGE.reset(token)


def _body(response: requests.Response, limits: Limits) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if not limits.truncate and declared.isascii() and declared.isdigit() and int(declared) > limits.max_bytes:
        response.close()
        raise TooLarge(f"{response.url}: {declared} bytes is over the {limits.max_bytes}-byte limit")
    chunks, size = [], 0
    try:
        for chunk in response.iter_content(64 * 1024):
            chunks.append(chunk)
            size += len(chunk)
            if size > limits.max_bytes:
                response.close()
                if limits.truncate:
                    break
                raise TooLarge(f"{response.url}: the answer is over the {limits.max_bytes}-byte limit")
    except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError) as error:
        response.close()
        raise requests.ConnectionError(f"{response.url}: the answer broke off ({error})") from None
    return b"".join(chunks)[: limits.max_bytes] if limits.truncate else b"".join(chunks)


def session(
    limits: Limits, user_agent: str = "", resolve=None, base: type[requests.Session] = requests.Session
) -> requests.Session:
    """A session whose every request is bounded by `limits` (see the module's docstring)."""
    bounded = base()
    adapter = BoundedAdapter(limits, resolve)
    bounded.mount("http://", adapter)
    bounded.mount("https://", adapter)
    if user_agent:
        bounded.headers["User-Agent"] = user_agent
    return bounded


def api_session(
    timeout: float, max_bytes: int = 10_000_000, base: type[requests.Session] = requests.Session
) -> requests.Session:
    """A session for a network's or service's API the producer configured: `timeout` per read,
    twice that for the whole request (an upload included), answers capped at `max_bytes`."""
    return session(Limits(deadline=max(2 * timeout, 5.0), max_bytes=max_bytes), base=base)


def mount(existing: requests.Session, limits: Limits, resolve=None) -> requests.Session:
    """Bound a session made elsewhere (requests-cache's, a client library's)."""
    adapter = BoundedAdapter(limits, resolve)
    existing.mount("http://", adapter)
    existing.mount("https://", adapter)
    return existing


def httpx_transport(limits: Limits):
    """The same bounds for a client library that speaks httpx (atproto): each request on a
    connection of its own (so the watchdog knows its socket), the whole exchange within the
    deadline, the body read with the cap."""
    import httpcore
    import httpx

    class Backend(httpcore.NetworkBackend):
        def __init__(self, inner):
            self.inner = inner

        def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
            stream = self.inner.connect_tcp(host, port, timeout, local_address, socket_options)
            exchange = _EXCHANGE.get()
            if exchange is not None:
                exchange.track(stream.get_extra_info("socket"))
            return stream

        def connect_unix_socket(self, *args, **kwargs):
            return self.inner.connect_unix_socket(*args, **kwargs)

        def sleep(self, seconds):
            return self.inner.sleep(seconds)

    class Transport(httpx.HTTPTransport):
        def __init__(self):
            super().__init__(limits=httpx.Limits(max_keepalive_connections=0))
            self._pool._network_backend = Backend(self._pool._network_backend)

        def handle_request(self, request):
            exchange = _Exchange(limits, socket.getaddrinfo)
            token = _EXCHANGE.set(exchange)
            watchdog = threading.Timer(limits.deadline, exchange.expire)
            watchdog.daemon = True
            watchdog.start()
            try:
                response = super().handle_request(request)
                chunks, size = [], 0
                for chunk in response.stream:
                    size += len(chunk)
                    if size > limits.max_bytes:
                        response.close()
                        raise httpx.ReadError(f"{request.url}: the answer is over the {limits.max_bytes}-byte limit")
                    chunks.append(chunk)
                response.close()
                if exchange.expired:
                    raise httpx.ReadTimeout(f"{request.url}: no complete answer within {limits.deadline:g} s")
                return httpx.Response(
                    response.status_code,
                    headers=response.headers,
                    content=b"".join(chunks),
                    extensions=response.extensions,
                    request=request,
                )
            except (httpx.TransportError, httpcore.NetworkError, OSError) as error:
                if exchange.expired:
                    raise httpx.ReadTimeout(f"{request.url}: no complete answer within {limits.deadline:g} s") from None
                raise error
            finally:
                watchdog.cancel()
                _EXCHANGE.reset(token)

    return Transport()
