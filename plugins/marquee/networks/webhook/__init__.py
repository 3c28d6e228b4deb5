"""Webhooks (JSON, Discord, Slack): their settings; the channel is channel.py."""

from __future__ import annotations

from dataclasses import dataclass

NAME = "webhook"  # the MARQUEE_SYNDICATION key and the ledger's channel name
LABEL = "Webhook"  # as readers know it


@dataclass(frozen=True)
class Webhook:
    name: str
    url_env: str  # the URL itself is a secret (Discord and Slack put the token in it)
    format: str = "json"  # json, discord or slack


ACCOUNT = Webhook  # its settings: MARQUEE_SYNDICATION["webhook"]
