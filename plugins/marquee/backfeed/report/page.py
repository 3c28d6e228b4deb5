"""`invoke report --html`: the engagement report as one local file, never deployed.

The report page lists fans' names and the replies still waiting for an answer, so by default it
is not part of the site. This builds the site into a temporary folder with the page switched on,
then keeps just that page, with its stylesheet and avatars inlined, so the file opens anywhere.
"""

from __future__ import annotations

import base64
import re
import tempfile
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings


def write(settings_file: str, target: Path, overrides: dict | None = None) -> Path:
    with tempfile.TemporaryDirectory(prefix="marquee-report-") as folder:
        out = Path(folder) / "site"
        settings = read_settings(settings_file, override={"OUTPUT_PATH": str(out), **(overrides or {})})
        backfeed = dict(settings.get("MARQUEE_BACKFEED") or {})
        settings["MARQUEE_BACKFEED"] = {**backfeed, "publish_report": True}
        Pelican(settings).run()
        path = backfeed.get("report_path", "report/engagement/").strip("/")
        page = out / path / "index.html"
        if not page.is_file():
            raise ValueError("nothing to report yet: no post has been syndicated (see invoke syndicate)")
        html = standalone(page.read_text(encoding="utf-8"), out)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    return target


def standalone(html: str, site: Path) -> str:
    """The page with its stylesheet and local images inlined and its scripts left out."""

    def local(url: str) -> Path | None:
        path = re.sub(r"^(?:https?://[^/]+)?/", "", url.split("?")[0])
        found = (site / path).resolve()
        return found if found.is_relative_to(site.resolve()) and found.is_file() else None

    def style(match):
        css = local(match[1])
        return f"<style>{css.read_text(encoding='utf-8')}</style>" if css else ""

    def image(match):
        file = local(match[2])
        if not file:
            return match[0]
        data = base64.b64encode(file.read_bytes()).decode("ascii")
        return f'{match[1]}"data:image/jpeg;base64,{data}"'

    html = re.sub(r'<link rel="stylesheet" href="([^"]+)">', style, html)
    html = re.sub(r'<script[^>]*src="[^"]*"[^>]*></script>', "", html)
    return re.sub(r'(<img[^>]*? src=)"([^"]+/images/backfeed/[^"]+)"', image, html)
