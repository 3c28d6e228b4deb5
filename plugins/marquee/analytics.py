"""Optional, cookie-free site analytics (a self-hosted Plausible, Umami or GoatCounter), and the
visits each syndicated post got from each network, for `invoke report`.

Nothing is loaded unless MARQUEE_ANALYTICS names a script (publishconf.py). Visits are read from
Plausible's Stats API (v1 breakdown of pages, filtered by utm_source) when `api` is set: the
UTM tags syndication puts on every link name the network.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import requests

from .net import bounded
from .net.reasons import reason
from .settings.analytics import AnalyticsSettings


class VisitsError(Exception):
    pass


def visits(settings: AnalyticsSettings, networks: list[str], environ: dict, timeout: float = 30) -> dict:
    """(page path, network) -> visitors who came from that network's syndicated link."""
    if not settings.api:
        return {}
    key = environ.get(settings.api_key_env, "")
    if not key:
        raise VisitsError(f"set the environment variable {settings.api_key_env} to read visits")
    found = {}
    with bounded.api_session(timeout) as session:
        session.headers["Authorization"] = f"Bearer {key}"
        for network in networks:
            try:
                answer = session.get(
                    f"{settings.api.rstrip('/')}/api/v1/stats/breakdown",
                    timeout=timeout,
                    params={
                        "site_id": settings.site,
                        "period": settings.period,
                        "property": "event:page",
                        "filters": f"visit:utm_source=={network}",
                        "metrics": "visitors",
                        "limit": 1000,
                    },
                )
            except requests.RequestException as error:
                raise VisitsError(f"{settings.api}: {reason(error)}") from None
            if answer.status_code != 200:
                raise VisitsError(f"{settings.api}: {answer.status_code} {answer.reason}")
            for row in answer.json().get("results", []):
                found[(row["page"], network)] = int(row["visitors"])
    return found


def page_path(url: str) -> str:
    return urlsplit(url).path or "/"
