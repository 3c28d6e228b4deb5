"""Backfeed: replies, likes and reposts of the syndicated copies, brought home.

``invoke backfeed`` reads them into ``data/backfeed.json`` (:func:`run`); the Pelican plugin
``marquee.backfeed`` gives each article ``article.conversation`` (moderated), copies the avatars
it shows into ``images/backfeed/``, and writes the unlisted engagement report page.
``invoke report`` prints the same report (:mod:`.report`).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from rich.console import Console

from ..feeds.entries import post_id
from ..networks import NETWORKS
from ..networks.base.conversation import Counts, Person, Reply, Thread
from ..sanitize import redact
from ..syndication.ledger import read_entries
from . import report
from .model import Backfeed, load, save
from .moderation import Moderation

__all__ = ["Conversation", "conversation", "register", "run"]
LABELS = {**NETWORKS, "web": "the web"}  # where a conversation can come from


@dataclass(frozen=True)
class Node:
    reply: Reply
    children: tuple[Node, ...] = ()
    in_reply_to: str = ""  # the URL of the reply it answers; "" for an answer to our copy


@dataclass(frozen=True)
class ThreadView:
    network: str
    label: str
    copy_url: str
    counts: Counts
    replies: tuple[Node, ...]  # a tree: top-level replies, each with its answers
    likes: tuple[Person, ...]  # the faces shown (at most `faces`)
    reposts: tuple[Person, ...]

    @property
    def shown(self) -> int:
        """Replies shown on the page; the network's count may be higher (private, deleted, blocked,
        hidden by moderation, or our own answers)."""
        stack, total = list(self.replies), 0
        while stack:
            node = stack.pop()
            total += 1
            stack.extend(node.children)
        return total


@dataclass(frozen=True)
class Conversation:
    threads: tuple[ThreadView, ...]

    @property
    def replies(self) -> int:
        return sum(t.counts.replies for t in self.threads)


def conversation(threads: dict, moderation: Moderation, faces: int) -> Conversation | None:
    """What a post page shows from its copies' threads (network -> Thread)."""
    views = []
    for network in sorted(threads, key=lambda n: (list(LABELS).index(n) if n in LABELS else 9, n)):
        thread: Thread = threads[network]
        replies = moderation.replies(thread.replies)
        views.append(
            ThreadView(
                network,
                LABELS.get(network, network.title()),
                thread.copy_url,
                thread.counts,
                _tree(replies),
                moderation.people(thread.likes)[:faces],
                moderation.people(thread.reposts)[:faces],
            )
        )
    return Conversation(tuple(views)) if views else None


MAX_DEPTH = 50  # replies to replies shown nested; deeper ones are not shown (no page nests that far)


def _tree(replies: tuple[Reply, ...]) -> tuple[Node, ...]:
    """Replies as a tree under our copy. Each reply is placed once: a reply that names itself or
    its own descendant as parent (stored data is not trusted) is left out, never followed round."""
    children: dict[str, list[Reply]] = {}
    for reply in replies:
        if reply.id and reply.id != reply.parent:
            children.setdefault(reply.parent, []).append(reply)

    urls = {reply.id: reply.url for reply in replies}
    placed: set[str] = set()

    def nodes(parent: str, depth: int) -> tuple[Node, ...]:
        found = []
        for reply in children.get(parent, ()):
            if reply.id in placed or depth > MAX_DEPTH:
                continue
            placed.add(reply.id)
            found.append(Node(reply, nodes(reply.id, depth + 1), urls.get(parent, "")))
        return tuple(found)

    return nodes("", 0)


def run(marquee_settings, *, environ=None, console: Console | None = None) -> list[str]:
    """Read every syndicated copy's conversation into the backfeed data file; returns warnings."""
    from ..net import Fetcher
    from ..networks import parts
    from .collect import collect, newest_copies

    environ = os.environ if environ is None else environ
    settings, syndication = marquee_settings.backfeed, marquee_settings.syndication
    console = console or Console(stderr=True)
    fetcher = Fetcher(marquee_settings.net)
    # Each network that can read its copies back (networks/<name>/backfeed.py), where it can now.
    found = {
        name: module.reader(syndication.account(name), settings, fetcher, environ, syndication.timeout)
        for name, module in parts("backfeed").items()
    }
    readers = {name: reader for name, reader in found.items() if reader}
    backfeed = load(settings.data, strict=True)
    copies = newest_copies(read_entries(syndication.ledger), set(readers), settings.max_posts)
    try:
        warnings = collect(copies, backfeed, readers, marquee_settings.today, console)
        if marquee_settings.webmention.receives:
            warnings += _mentions(marquee_settings, backfeed, fetcher, environ, console)
            backfeed.record_history(marquee_settings.today)
    finally:
        fetcher.close()
    save(settings.data, backfeed)
    return warnings


