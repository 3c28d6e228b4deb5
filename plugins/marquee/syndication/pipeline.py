"""One syndication run: every due post x every channel, each step recorded in the ledger first."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass

from rich.console import Console
from rich.markup import escape
from rich.progress import Progress

from ..networks.base.delivery import ATTEMPTING, FAILED, PLANNED, POSTED, Entry
from ..networks.base.message import ComposeError, Message
from ..sanitize import redact
from ..settings.syndication import SyndicationSettings
from .channels import Channel, ChannelDown, Rejected, Transient, deliver, transient
from .compose import compose
from .ledger import Ledger, now
from .posts import Post


@dataclass(frozen=True)
class Outcome:
    post: Post
    channel: str  # "mastodon @film@example.social"
    state: str  # a ledger state, or "would send" / "skipped" / "waiting"
    detail: str = ""  # the copy's URL, or why
    message: Message | None = None
    cost: float | None = None  # dollars the network charges for sending it (X), where it charges


def due(posts: list[Post], settings: SyndicationSettings, moment: dt.datetime) -> list[Post]:
    """Posts that may go out now: allowed, published, and not older than `since`."""
    return [
        post
        for post in posts
        if post.syndicate and post.published <= moment and (settings.since is None or post.published >= settings.since)
    ]


def syndicate(
    posts: list[Post],
    channels: list[Channel],
    ledger: Ledger,
    settings: SyndicationSettings,
    *,
    secrets: list[str] = (),
    dry_run: bool = False,
    retry_failed: bool = False,
    console: Console | None = None,
    sleep=time.sleep,
    moment: dt.datetime | None = None,
) -> list[Outcome]:
    """`moment`: the run's time, in the site's zone (a digest's schedule is read in it)."""
    console = console or Console(stderr=True)
    moment = moment or dt.datetime.now(dt.UTC)
    hide = _redactor(secrets)
    outcomes: list[Outcome] = []
    ready = []
    for channel in channels:
        try:
            transient_on_failure(channel.open)  # a client library's own failure: this channel only
            ready.append(channel)
        except (ChannelDown, Rejected, Transient) as error:
            if dry_run:  # the text is still worth seeing, at the default limits
                ready.append(channel)
                console.print(
                    f"[yellow]{channel.label}[/]: {escape(hide(str(error)))}; showing default limits", highlight=False
                )
                continue
            console.print(
                f"[red]{channel.label} {escape(channel.account)}[/]: {escape(hide(str(error)))}; skipped",
                highlight=False,
            )
            outcomes += [Outcome(post, _name(channel), "skipped", hide(str(error))) for post in posts]
    work = []
    for post in posts:
        for channel in ready:
            spoken = getattr(channel, "languages", ())
            if spoken and (post.language or settings.language) not in spoken:
                continue  # this account posts in other languages: the post's version goes to its own
            entry = ledger.get(post.id, channel.name, channel.account)
            if entry and (entry.state == POSTED or (entry.state == FAILED and not retry_failed)):
                outcomes.append(Outcome(post, _name(channel), entry.state, entry.url or entry.reason))
                continue
            work.append((post, channel, entry))
    if not dry_run:  # planned, in one write, before anything is sent
        for post, channel, entry in work:
            if entry is None:
                key = channel.key(post.id, post.published)
                ledger.entries[(post.id, channel.name, channel.account)] = Entry(
                    post.id,
                    channel.name,
                    channel.account,
                    PLANNED,
                    key=key,
                    post_url=post.url,
                    title=post.title,
                    type=post.type,
                    reconcile=ledger.new,
                    updated=now(),
                )
        ledger.save()
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("syndicating", total=len(work))
        for post, channel, _ in work:
            if channel.digest:
                continue
            progress.update(task, description=f"{channel.label}: {post.title[:40]}")
            outcomes.append(_shown(progress, _one(post, channel, ledger, settings, dry_run, sleep, hide)))
            progress.advance(task)
        for channel in ready:
            batch = [post for post, other, _ in work if other is channel]
            if channel.digest and batch:
                progress.update(task, description=f"{channel.label}: a digest")
                found = _digest(batch, channel, ledger, settings, dry_run, sleep, hide, moment)
                outcomes += [_shown(progress, outcome) for outcome in found]
                progress.advance(task, len(batch))
    return outcomes


def _shown(progress, outcome: Outcome) -> Outcome:
    if outcome.state in (POSTED, FAILED, ATTEMPTING):
        colour = {"posted": "green", "failed": "red"}.get(outcome.state, "yellow")
        progress.console.print(
            f"[{colour}]{outcome.state}[/] {escape(outcome.channel)}  {escape(outcome.post.title)}  {escape(outcome.detail)}",
            highlight=False,
        )
    return outcome


def _one(post, channel, ledger, settings, dry_run, sleep, hide) -> Outcome:
    name = _name(channel)
    message, failed = _composed(post, channel, ledger, settings, dry_run)
    if failed:
        return failed
    if dry_run:
        return Outcome(post, name, "would send", f"{message.length}/{message.limit}", message, channel.cost(message))
    entry = ledger.get(post.id, channel.name, channel.account)
    try:
        found = _reconciled(post, entry, channel, ledger, settings.settle)
        if found:
            return found
        entry = _attempting(ledger, ledger.get(post.id, channel.name, channel.account))
        ident = entry.ident
        # What the network makes before the post is out (a container) is in the ledger at once.
        channel.begin(entry, lambda pending: ledger.record(ledger.get(*ident), pending=pending))

        def attempt(number: int):
            # Before any retry, ask whether the last try got through after all.
            return transient_on_failure(
                lambda: (number and channel.find(entry, post.url)) or channel.send(message, entry.key)
            )

        remote = deliver(attempt, settings.attempts, settings.max_wait, sleep)
    except Rejected as error:
        ledger.record(ledger.get(*entry.ident), state=FAILED, reason=hide(str(error)))
        return Outcome(post, name, FAILED, hide(str(error)))
    except (Transient, ChannelDown) as error:  # it may have gone through: the next run reconciles
        ledger.record(ledger.get(*entry.ident), reason=hide(str(error)), **_settling(error))
        return Outcome(post, name, "waiting", hide(str(error)) + "; the next run checks and retries")
    ledger.record(
        ledger.get(*entry.ident),
        state=POSTED,
        remote_id=remote.id,
        url=remote.url,
        reason="",
        pending="",
        checked=channel.checked or entry.checked,
    )
    return Outcome(post, name, POSTED, remote.url)


def _digest(posts, channel, ledger, settings, dry_run, sleep, hide, moment) -> list[Outcome]:
    """A channel that gathers posts (a newsletter digest): the posts published up to its latest
    scheduled send go out together in one message, once; later ones wait for the next."""
    name, cutoff = _name(channel), channel.digest.last(moment)
    outcomes, batch = [], []
    for post in posts:
        try:
            found = (
                None
                if dry_run
                else _reconciled(
                    post, ledger.get(post.id, channel.name, channel.account), channel, ledger, settings.settle
                )
            )
        except (Transient, ChannelDown, Rejected) as error:
            outcomes.append(Outcome(post, name, "waiting", hide(str(error)) + "; the next run checks and retries"))
            continue
        if found:
            outcomes.append(found)
        elif post.published > cutoff:
            outcomes.append(
                Outcome(
                    post, name, "waiting", f"goes out in the digest of {channel.digest.next(moment):%Y-%m-%d %H:%M}"
                )
            )
        else:
            message, failed = _composed(post, channel, ledger, settings, dry_run)
            outcomes.append(failed) if failed else batch.append((post, message))
    if not batch:
        return outcomes
    if dry_run:
        return outcomes + [
            Outcome(post, name, "would send", f"in one digest of {len(batch)} post(s)", message)
            for post, message in batch
        ]
    # One key for the email: the period and exactly these posts, so a crash is found by it and a
    # post added late to a period gets a digest of its own, never a copy of the first.
    ids = "\n".join(sorted(post.id for post, _ in batch))
    key = f"digest-{cutoff:%Y%m%dT%H%M}-{hashlib.sha256(ids.encode()).hexdigest()[:12]}"
    entries = [_attempting(ledger, ledger.get(post.id, channel.name, channel.account), key=key) for post, _ in batch]

    def attempt(number: int):
        return transient_on_failure(
            lambda: (number and channel.find(entries[0], "")) or channel.send_digest([m for _, m in batch], key)
        )

    try:
        remote = deliver(attempt, settings.attempts, settings.max_wait, sleep)
    except Rejected as error:
        for entry in entries:
            ledger.record(entry, state=FAILED, reason=hide(str(error)))
        return outcomes + [Outcome(post, name, FAILED, hide(str(error))) for post, _ in batch]
    except (Transient, ChannelDown) as error:
        for entry in entries:
            ledger.record(ledger.get(*entry.ident), reason=hide(str(error)), **_settling(error))
        return outcomes + [
            Outcome(post, name, "waiting", hide(str(error)) + "; the next run checks and retries") for post, _ in batch
        ]
    for entry in entries:
        ledger.record(
            entry,
            state=POSTED,
            remote_id=remote.id,
            url=remote.url,
            reason="",
            checked=channel.checked or entry.checked,
        )
    return outcomes + [Outcome(post, name, POSTED, remote.url) for post, _ in batch]


def _composed(post, channel, ledger, settings, dry_run) -> tuple[Message | None, Outcome | None]:
    """The post's message for the channel, or the outcome of a post that cannot be written for it."""
    try:
        return compose(post, channel.style, settings), None
    except ComposeError as error:
        if not dry_run:
            ledger.record(ledger.get(post.id, channel.name, channel.account), state=FAILED, reason=str(error))
        return None, Outcome(post, _name(channel), "cannot send" if dry_run else FAILED, str(error))


def _reconciled(post, entry, channel, ledger, settle: float = 0) -> Outcome | None:
    """An earlier try may have reached the network, and a new ledger may have lost a copy: ask
    before sending again. The copy's outcome when it is there. On a network without idempotency
    keys, a try that got no answer less than `settle` seconds ago may still land: not sent again
    yet (Transient), only looked for."""
    if not (entry.state in (ATTEMPTING, FAILED) or entry.reconcile):
        return None
    remote = transient_on_failure(lambda: channel.find(entry, post.url))
    entry = ledger.record(entry, checked=channel.checked, reconcile=False)
    if not remote:
        last = dt.datetime.fromisoformat(entry.last_sent) if entry.last_sent else None
        if getattr(channel, "settles", True) and entry.state == ATTEMPTING and last is not None:
            settled = last + dt.timedelta(seconds=settle)
            if dt.datetime.now(dt.UTC) < settled:
                raise Transient(
                    f"the try at {last:%H:%M:%S} UTC got no answer and may still arrive; it is looked for, and sent "
                    f"again only after {settled:%H:%M:%S} UTC if it has not",
                    again_now=False,
                    unanswered=True,
                )
        return None
    ledger.record(entry, state=POSTED, remote_id=remote.id, url=remote.url, reason="", pending="")
    return Outcome(post, _name(channel), POSTED, remote.url or "(found from an earlier try)")


def _settling(error: Exception) -> dict:
    """What the ledger keeps of a try that failed: its time only when a write went out unanswered
    (it may still land, so the next run waits for it to settle); an answer said it did not land."""
    return {} if getattr(error, "unanswered", False) else {"last_sent": ""}


def _attempting(ledger, entry, **changes):
    sent = now()
    return ledger.record(
        entry,
        state=ATTEMPTING,
        attempts=entry.attempts + 1,
        reason="",
        first_sent=entry.first_sent or sent,
        last_sent=sent,
        **changes,
    )


def transient_on_failure(call):
    """Run a channel call; any failure that is not already ours (a client library's transport
    error, an answer it cannot parse) is Transient for this channel only."""
    try:
        return call()
    except (Transient, Rejected, ChannelDown):
        raise
    except Exception as error:  # noqa: BLE001
        raise transient(error) from None


def _name(channel) -> str:
    return f"{channel.name} {channel.account}"


def _redactor(secrets):
    def hide(text: str) -> str:
        for secret in secrets:
            text = redact(text, secret)
        return text

    return hide
