"""What a phone downloads to show a page: HTML, stylesheets, scripts and the images it loads at
once (not those marked loading="lazy"), each image in the candidate a phone picks from its srcset.

A static estimate, close to what Chromium does: the viewport is 390 CSS px at 2 device pixels per
px; a <picture> uses its first modern source; `sizes` is read for min-width/max-width conditions
in px and rem. Used by `invoke check` (MARQUEE_IMAGES page_budget_kb).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

VIEWPORT, DPR, REM = 390, 2, 16
MODERN = ("image/avif", "image/webp")


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._source: tuple[str, str] | None = None  # the chosen <source> of the open <picture>

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "stylesheet" and a.get("href"):
            self.found.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.found.append(a["src"])
        elif tag == "picture":
            self._source = None
        elif tag == "source" and self._source is None and a.get("type") in MODERN and a.get("srcset"):
            self._source = (a["srcset"], a.get("sizes", ""))
        elif tag == "img" and a.get("loading") != "lazy":
            srcset, sizes = self._source or (a.get("srcset", ""), a.get("sizes", ""))
            self.found.append(choose(srcset, sizes) if srcset else a.get("src", ""))

    def handle_endtag(self, tag):
        if tag == "picture":
            self._source = None


def slot(sizes: str) -> float:
    """The image's width in CSS px on the phone, from a `sizes` attribute (100vw when none)."""
    for part in [p.strip() for p in sizes.split(",") if p.strip()] or ["100vw"]:
        condition = re.match(r"\((min|max)-width:\s*([\d.]+)(px|rem|em)\)\s*(.*)", part)
        if condition:
            limit = float(condition[2]) * (1 if condition[3] == "px" else REM)
            if (VIEWPORT >= limit) if condition[1] == "min" else (VIEWPORT <= limit):
                return length(condition[4])
            continue
        return length(part)
    return VIEWPORT


def length(value: str) -> float:
    found = re.match(r"([\d.]+)(vw|px|rem|em)", value.strip())
    if not found:
        return VIEWPORT
    number, unit = float(found[1]), found[2]
    return VIEWPORT * number / 100 if unit == "vw" else number * (1 if unit == "px" else REM)


def choose(srcset: str, sizes: str) -> str:
    """The candidate a browser picks: the narrowest at least as wide as the slot in device px."""
    candidates = []
    for part in srcset.split(","):
        bits = part.split()
        if bits:
            width = int(bits[1][:-1]) if len(bits) > 1 and bits[1].endswith("w") else 0
            candidates.append((width, bits[0]))
    needed = slot(sizes) * DPR
    fitting = sorted(c for c in candidates if c[0] >= needed)
    return (fitting[0] if fitting else max(candidates))[1]


def first_load(page: Path, root: Path) -> list[tuple[str, int]]:
    """(path, bytes) of everything a phone loads at once for `page` in the built site `root`."""
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    items = [(page.relative_to(root).as_posix(), page.stat().st_size)]
    for url in parser.found:
        parts = urlsplit(url)  # the site's own files; absolute URLs of the production build too
        path = root / parts.path.lstrip("/")
        if parts.scheme in ("", "http", "https") and path.is_file():
            items.append((parts.path.lstrip("/"), path.stat().st_size))
    return items


def over_budget(root: Path, budget_kb: int) -> list[str]:
    """One warning per page whose first load is over `budget_kb`, naming its biggest items."""
    warnings = []
    for page in sorted(root.rglob("*.html")):
        items = first_load(page, root)
        total = sum(size for _, size in items)
        if total > budget_kb * 1024:
            biggest = ", ".join(
                f"{path} ({size / 1024:.0f} KB)" for path, size in sorted(items, key=lambda i: -i[1])[:3]
            )
            warnings.append(
                f"{page.relative_to(root).as_posix()}: first load at a phone viewport is {total / 1024:.0f} KB, "
                f"over the {budget_kb} KB budget; biggest: {biggest}"
            )
    return warnings
