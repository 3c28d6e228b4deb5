"""The editorial calendar's settings (read by marquee.settings from MARQUEE_PLAN)."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import typed

CADENCES = {"weekly": 7, "fortnightly": 14, "monthly": 30}


@dataclass(frozen=True)
class PlanSettings:
    gap_days: int = 10  # days without a post that count as a gap, while the film is being shot
    announce_days: int = 14  # an event's post should be out this many days before it starts
    series: dict = field(
        default_factory=dict
    )  # series name -> "weekly", "fortnightly", "monthly" or days; else learned

    def cadence(self, series: str) -> int | None:
        value = self.series.get(series)
        return CADENCES.get(value, value) if value is not None else None


def read(raw: dict | None) -> PlanSettings:
    """The settings, or ValueError naming every bad key at once."""
    values, problems = typed.check(PlanSettings, raw, "MARQUEE_PLAN")
    for name, value in (values.get("series") or {}).items():
        if value not in CADENCES and not (type(value) is int and value > 0):
            problems.append(
                f'MARQUEE_PLAN series "{name}": "{value}" is not a cadence (expected weekly, fortnightly, monthly or a number of days)'
            )
    for name in ("gap_days", "announce_days"):
        if name in values and values[name] <= 0:
            problems.append(f'MARQUEE_PLAN: {name} "{values[name]}" is not a whole number of days')
    if problems:
        raise ValueError("; ".join(problems))
    return PlanSettings(**values)
