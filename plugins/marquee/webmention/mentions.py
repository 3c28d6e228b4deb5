"""Mentions received by the site's webmention endpoint, read from webmention.io's JF2 API
(GET api?domain=...&token=...&per-page=N&page=K, newest first) into one backfeed Thread per
post, keyed by the post's path. Private mentions are left out; everything else goes through
the backfeed model's policy (links, plain text, sanitized HTML) like Mastodon and Bluesky replies.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..net import Fetcher, bounded, localize
from ..networks.base.conversation import Counts, Person, Reply, Thread, now, ordered
from ..sanitize import clean_html, plain, timestamp
from . import WebmentionSettings

NETWORK = "web"
AVATAR_SIDE = 96
REPLIES = {"in-reply-to": "reply", "mention-of": "mention", "bookmark-of": "bookmark", "rsvp": "rsvp"}
MAX_PAGES = 100  # 10,000 mentions at 100 a page: far more than a film site gets
MAX_PAGE_BYTES = 5_000_000  # one page of JF2: 100 mentions with their content, with room to spare


class MentionsError(Exception):
    """The API refused (bad token, unknown domain) or answered something that is not JF2."""


def read(
    settings: WebmentionSettings, token: str, site_url: str, fetcher: Fetcher, media, timeout: float = 20
) -> dict[str, Thread]:
    """Every public mention of the site, grouped by the path of the page it mentions."""
    domain = settings.domain or urlsplit(site_url).hostname or ""
    entries = []
    with bounded.api_session(timeout, MAX_PAGE_BYTES) as session:
        for page in range(MAX_PAGES):
            params = {"domain": domain, "token": token, "per-page": settings.per_page, "page": page}
            response = session.get(settings.api, params=params, timeout=timeout)
            if response.status_code in (401, 403):
                raise MentionsError(
                    f"{settings.api}: HTTP {response.status_code} for {domain} (check {settings.token_env})"
                )
            if response.status_code != 200:
                raise MentionsError(f"{settings.api}: HTTP {response.status_code}")
            answer = response.json()
            children = answer.get("children") if isinstance(answer, dict) else None
            if not isinstance(children, list):
                raise MentionsError(f"{settings.api}: the answer has no list of children (not JF2)")
            entries += children
            if len(children) < settings.per_page:
                break
    base = urlsplit(site_url).path.strip("/")  # a site under a folder: https://host/film/
    by_path: dict[str, list[dict]] = {}
    for entry in entries:
        if isinstance(entry, dict) and not entry.get("wm-private"):
            path = urlsplit(str(entry.get("wm-target") or "")).path.lstrip("/")
            if base:
                path = path.removeprefix(base).lstrip("/")
            by_path.setdefault(path, []).append(entry)
    reader = _Reader(fetcher, media)
    return {path: reader.thread(found) for path, found in sorted(by_path.items())}


class _Reader:
    def __init__(self, fetcher, media):
        self.fetcher, self.media = fetcher, media

    def thread(self, entries: list[dict]) -> Thread:
        replies, likes, reposts, seen = [], [], [], set()
        for entry in entries:
            source = str(entry.get("wm-source") or entry.get("url") or "")
            prop = str(entry.get("wm-property") or "")
            if (prop, source) in seen:  # the same page sent twice (an update): keep the newest, listed first
                continue
            seen.add((prop, source))
            author = self._person(entry.get("author") if isinstance(entry.get("author"), dict) else {}, source)
            if prop == "like-of":
                likes.append(author)
            elif prop == "repost-of":
                reposts.append(author)
            elif prop in REPLIES:
                reply = self._reply(entry, author, REPLIES[prop])
                if reply.id:  # a mention with no id, url or source cannot be told apart or answered
                    replies.append(reply)
        return ordered(
            Thread(
                NETWORK,
                "",
                "",
                Counts(len(replies), len(likes), len(reposts)),
                tuple(replies),
                tuple(likes),
                tuple(reposts),
                (),
                now(),
            )
        )

    def _reply(self, entry: dict, author: Person, kind: str) -> Reply:
        content = entry.get("content") if isinstance(entry.get("content"), dict) else {}
        url = str(entry.get("url") or entry.get("wm-source") or "")
        html = clean_html(str(content.get("html") or "")) if kind == "reply" else ""
        text = str(content.get("text") or "") if not html else ""
        if kind != "reply":  # a page that links here: its title and opening lines, not the whole article
            name = plain(str(entry.get("name") or ""), 200)
            text = plain(f"{name}: {text}" if name and not text.startswith(name) else (text or name), 280)
        if kind == "rsvp":
            text = f"RSVP {plain(str(entry.get('rsvp') or ''), 20)}".strip()
        published = entry.get("published") or entry.get("wm-received") or ""
        return Reply(
            id=str(entry.get("wm-id") or url),
            url=url,
            parent="",
            author=author,
            published=timestamp(published) if published else "",
            html=html,
            text=text,
            kind=kind,
        )

    def _person(self, card: dict, source: str) -> Person:
        url = str(card.get("url") or "")
        host = urlsplit(url or source).hostname or ""
        photo = str(card.get("photo") or "")
        avatar = localize(self.fetcher, photo, AVATAR_SIDE, self.media) if photo else None
        return Person(
            id=url or host,
            name=plain(str(card.get("name") or host), 100),
            handle=host.removeprefix("www."),
            url=url or (f"https://{host}/" if host else ""),
            avatar=avatar.name if avatar else "",
        )
