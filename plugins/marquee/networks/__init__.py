"""Everything Marquee knows about each network, one package per network (granary's shape):

- `__init__.py`: NAME, LABEL, its settings (ACCOUNT: the dataclass MARQUEE_SYNDICATION[NAME] is
  read into, with its environment variables) and, where other parts read it, its URLs and how
  its API objects become the shared model (social.py);
- `channel.py`: CHANNEL, its publishing channel (base.channel.BaseChannel);
- where it has them: `backfeed.py` (reader(): replies and reactions brought home), `embed.py`
  (match/render: a post URL in a post body as a card), `wall.py` (KINDS: social wall sources).

Syndication, backfeed, embeds, walls, `--help` texts, the `<Network>-Text:` fields and the docs'
table of variables all come from here. Importing this package imports no feature: the parts
beside `__init__.py` are imported by the feature that uses them (part()).
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from urllib.parse import urlsplit

from . import (
    bluesky,
    facebook,
    instagram,
    linkedin,
    mastodon,
    newsletter,
    threads,
    webhook,
    x,
)

# In the order of "Also on" links and of every listing. Adding a network: its package, and here.
PACKAGES = (mastodon, bluesky, threads, instagram, facebook, linkedin, x, newsletter, webhook)

NETWORKS = {package.NAME: package.LABEL for package in PACKAGES}  # name -> how readers know it
ACCOUNTS = {package.NAME: package.ACCOUNT for package in PACKAGES}  # name -> its settings dataclass
LISTS = {"webhook"}  # networks configured as a list of accounts, under the plural key ("webhooks")


def profile_label(url: str) -> str:
    """Which network a profile address is on ("Bluesky", "Mastodon" …), for links to the film's
    accounts; the host when it is none of them."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    for package in PACKAGES:
        if host in getattr(package, "PROFILE_HOSTS", ()):
            return package.LABEL
    if parts.path.startswith("/@") and "/" not in parts.path.strip("/"):
        return mastodon.LABEL  # any instance: https://instance/@name
    return host.removeprefix("www.")


def module(name: str) -> ModuleType:
    return {package.NAME: package for package in PACKAGES}[name]


def setting_key(name: str) -> str:
    """Where a network's settings live in MARQUEE_SYNDICATION."""
    return f"{name}s" if name in LISTS else name


def part(name: str, what: str) -> ModuleType:
    """A network's channel, backfeed, embed or wall module."""
    return import_module(f"{__name__}.{name}.{what}")


def parts(what: str) -> dict[str, ModuleType]:
    """The networks that have a `what` module, in NETWORKS order: {name: module}."""
    return {name: part(name, what) for name in NETWORKS if find_spec(f"{__name__}.{name}.{what}")}
