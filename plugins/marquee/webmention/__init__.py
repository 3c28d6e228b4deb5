"""Webmention (https://www.w3.org/TR/webmention/): received through a hosted endpoint
(webmention.io's JF2 API is the documented provider) and sent for each new post's links.

- The site advertises ``endpoint`` with ``<link rel="webmention">`` (theme/templates/base.html).
- ``invoke backfeed`` reads what the endpoint received (:mod:`.mentions`) into the backfeed data,
  shown under each post beside its Mastodon and Bluesky replies, moderated the same way.
- ``invoke syndicate`` / ``invoke publish`` send a webmention for each outgoing link of a new
  post, once each, recorded in the syndication ledger (:mod:`.send`).
"""

from __future__ import annotations

from ..settings.webmention import WebmentionSettings

__all__ = ["CHANNEL", "WebmentionSettings"]
CHANNEL = "webmention"  # the ledger's channel name for sent webmentions
