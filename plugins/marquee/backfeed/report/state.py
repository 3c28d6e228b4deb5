"""The counts at the last `invoke report`, so the next one shows what changed since."""

from __future__ import annotations

import json
from pathlib import Path

from .model import Report, counts_now


def load_last(path: Path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8")).get("counts", {})
    except FileNotFoundError:
        return {}


def save_last(path: Path, report: Report, date: str) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"date": date, "counts": counts_now(report)}, indent=2, sort_keys=True) + "\n", encoding="utf-8")
