"""Production settings: `invoke publish` builds with these."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = "https://saltandstatic.example"
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
FEED_DOMAIN = SITEURL
MARQUEE_PUBLISHING = True  # placeholder text left by `invoke new` stops the build
# Drafts (Status: draft) are previewed locally only: the public site never has them.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""

# Where `invoke publish` deploys (README, "Publishing"): "local", "rsync" or "github-pages".
MARQUEE_DEPLOY = {"target": "github-pages", "remote": "origin", "branch": "gh-pages", "cname": "saltandstatic.example"}

# Where new posts go out. Secrets come only from the environment (see .env.example).
MARQUEE_SYNDICATION = {
    "ledger": "data/syndication.json",
    "since": "2026-08-01",  # older posts never go out
    "mastodon": {"instance": "https://mastodon.social", "account": "saltandstatic"},
    "bluesky": {"handle": "saltandstatic.bsky.social"},
    "webhooks": [{"name": "discord", "url_env": "MARQUEE_DISCORD_WEBHOOK", "format": "discord"}],
    "hashtags": ["SaltAndStatic"],
}

# Webmentions received through webmention.io (README, "Webmentions"); its API key comes from
# WEBMENTION_IO_TOKEN. `send: True` also notifies the pages each new post links to.
MARQUEE_WEBMENTION = {"endpoint": "https://webmention.io/saltandstatic.example/webmention", "send": True}

# The editor at /admin/ commits to this repository; its GitHub sign-in goes through an OAuth proxy
# (README, "Write from your phone"). `invoke edit` needs neither: it saves into content/ directly.
MARQUEE_EDITOR = {"repo": "saltandstatic/saltandstatic.example", "base_url": "https://auth.saltandstatic.example"}
