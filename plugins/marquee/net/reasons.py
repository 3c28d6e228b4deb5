"""Why a request failed, in the words a producer reads: never an exception's repr.

requests wraps urllib3, which wraps the socket: str() of what arrives reads
"HTTPSConnectionPool(host=..., port=443): Max retries exceeded ... (Caused by NameResolutionError(...))".
`reason` walks that chain to the cause and names it with the host.
"""

from __future__ import annotations

import socket
import ssl
from urllib.parse import urlparse

import requests
from urllib3 import exceptions as urllib3_errors

from .bounded import TooLarge, TooSlow
from .policy import PrivateHost

OURS = (TooSlow, TooLarge, PrivateHost)  # raised by Marquee with a message written for people


def _chain(error: BaseException):
    """`error` and what it wraps, outermost first (each once)."""
    seen, todo = set(), [error]
    while todo:
        current = todo.pop(0)
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        wrapped = [getattr(current, "reason", None), current.__cause__, current.__context__]
        wrapped += [arg for arg in getattr(current, "args", ()) if isinstance(arg, BaseException)]
        todo += [w for w in wrapped if isinstance(w, BaseException)]


def _host(error: BaseException, host: str) -> str:
    if host:
        return host
    for current in _chain(error):
        request = getattr(current, "request", None)
        if getattr(request, "url", None):
            return urlparse(request.url).hostname or "the server"
        pool = getattr(current, "pool", None)
        if getattr(pool, "host", None):
            return pool.host
    return "the server"


def reason(error: BaseException, host: str = "") -> str:
    """A plain sentence (no trailing full stop) saying why a request to `host` failed."""
    chain = list(_chain(error))
    for current in chain:
        if isinstance(current, OURS):
            return str(current)
    where = _host(error, host)
    text = " ".join(str(current) for current in chain).lower()
    kinds = tuple(type(current) for current in chain)

    def any_of(*types) -> bool:
        return any(issubclass(kind, types) for kind in kinds)

    if any_of(socket.gaierror, urllib3_errors.NameResolutionError) or "cannot resolve" in text:
        return f"could not find {where} (no network here, or no such name)"
    if any_of(ssl.SSLError, requests.exceptions.SSLError):
        return f"the secure connection to {where} failed (its certificate could not be checked)"
    if any_of(ConnectionRefusedError) or "connection refused" in text:
        return f"{where} refused the connection (nothing is listening there)"
    if any_of(TimeoutError, requests.Timeout, urllib3_errors.TimeoutError):
        return f"{where} did not answer in time"
    if any_of(ConnectionResetError, urllib3_errors.ProtocolError, requests.exceptions.ChunkedEncodingError) or (
        "broke off" in text or "remote end closed" in text or "connection aborted" in text
    ):
        return f"the connection to {where} broke off before the answer was complete"
    if any_of(requests.ConnectionError, OSError):
        return f"could not connect to {where}"
    if any_of(requests.exceptions.InvalidURL, requests.exceptions.MissingSchema, requests.exceptions.InvalidSchema):
        return f"the address for {where} is not one that can be fetched"
    return f"the request to {where} failed ({type(error).__name__})"
