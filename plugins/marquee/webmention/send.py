"""Sending webmentions (W3C Webmention, sections 3.1.2-3.1.3): each new post's outgoing links get
one, once each, recorded in the syndication ledger as (post, "webmention", target).

A target's endpoint is discovered from its HTTP Link header, else the first <link> or <a> with
rel="webmention" in its HTML. Targets and endpoints are third-party addresses: they must resolve
to public hosts (net.policy), on every redirect. A page without an endpoint is recorded as done
with that reason; a refusal (4xx) as failed; trouble on the network stays for the next run.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

import requests
from requests.utils import parse_header_links
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress

from ..net import bounded
from ..net.links import Links
from ..net.policy import PrivateHost, web_url
from ..net.reasons import reason
from ..networks.base.delivery import ATTEMPTING, FAILED, POSTED, Entry
from ..sanitize import plain
from ..syndication.ledger import Ledger, now
from . import CHANNEL, WebmentionSettings

MAX_PAGE = 1_000_000  # bytes of a target page read while looking for its endpoint
NO_ENDPOINT = "no webmention endpoint: nothing to send"


class Refused(Exception):
    """The endpoint said no (4xx): sending again would not change that."""


class Unavailable(Exception):
    """Not now (5xx, 429, too many redirects): the next run tries again."""


@dataclass(frozen=True)
class Sent:
    target: str
    state: str  # POSTED, "no endpoint", FAILED, "waiting", "would send"
    detail: str = ""


class Sender:
    def __init__(self, settings: WebmentionSettings, user_agent: str, allow_private: bool = False, resolve=None):
        self.settings, self.allow_private = settings, allow_private
        # Targets and endpoints are third parties: public hosts only (checked on the address each
        # connection uses, every hop), a total deadline, and a target page read for its first MB.
        limits = bounded.Limits(
            deadline=max(2 * settings.timeout, 5.0), max_bytes=MAX_PAGE, truncate=True, public_only=not allow_private
        )
        self.session = bounded.session(limits, user_agent, resolve)

    def _get(self, url: str) -> tuple[requests.Response, str]:
        for _ in range(5):  # the request and up to four redirects
            response = self.session.get(
                url,
                timeout=self.settings.timeout,
                allow_redirects=False,
                stream=True,
                headers={"Accept": "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"},
            )
            if not response.is_redirect:
                return response, url
            url = urljoin(url, response.headers.get("Location", ""))
            response.close()
        raise Unavailable(f"{url}: too many redirects")

    def discover(self, target: str) -> str | None:
        """The target's webmention endpoint, absolute, or None when it has none."""
        response, url = self._get(target)
        with response:
            _raise_for_status(response, target, discovering=True)
            for link in parse_header_links(response.headers.get("Link", "")):
                if "webmention" in link.get("rel", "").lower().split():
                    return web_url(urljoin(url, link.get("url", "")))  # an endpoint that is not http(s): none
            if "html" not in response.headers.get("Content-Type", "").lower():
                return None
            body = response.content  # the first MAX_PAGE bytes: the endpoint is in the <head>
        parser = Links()
        parser.feed(body.decode(response.encoding or "utf-8", errors="replace"))
        return None if parser.endpoint is None else web_url(urljoin(url, parser.endpoint))

    def send(self, endpoint: str, source: str, target: str) -> str:
        """POST source and target; returns the status URL the endpoint gave (Location), if any."""
        for _ in range(4):  # the request and up to three redirects that keep the POST (307, 308)
            response = self.session.post(
                endpoint,
                data={"source": source, "target": target},
                timeout=self.settings.timeout,
                allow_redirects=False,
            )
            with response:
                _raise_for_status(response, endpoint)
                location = response.headers.get("Location", "")
            if response.status_code in (307, 308) and location:
                endpoint = urljoin(endpoint, location)  # its host is checked where it connects
                continue
            if 300 <= response.status_code < 400:
                raise Refused(
                    f"{endpoint}: HTTP {response.status_code}: redirected instead of accepting the webmention"
                )
            if not 200 <= response.status_code < 300:
                raise Refused(f"{endpoint}: HTTP {response.status_code}: not an answer to a webmention")
            return web_url(urljoin(endpoint, location)) or "" if location else ""
        raise Unavailable(f"{endpoint}: too many redirects")

    def close(self) -> None:
        self.session.close()