def _mentions(marquee_settings, backfeed: Backfeed, fetcher, environ, console: Console) -> list[str]:
    """The webmentions the site's endpoint received, into backfeed.mentions; trouble is a warning
    and keeps what was stored."""
    import requests

    from ..webmention import mentions

    settings = marquee_settings.webmention
    token = environ.get(settings.token_env, "")
    if not token:
        warning = f"webmentions: {settings.token_env} is not set; kept what was stored"
    else:
        try:
            with console.status("webmentions: reading what the endpoint received"):
                found = mentions.read(
                    settings,
                    token,
                    marquee_settings.feed_base_url,
                    fetcher,
                    marquee_settings.backfeed.media,
                    settings.timeout,
                )
            # an unchanged page keeps its stored thread, so an unchanged data file stays byte-identical
            stored = backfeed.mentions
            backfeed.mentions = {
                path: stored[path]
                if path in stored and replace(thread, fetched=stored[path].fetched) == stored[path]
                else thread
                for path, thread in found.items()
            }
            total = sum(t.counts.total for t in backfeed.mentions.values())
            console.print(f"web       {total} webmention(s) on {len(backfeed.mentions)} page(s)", highlight=False)
            return []
        except (mentions.MentionsError, requests.RequestException, ValueError, TypeError, AttributeError) as error:
            warning = f"webmentions: could not read {settings.api} ({type(error).__name__}: {redact(str(error), token)[:200]}); kept what was stored"
    console.print(f"[yellow]warning[/] {warning}", highlight=False)
    return [warning]


class BackfeedGenerator(Generator):
    """Conversations onto articles; avatars into images/backfeed/; the report page."""

    def generate_context(self) -> None:
        site = self.context.get("marquee")
        if site is None:
            return
        settings = site.settings.backfeed
        self.backfeed = load(settings.data)
        self.moderation = Moderation.of(settings.hide_accounts, settings.hide_replies)
        self.shown: set[str] = set()
        for article in self.context.get("articles", []):
            hints = getattr(article, "syndication", None)
            threads = dict(self.backfeed.threads.get(post_id(site.settings.id_prefix, article), {}))
            if article.url in self.backfeed.mentions:
                threads["web"] = self.backfeed.mentions[article.url]
            wanted = settings.show and (hints is None or hints.conversation)
            article.conversation = conversation(threads, self.moderation, settings.faces) if wanted else None
            if article.conversation:
                self.shown |= _avatars(article.conversation)
        from ..syndication import site_entries

        entries = site_entries(site.settings.syndication.ledger)
        self.report = report.build(entries, self.backfeed, {}, self.moderation)
        self.context["marquee_report"] = self.report
        self.context["marquee_report_chart"] = report.chart(self.report.history)

    def generate_output(self, writer) -> None:  # noqa: ARG002 (Pelican's signature)
        site = self.context.get("marquee")
        if site is None:
            return
        settings = site.settings.backfeed
        folder = Path(self.output_path) / "images" / "backfeed"
        for waiting in self.report.unanswered:
            if waiting.reply.author.avatar:
                self.shown.add(waiting.reply.author.avatar)
        for name in sorted(self.shown):
            if (settings.media / name).is_file():
                folder.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(settings.media / name, folder / name)
        if self.report.rows and settings.publish_report:
            # Rendered here rather than through Pelican's writer, which would announce the page
            # to the sitemap: this page is for the team, not for search engines.
            target = Path(self.output_path) / settings.report_path.strip("/") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            html = self.get_template("report").render({**self.context, "output_file": str(target)})
            target.write_text(html, encoding="utf-8")


def _avatars(conversation: Conversation) -> set[str]:
    names = set()
    for thread in conversation.threads:
        names |= {p.avatar for p in (*thread.likes, *thread.reposts) if p.avatar}
        stack = list(thread.replies)
        while stack:
            node = stack.pop()
            if node.reply.author.avatar:
                names.add(node.reply.author.avatar)
            stack.extend(node.children)
    return names


def get_generators(pelican):
    return BackfeedGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
