"""Webmention settings (read by marquee.settings from MARQUEE_WEBMENTION)."""

from __future__ import annotations

from dataclasses import dataclass

from ..net.policy import web_url


@dataclass(frozen=True)
class WebmentionSettings:
    endpoint: str = ""  # e.g. "https://webmention.io/saltandstatic.example/webmention"; "" = none advertised
    api: str = "https://webmention.io/api/mentions.jf2"  # where received mentions are read
    token_env: str = "WEBMENTION_IO_TOKEN"  # the environment variable holding the API token
    domain: str = ""  # the domain the endpoint receives for; default: the site's host
    send: bool = False  # send webmentions for new posts' links on publish
    per_page: int = 100  # mentions per API page
    timeout: float = 20  # seconds per request

    @property
    def receives(self) -> bool:
        return bool(self.endpoint)


def read(raw: dict | None) -> WebmentionSettings:
    raw = dict(raw or {})
    known = set(WebmentionSettings.__dataclass_fields__)
    if unknown := sorted(set(raw) - known):
        raise ValueError(f"MARQUEE_WEBMENTION: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    for name in ("endpoint", "api"):
        if raw.get(name) and not web_url(raw[name]):
            raise ValueError(f'MARQUEE_WEBMENTION: {name} "{raw[name]}" is not an http(s) URL')
    return WebmentionSettings(**raw)