def _raise_for_status(response: requests.Response, url: str, discovering: bool = False) -> None:
    code = response.status_code
    if code == 429 or code >= 500:
        wait = response.headers.get("Retry-After")
        raise Unavailable(f"{url}: HTTP {code}{f' (Retry-After {wait})' if wait else ''}")
    if code >= 400 or (discovering and code >= 300):
        # the first bytes only: an endpoint's error body names the reason (invalid_target ...)
        reason = next(response.iter_content(600), b"").decode("utf-8", "replace") if not discovering else ""
        raise Refused(f"{url}: HTTP {code}{': ' + plain(reason, 300) if reason.strip() else ''}")


def send_all(
    posts, ledger: Ledger, sender: Sender | None, *, retry_failed=False, console: Console | None = None
) -> list:
    """Webmentions for every link of every post in `posts` (syndication.posts.Post) not sent before.
    Returns (post, Sent) pairs; with `sender` None, a dry run: what would be sent."""
    console = console or Console(stderr=True)
    done = []
    work = []
    for post in posts:
        for target in post.links:
            entry = ledger.get(post.id, CHANNEL, target)
            if entry and (entry.state == POSTED or (entry.state == FAILED and not retry_failed)):
                state = "no endpoint" if entry.reason == NO_ENDPOINT else entry.state
                done.append((post, Sent(target, state, entry.url or entry.reason)))
            elif sender is None:
                done.append((post, Sent(target, "would send")))
            else:
                work.append((post, target, entry))
    if not work:
        return done
    for post, target, entry in work:  # planned, in one write, before anything is sent
        if entry is None:
            ledger.entries[(post.id, CHANNEL, target)] = Entry(
                post.id,
                CHANNEL,
                target,
                key=target,
                post_url=post.url,
                title=post.title,
                type=post.type,
                updated=now(),
            )
    ledger.save()
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("webmentions", total=len(work))
        for post, target, _ in work:
            progress.update(task, description=f"webmention: {target[:50]}")
            sent = _one(post, target, ledger, sender)
            done.append((post, sent))
            colour = {"posted": "green", "failed": "red", "waiting": "yellow"}.get(sent.state, "dim")
            progress.console.print(
                f"[{colour}]{sent.state}[/] webmention {escape(target)}  {escape(sent.detail)}", highlight=False
            )
            progress.advance(task)
    return done


def _one(post, target: str, ledger: Ledger, sender: Sender) -> Sent:
    entry = ledger.get(post.id, CHANNEL, target)
    try:
        endpoint = sender.discover(target)
        if endpoint is None:
            ledger.record(entry, state=POSTED, reason=NO_ENDPOINT)
            return Sent(target, "no endpoint", NO_ENDPOINT)
        entry = ledger.record(
            entry, state=ATTEMPTING, attempts=entry.attempts + 1, first_sent=entry.first_sent or now()
        )
        status = sender.send(endpoint, post.url, target)
    except (Refused, PrivateHost) as error:
        ledger.record(entry, state=FAILED, reason=str(error))
        return Sent(target, FAILED, str(error))
    except (Unavailable, requests.RequestException) as error:
        # Sending again is safe: a receiver treats a repeated webmention as an update.
        why = str(error) if isinstance(error, Unavailable) else reason(error)
        ledger.record(entry, reason=why[:300])
        return Sent(target, "waiting", f"{why}; the next run tries again")
    ledger.record(entry, state=POSTED, url=status, reason="")
    return Sent(target, POSTED, status or f"accepted by {endpoint}")
