"""Curating fan posts: allow and deny lists of accounts, a minimum account age, order, limit."""

from __future__ import annotations

import datetime as dt

from ..networks.base.wall import Post


def _account(handle: str) -> str:
    return handle.lstrip("@").lower()


def curate(posts: list[Post], source: dict, now: dt.datetime) -> list[Post]:
    allow = {_account(a) for a in source.get("allow", ())}
    deny = {_account(a) for a in source.get("deny", ())}
    min_age = dt.timedelta(days=int(source.get("min_account_age_days", 0)))
    kept = []
    for post in posts:
        account = _account(post.handle)
        if account in deny or (allow and account not in allow):
            continue
        if min_age and post.author_created:
            created = dt.datetime.fromisoformat(post.author_created.replace("Z", "+00:00"))
            if now - created < min_age:  # brand-new accounts: often spam
                continue
        elif min_age:
            continue  # age unknown: not trusted yet
        kept.append(post)
    kept.sort(key=lambda p: (p.date, p.id), reverse=True)
    return kept[: int(source.get("limit", 10))]
