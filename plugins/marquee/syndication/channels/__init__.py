"""One module per network behind the Channel interface (base.py)."""

from __future__ import annotations

from ..options import SyndicationSettings
from .base import Channel, ChannelDown, Rejected, Remote, Transient, deliver, transient
from .bluesky import BlueskyChannel
from .facebook import FacebookChannel
from .linkedin import LinkedInChannel
from .mastodon import MastodonChannel
from .webhook import WebhookChannel
from .x import XChannel

__all__ = ["Channel", "ChannelDown", "Rejected", "Remote", "Transient", "configured", "deliver", "secrets", "transient"]
NETWORKS = ("mastodon", "bluesky", "facebook", "linkedin", "x", "webhook")


def configured(settings: SyndicationSettings, environ: dict, only: str | None = None) -> list[Channel]:
    """The channels publishconf.py sets up, optionally only those of one network."""
    if only and only not in (*NETWORKS, "webmention"):
        raise ValueError(f"--only {only}: not one of {', '.join(NETWORKS)}, webmention")
    found: list[Channel] = []
    if settings.mastodon:
        found.append(MastodonChannel(settings.mastodon, environ, settings.timeout))
    if settings.bluesky:
        found.append(BlueskyChannel(settings.bluesky, environ, settings.timeout))
    if settings.facebook:
        found.append(FacebookChannel(settings.facebook, environ, settings.timeout))
    if settings.linkedin:
        found.append(LinkedInChannel(settings.linkedin, environ, settings.timeout))
    if settings.x:
        found.append(XChannel(settings.x, environ, settings.timeout))
    found += [WebhookChannel(hook, environ, settings.timeout) for hook in settings.webhooks]
    return [c for c in found if not only or c.name == only]


def secrets(settings: SyndicationSettings, environ: dict) -> list[str]:
    """Every secret value in play, so that no message, log line or ledger entry can carry one."""
    names = [settings.mastodon.token_env] if settings.mastodon else []
    names += [settings.bluesky.password_env] if settings.bluesky else []
    names += [settings.facebook.token_env] if settings.facebook else []
    names += [settings.linkedin.token_env] if settings.linkedin else []
    if settings.x:
        names += [settings.x.consumer_key_env, settings.x.consumer_secret_env, settings.x.access_token_env, settings.x.access_secret_env]
    names += [hook.url_env for hook in settings.webhooks]
    return [environ[name] for name in names if environ.get(name)]
