"""Webmention settings (read by marquee.settings from MARQUEE_WEBMENTION)."""

from __future__ import annotations

from dataclasses import dataclass

from ..net.policy import web_url
from . import typed


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
    """The settings, or ValueError naming every bad key at once."""
    values, problems = typed.check(WebmentionSettings, raw, "MARQUEE_WEBMENTION")
    for name in ("endpoint", "api"):
        if values.get(name) and not web_url(values[name]):
            problems.append(f'MARQUEE_WEBMENTION: {name} "{values[name]}" is not an http(s) URL')
    for name in ("per_page", "timeout"):
        if name in values and not values[name] > 0:
            problems.append(f'MARQUEE_WEBMENTION {name}: "{values[name]}" is not above 0')
    if problems:
        raise ValueError("; ".join(problems))
    return WebmentionSettings(**values)
