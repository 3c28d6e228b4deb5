"""The counts at the last `invoke report`, so the next one shows what changed since."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from .model import Report, counts_now

log = logging.getLogger(__name__)


def load_last(path: Path) -> dict:
    """The counts saved last time; {} (with a warning) when the file is not what save_last writes."""
    try:
        counts = json.loads(Path(path).read_text(encoding="utf-8")).get("counts", {})
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, AttributeError, RecursionError) as error:
        log.warning("%s: not the report's state (%s); comparing with nothing", path, error)
        return {}
    if not isinstance(counts, dict):
        log.warning("%s: counts is not an object; comparing with nothing", path)
        return {}
    kept = {
        post: {
            network: three
            for network, three in by_network.items()
            if isinstance(three, list) and len(three) == 3 and all(type(n) is int for n in three)
        }
        for post, by_network in counts.items()
        if isinstance(by_network, dict)
    }
    if sum(map(len, kept.values())) != sum(len(v) if isinstance(v, dict) else 1 for v in counts.values()):
        log.warning("%s: left out counts that are not [replies, likes, reposts]", path)
    return kept


def save_last(path: Path, report: Report, date: str) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps({"date": date, "counts": counts_now(report)}, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
