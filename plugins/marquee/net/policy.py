"""The one URL policy: which links may be published, and which hosts payload-named URLs may reach.

Every URL that enters from outside (content fields, fetched posts, snapshots in data/, links
inside fetched HTML) goes through :func:`web_url` before a template sees it. URLs that a fetched
payload names (images, avatars, media) are fetched only from public hosts (:func:`public_host`),
checked after DNS resolution and again on every redirect.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

WEB_SCHEMES = ("http", "https")
# Browsers drop these before they parse a URL, so " JAVA\tSCRIPT:" still runs: remove them first.
_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def web_url(value, *, mailto: bool = False, source: str = "") -> str | None:
    """`value` as a link that cannot run code: an absolute http(s) URL with a host (or mailto:
    when the field means email), else None, with a warning naming `source` when one is given."""
    text = str(value or "").strip()
    if not text:
        return None
    scheme = _IGNORED.sub("", text).split(":", 1)[0].lower() if ":" in text else ""
    allowed = scheme in WEB_SCHEMES or (mailto and scheme == "mailto")
    ok = allowed and not _IGNORED.search(text)
    if ok and scheme in WEB_SCHEMES:
        try:
            parts = urlsplit(text)
            ok = bool(parts.hostname) and parts.scheme.lower() == scheme
        except ValueError:  # an invalid port or IPv6 literal
            ok = False
    if ok and scheme == "mailto":
        ok = "@" in text
    if not ok:
        if source:
            log.warning(
                "%s: dropped the link %r (only http and https%s links are published)",
                source,
                text[:200],
                " and mailto:" if mailto else "",
            )
        return None
    return text


def ascii_url(url: str) -> str:
    """`url` as clients must receive it in feeds and headers: the host in IDNA, the path and query
    percent-encoded (an é or a space written in a field), what is encoded already kept."""
    from urllib.parse import quote, urlsplit, urlunsplit

    parts = urlsplit(url)
    try:
        host = parts.hostname.encode("idna").decode("ascii") if parts.hostname else ""
    except UnicodeError:
        host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    safe = "/%:@!$&'()*+,;=~-._"
    return urlunsplit(
        (
            parts.scheme,
            netloc,
            quote(parts.path, safe=safe),
            quote(parts.query, safe=safe + "?"),
            quote(parts.fragment, safe=safe),
        )
    )


def is_public_address(address: str) -> bool:
    """True for a globally routable unicast address; False for loopback, private, link-local,
    reserved, multicast, unspecified and their IPv4-mapped IPv6 forms."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class PrivateHost(Exception):
    """A payload named a URL on a host that is not public."""


def check_public(url: str, resolve=socket.getaddrinfo) -> None:
    """Raise PrivateHost unless every address `url`'s host resolves to is public."""
    parts = urlsplit(url)
    if parts.scheme not in WEB_SCHEMES or not parts.hostname:
        raise PrivateHost(f"{url}: not an http(s) URL")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = resolve(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (OSError, ValueError) as error:
        raise PrivateHost(f"{url}: cannot resolve {parts.hostname} ({error})") from None
    addresses = {info[4][0] for info in infos}
    private = sorted(a for a in addresses if not is_public_address(a))
    if not addresses or private:
        raise PrivateHost(f"{url}: {parts.hostname} is not a public host ({', '.join(private) or 'no address'})")
