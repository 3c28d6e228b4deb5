"""Cookie-free analytics settings (read by marquee.settings from MARQUEE_ANALYTICS)."""

from __future__ import annotations

from dataclasses import dataclass

from . import typed

PROVIDERS = ("plausible", "umami", "goatcounter")


@dataclass(frozen=True)
class AnalyticsSettings:
    provider: str  # plausible, umami or goatcounter
    script: str  # the tracker's URL, on your own analytics host
    site: str = ""  # Plausible: the domain; Umami: the website id
    endpoint: str = ""  # GoatCounter: the count endpoint (https://stats.example/count)
    api: str = ""  # Plausible: the base URL of its Stats API, for `invoke report`
    api_key_env: str = "MARQUEE_PLAUSIBLE_API_KEY"
    period: str = "12mo"


def read(raw: dict | None) -> AnalyticsSettings | None:
    if not raw:
        return None
    settings = typed.build(AnalyticsSettings, raw, "MARQUEE_ANALYTICS")
    if settings.provider not in PROVIDERS:
        raise ValueError(f"MARQUEE_ANALYTICS: provider {settings.provider!r} is not one of {', '.join(PROVIDERS)}")
    if settings.api and settings.provider != "plausible":
        raise ValueError(
            f"MARQUEE_ANALYTICS: api: visits are read from Plausible's Stats API; {settings.provider} is not supported there"
        )
    return settings
