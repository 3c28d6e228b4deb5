"""The network settings of a build (read by marquee.settings from MARQUEE_OFFLINE, MARQUEE_NET_*)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class NetSettings:
    cache_dir: Path
    timeout: float = 10.0  # seconds, per request (connect and each read)
    deadline: float = 30.0  # seconds for a whole request: a server dripping bytes is cut off
    max_bytes: int = 5_000_000
    fresh_for: int = 3600  # seconds a cached answer is used without asking again
    offline: bool = False
    allow_private: bool = False  # let payload-named URLs reach loopback/private hosts (tests only)
    user_agent: str = "Marquee (film site builder)"
