"""The editorial calendar's settings (read by marquee.settings from MARQUEE_PLAN)."""

from __future__ import annotations

from dataclasses import dataclass, field

CADENCES = {"weekly": 7, "fortnightly": 14, "monthly": 30}


@dataclass(frozen=True)
class PlanSettings:
    gap_days: int = 10  # days without a post that count as a gap, while the film is being shot
    announce_days: int = 14  # an event's post should be out this many days before it starts
    series: dict = field(default_factory=dict)  # series name -> "weekly", "fortnightly", "monthly" or days; else learned

    def cadence(self, series: str) -> int | None:
        value = self.series.get(series)
        return CADENCES.get(value, value) if value is not None else None


def read(raw: dict | None) -> PlanSettings:
    raw = dict(raw or {})
    known = set(PlanSettings.__dataclass_fields__)
    if unknown := sorted(set(raw) - known):
        raise ValueError(f"MARQUEE_PLAN: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    for name, value in (raw.get("series") or {}).items():
        if value not in CADENCES and not (isinstance(value, int) and value > 0):
            raise ValueError(f'MARQUEE_PLAN series "{name}": "{value}" is not a cadence (expected weekly, fortnightly, monthly or a number of days)')
    for name in ("gap_days", "announce_days"):
        if name in raw and not (isinstance(raw[name], int) and raw[name] > 0):
            raise ValueError(f'MARQUEE_PLAN: {name} "{raw[name]}" is not a whole number of days')
    return PlanSettings(**raw)
