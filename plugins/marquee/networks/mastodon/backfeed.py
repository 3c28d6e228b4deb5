"""Read a syndicated Mastodon status back with Mastodon.py: counts, the whole reply tree
(status context), who favourited and who boosted it. Only public and unlisted replies are kept."""

from __future__ import annotations

from mastodon import Mastodon

from ...net import Fetcher, bounded
from .. import mastodon
from ..base.conversation import Counts, Person, Reply, Thread, now, ordered, person

PUBLIC = mastodon.OPEN


class MastodonReader:
    network = "mastodon"

    def __init__(self, instance: str, token: str, fetcher: Fetcher, media, timeout: float = 30):
        self.api = Mastodon(
            api_base_url=instance,
            access_token=token or None,
            version_check_mode="none",
            ratelimit_method="throw",
            request_timeout=timeout,
            session=bounded.api_session(timeout),
        )
        self.fetcher, self.media = fetcher, media
        self._copies: dict[str, dict] = {}  # statuses read by counts(), for thread() to reuse

    def counts(self, remote_id: str) -> Counts:
        status = self._copies[remote_id] = self.api.status(remote_id)
        return Counts(status["replies_count"], status["favourites_count"], status["reblogs_count"])

    def thread(self, remote_id: str, copy_url: str, counts: Counts) -> Thread:
        copy = self._copies.pop(remote_id, None) or self.api.status(remote_id)
        ours = str(copy["account"]["id"])  # the copy is ours: so is its author
        descendants = self.api.status_context(remote_id)["descendants"]
        parent_of = {str(s["id"]): str(s.get("in_reply_to_id") or "") for s in descendants}
        skipped = {str(s["id"]) for s in descendants if _ours(s, ours) or s.get("visibility") not in PUBLIC}
        replies, answered = [], set()
        for status in descendants:
            sid = str(status["id"])
            if _ours(status, ours):
                answered.add(parent_of[sid])
                continue
            if sid in skipped:
                continue
            parent = parent_of[sid]
            while parent in skipped:  # hang a reply to a hidden one on the nearest shown ancestor
                parent = parent_of.get(parent, "")
            social = mastodon.post(status)
            replies.append(
                Reply(
                    id=sid,
                    url=social.url,
                    parent="" if parent == str(remote_id) else parent,
                    author=self._person(status["account"]),
                    published=social.date,
                    html=social.html,
                )
            )
        likes = [self._person(a) for a in self.api.status_favourited_by(remote_id) or ()]
        reposts = [self._person(a) for a in self.api.status_reblogged_by(remote_id) or ()]
        shown = {r.id for r in replies}
        return ordered(
            Thread(
                self.network,
                copy_url,
                str(remote_id),
                counts,
                tuple(replies),
                tuple(likes),
                tuple(reposts),
                tuple(a for a in answered if a in shown),
                now(),
            )
        )

    def _person(self, account) -> Person:
        return person(mastodon.author(account), self.fetcher, self.media)


def _ours(status, our_id: str) -> bool:
    return str((status.get("account") or {}).get("id")) == our_id


def reader(account, settings, fetcher: Fetcher, environ: dict, timeout: float) -> MastodonReader | None:
    """The account's reader (its token, where set, also reads unlisted replies); None without an account."""
    if account is None:
        return None
    return MastodonReader(account.instance, environ.get(account.token_env, ""), fetcher, settings.media, timeout)
