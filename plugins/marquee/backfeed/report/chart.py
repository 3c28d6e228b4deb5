"""Engagement over time as an SVG line chart's geometry (the template draws it). Sized in viewBox
units so its labels stay readable when a phone scales it to a third (24 units ≈ 12 px at 390 px
wide) and inside it: the first date starts at its point, the last ends at its point."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

FONT = 24  # label size, in viewBox units


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int  # where the y axis is (room for its labels at its left)
    bottom: int  # where the x axis is
    top_y: int  # where the largest value is drawn
    lines: tuple[tuple[str, str], ...]  # (network, "x,y x,y ...")
    dates: tuple[tuple[float, str, str], ...]  # (x, label, text-anchor) of the first and last dates
    top: int  # the largest value, the y axis' top label
    font: int = FONT


def chart(history, width: int = 640, height: int = 300, pad: int = 24) -> Chart | None:
    if len(history) < 2:
        return None
    networks = sorted({n for point in history for n in point["totals"]})
    top = max(1, max(point["totals"].get(n, 0) for point in history for n in networks))
    left = pad + FONT * (len(str(top)) + 1) // 2 + 8  # the widest y label, about half an em per digit
    bottom, top_y = height - pad - FONT - 8, pad + FONT // 2
    step = (width - pad - left) / (len(history) - 1)
    lines = []
    for network in networks:
        points = " ".join(
            f"{left + i * step:.1f},{bottom - (bottom - top_y) * point['totals'].get(network, 0) / top:.1f}"
            for i, point in enumerate(history)
        )
        lines.append((network, points))
    dates = ((float(left), _day(history[0]["date"]), "start"), (float(width - pad), _day(history[-1]["date"]), "end"))
    return Chart(width, height, left, bottom, top_y, tuple(lines), dates, top)


def _day(iso: str) -> str:
    try:
        return f"{dt.date.fromisoformat(iso):%-d %b %Y}"
    except ValueError:
        return iso
