"""Press releases: content/press/ -> article.release."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import fields as f

KIND = "a press release"

SCHEMA = (
    f.Field("Release-Date", f.date, required=True, expected="YYYY-MM-DD"),
    f.Field("Contact", required=True, expected="who journalists should write to, with an email address"),
)


@dataclass(frozen=True)
class Release:
    date: dt.date
    contact: str


def build(values: dict, article, ctx) -> tuple[Release | None, list[f.Problem]]:
    if not {"release-date", "contact"} <= values.keys():
        return None, []
    return Release(values["release-date"], values["contact"]), []
