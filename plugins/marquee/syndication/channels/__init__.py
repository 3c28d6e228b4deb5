"""One module per network behind the Channel interface (base.py)."""

from __future__ import annotations

from ..options import SyndicationSettings
from .base import Channel, ChannelDown, Rejected, Remote, Transient, deliver
from .bluesky import BlueskyChannel
from .mastodon import MastodonChannel
from .webhook import WebhookChannel

__all__ = ["Channel", "ChannelDown", "Rejected", "Remote", "Transient", "configured", "deliver", "secrets"]
NETWORKS = ("mastodon", "bluesky", "webhook")


def configured(settings: SyndicationSettings, environ: dict, only: str | None = None) -> list[Channel]:
    """The channels publishconf.py sets up, optionally only those of one network."""
    if only and only not in NETWORKS:
        raise ValueError(f"--only {only}: not one of {', '.join(NETWORKS)}")
    found: list[Channel] = []
    if settings.mastodon:
        found.append(MastodonChannel(settings.mastodon, environ, settings.timeout))
    if settings.bluesky:
        found.append(BlueskyChannel(settings.bluesky, environ, settings.timeout))
    found += [WebhookChannel(hook, environ, settings.timeout) for hook in settings.webhooks]
    return [c for c in found if not only or c.name == only]


def secrets(settings: SyndicationSettings, environ: dict) -> list[str]:
    """Every secret value in play, so that no message, log line or ledger entry can carry one."""
    names = [settings.mastodon.token_env] if settings.mastodon else []
    names += [settings.bluesky.password_env] if settings.bluesky else []
    names += [hook.url_env for hook in settings.webhooks]
    return [environ[name] for name in names if environ.get(name)]
