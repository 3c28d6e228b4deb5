"""Engagement over time as an SVG line chart's geometry (the template draws it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Chart:
    """An SVG line chart's geometry; the template draws it."""

    width: int
    height: int
    lines: tuple[tuple[str, str], ...]  # (network, "x,y x,y ...")
    dates: tuple[tuple[float, str], ...]  # x positions of the first and last date labels
    top: int  # the largest value, the y axis' top label


def chart(history, width: int = 640, height: int = 240, pad: int = 36) -> Chart | None:
    if len(history) < 2:
        return None
    networks = sorted({n for point in history for n in point["totals"]})
    top = max(1, max(point["totals"].get(n, 0) for point in history for n in networks))
    step = (width - 2 * pad) / (len(history) - 1)
    lines = []
    for network in networks:
        points = " ".join(
            f"{pad + i * step:.1f},{height - pad - (height - 2 * pad) * point['totals'].get(network, 0) / top:.1f}"
            for i, point in enumerate(history)
        )
        lines.append((network, points))
    dates = ((float(pad), history[0]["date"]), (float(width - pad), history[-1]["date"]))
    return Chart(width, height, tuple(lines), dates, top)
