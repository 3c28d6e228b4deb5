"""Syndication: every new post out to Mastodon, Bluesky and webhooks, exactly once.

As a Pelican plugin (``marquee.syndication``, after ``marquee.content``) it only reads the ledger
and gives each article ``article.syndicated``: its public copies, for the "Also on" line. The run
itself (``invoke syndicate``, ``invoke publish``) is :func:`run`, reading the built JSON Feed.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from rich.console import Console

from ..feeds.entries import post_id
from ..net.policy import web_url
from ..networks.base.delivery import POSTED
from ..settings.syndication import NETWORKS
from .ledger import Ledger, LedgerError, read_entries
from .posts import BuiltElsewhere, read_feed

log = logging.getLogger(__name__)

__all__ = ["Copy", "copies", "register", "run"]


@dataclass(frozen=True)
class Copy:
    label: str  # "Mastodon"
    url: str


def copies(entries: dict, post: str) -> list[Copy]:
    """The public copies of one post, in a stable order (webhooks and webmentions have none)."""
    found = [
        e
        for ident, e in sorted(entries.items())
        if ident[0] == post
        and e.state == POSTED
        and e.channel in NETWORKS
        and e.channel != "webhook"
        and web_url(e.url)
    ]
    found.sort(key=lambda e: (list(NETWORKS).index(e.channel), e.account))
    return [Copy(NETWORKS[e.channel], e.url) for e in found]


def site_entries(path) -> dict:
    """The ledger's entries for a site build: a broken ledger is named, and the site is built
    without "Also on" links (syndication itself refuses to run until it is mended)."""
    try:
        return read_entries(path)
    except LedgerError as error:
        log.warning("%s; building without syndication links", error)
        return {}


def attach_copies(generators) -> None:
    for generator in generators:
        if not hasattr(generator, "articles") or "marquee" not in generator.context:
            continue
        settings = generator.context["marquee"].settings
        entries = site_entries(settings.syndication.ledger)
        for article in generator.articles + generator.translations:
            article.syndicated = copies(entries, post_id(settings.id_prefix, article))


def run(
    marquee_settings,
    output: Path,
    *,
    dry_run=False,
    only=None,
    retry_failed=False,
    new_ledger=False,
    environ=None,
    console: Console | None = None,
) -> list:
    """Syndicate every due post of the built site in `output` (a list of pipeline.Outcome).

    Raises LedgerError (nothing sent) for a missing, empty or broken ledger, unless `new_ledger`
    starts one: then every channel that can look for an earlier copy does so before sending."""
    # Here, not at the top: the client libraries take a second or two to import, and a site
    # build (which only reads the ledger) should not pay for them.
    from .channels import configured, secrets
    from .pipeline import due, syndicate

    environ = os.environ if environ is None else environ
    settings = marquee_settings.syndication
    console = console or Console(stderr=True)
    posts, home = read_feed(Path(output) / settings.feed, Path(output))
    base = marquee_settings.feed_base_url
    if base and home.rstrip("/") != base:
        raise BuiltElsewhere(f"{output} was built for {home}, not {base}")
    for language in marquee_settings.languages[1:]:  # each translation goes out too, in its language
        edition = Path(output) / language.root / settings.feed
        if edition.exists():
            posts += read_feed(edition, Path(output))[0]
    posts = due(sorted(posts, key=lambda p: (p.published, p.id)), settings, marquee_settings.now)
    channels = configured(settings, environ, only)
    mentions = marquee_settings.webmention.send and only in (None, "webmention")
    if not channels and not mentions:
        return []
    hidden = secrets(settings, environ)
    if dry_run:
        ledger = Ledger.load(settings.ledger)
        outcomes = (
            syndicate(
                posts,
                channels,
                ledger,
                settings,
                secrets=hidden,
                dry_run=True,
                console=console,
                moment=marquee_settings.now,
            )
            if channels
            else []
        )
        return outcomes + (_webmentions(posts, ledger, None, console) if mentions else [])
    with Ledger(settings.ledger, new=new_ledger) as ledger:
        outcomes = (
            syndicate(
                posts,
                channels,
                ledger,
                settings,
                secrets=hidden,
                retry_failed=retry_failed,
                console=console,
                moment=marquee_settings.now,
            )
            if channels
            else []
        )
        if mentions:
            from ..webmention.send import Sender

            sender = Sender(
                marquee_settings.webmention, marquee_settings.net.user_agent, marquee_settings.net.allow_private
            )
            try:
                outcomes += _webmentions(posts, ledger, sender, console, retry_failed)
            finally:
                sender.close()
        return outcomes


def _webmentions(posts, ledger, sender, console, retry_failed=False) -> list:
    """Webmentions for the posts' links, as pipeline outcomes (one per link)."""
    from ..webmention.send import send_all
    from .pipeline import Outcome

    return [
        Outcome(post, f"webmention {sent.target}", sent.state, sent.detail)
        for post, sent in send_all(posts, ledger, sender, retry_failed=retry_failed, console=console)
    ]


def register() -> None:
    signals.all_generators_finalized.connect(attach_copies)
