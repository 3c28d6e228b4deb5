"""The report as JSON and CSV, for spreadsheets and scripts."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

from .model import Report, _tuple


def as_json(report: Report) -> str:
    return json.dumps(asdict(report), ensure_ascii=False, indent=2, sort_keys=True)


def as_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "post",
            "title",
            "type",
            "network",
            "replies",
            "likes",
            "reposts",
            "replies_change",
            "likes_change",
            "reposts_change",
            "visits",
            "url",
            "copy_url",
        ]
    )
    for row in report.rows:
        counts = _tuple(row.counts) if row.counts else ("", "", "")
        change = _tuple(row.change) if row.change else ("", "", "")
        visits = "" if row.visits is None else row.visits
        writer.writerow([row.post, row.title, row.type, row.network, *counts, *change, visits, row.url, row.copy_url])
    return out.getvalue()
