"""Production diary entries: content/diary/ -> article.shoot."""

from __future__ import annotations

from dataclasses import dataclass

from . import fields as f

KIND = "a diary entry"
PHASES = ("development", "pre-production", "production", "post-production", "release")

SCHEMA = (
    f.Field("Shoot-Day", f.integer),
    f.Field("Phase", f.choice(PHASES, "a production phase"), required=True, expected="one of " + ", ".join(PHASES)),
    f.Field("Location"),
    f.Field("Geo", f.geo),
    f.Field("Crew", f.people),
)


@dataclass(frozen=True)
class Shoot:
    phase: str
    day: int | None = None
    location: str = ""
    geo: f.Geo | None = None
    crew: tuple[f.Person, ...] = ()


def build(values: dict, article, ctx) -> tuple[Shoot | None, list[f.Problem]]:
    if "phase" not in values:
        return None, []
    return (
        Shoot(
            phase=values["phase"],
            day=values.get("shoot-day"),
            location=values.get("location", ""),
            geo=values.get("geo"),
            crew=values.get("crew", ()),
        ),
        [],
    )
