"""The channels of the networks (networks/<name>/channel.py), behind the Channel interface
(networks/base/channel.py)."""

from __future__ import annotations

from ..networks import NETWORKS, parts
from ..networks.base.channel import (
    Channel,
    ChannelDown,
    Rejected,
    Remote,
    Transient,
    deliver,
    transient,
)
from ..settings.syndication import SyndicationSettings

__all__ = [
    "CHANNELS",
    "Channel",
    "ChannelDown",
    "Rejected",
    "Remote",
    "Transient",
    "configured",
    "deliver",
    "secrets",
    "transient",
]
# The channel of each network: networks/<name>/channel.py.
CHANNELS = {name: module.CHANNEL for name, module in parts("channel").items()}


def configured(settings: SyndicationSettings, environ: dict, only: str | None = None) -> list[Channel]:
    """The channels publishconf.py sets up, optionally only those of one network."""
    if only and only not in (*NETWORKS, "webmention"):
        raise ValueError(f"--only {only}: not one of {', '.join(NETWORKS)}, webmention")
    found = []
    for network in NETWORKS:
        for account in settings.accounts(network) if not only or network == only else ():
            channel = CHANNELS[network](account, environ, settings.timeout)
            channel.languages = settings.languages_of(network, account)  # () for every language
            found.append(channel)
    return found


def secrets(settings: SyndicationSettings, environ: dict) -> list[str]:
    """Every secret value in play, so that no message, log line or ledger entry can carry one."""
    names = [
        name
        for network in NETWORKS
        for account in settings.accounts(network)
        for name in CHANNELS[network].environment(account)
    ]
    return [environ[name] for name in names if environ.get(name)]
