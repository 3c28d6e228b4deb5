"""Lighthouse (pinned in package.json) on four pages of the example film, as a phone sees them.

    .venv/bin/python bench/lighthouse.py            # home, a diary entry, an episode, an event
    .venv/bin/python bench/lighthouse.py --keep DIR # also keep each page's full JSON report in DIR
    .venv/bin/python bench/lighthouse.py --init     # the same on a producer's own film: `invoke init`
                                                    # on a copy of the project, then a post of each kind

Builds the example site into a temporary folder, serves it on 127.0.0.1 and runs Lighthouse's
mobile profile (its default: an emulated mid-range phone on a throttled 4G connection) with
Debian's Chromium. Prints the four category scores per page (target: 100 each) and, for every
score under 100, the audits that cost points. The last line is all the scores as JSON.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = {
    "home": "/",
    "diary entry": "/diary/day-12-night-shoot-at-the-harbour/",
    "episode": "/interviews/off-the-call-sheet-01-maeve-lacey/",
    "event": "/events/dublin-screening-and-q-and-a/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def build(out: Path) -> None:
    from pelican import Pelican
    from pelican.settings import read_settings

    Pelican(
        read_settings(
            str(ROOT / "pelicanconf.py"), override={"OUTPUT_PATH": str(out), "CACHE_PATH": str(ROOT / "cache")}
        )
    ).run()


def audit(url: str, report: Path) -> dict:
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox",
        "--only-categories=" + ",".join(CATEGORIES),
    ]
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, timeout=300)
    data = json.loads(report.read_text())
    scores = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
    losses = []
    for category in CATEGORIES:
        for ref in data["categories"][category]["auditRefs"]:
            result = data["audits"][ref["id"]]
            if ref["weight"] and result.get("score") is not None and result["score"] < 1:
                losses.append(f"{category}: {result['title']} ({result.get('displayValue', result['score'])})")
    metrics = {
        k: data["audits"][k].get("displayValue", "")
        for k in (
            "first-contentful-paint",
            "largest-contentful-paint",
            "total-blocking-time",
            "cumulative-layout-shift",
        )
    }
    return {"scores": scores, "losses": losses, "metrics": metrics}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, help="keep the JSON reports here")
    parser.add_argument(
        "--init", action="store_true", help="a film made with invoke init (tests/yourfilm.py), not the example"
    )
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `make test` once (it runs npm ci)")
    work = Path(tempfile.mkdtemp(prefix="marquee-lighthouse-"))
    try:
        pages = PAGES
        if args.init:
            sys.path.insert(0, str(ROOT / "tests"))
            import yourfilm

            with yourfilm.media_server() as media:
                yourfilm.build(yourfilm.make(work), work / "site", media)
            pages = {name: yourfilm.PAGES[name] for name in PAGES}
        else:
            build(work / "site")
        handler = functools.partial(_Quiet, directory=str(work / "site"))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        results = {}
        for name, path in pages.items():
            report = (args.keep or work) / f"{name.replace(' ', '-')}.json"
            report.parent.mkdir(parents=True, exist_ok=True)
            print(f"Lighthouse: {name} ({path})", file=sys.stderr)
            results[name] = audit(base + path, report)
        server.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    width = max(map(len, PAGES))
    print(f"{'page':{width}}  " + "  ".join(f"{c:>14}" for c in CATEGORIES), file=sys.stderr)
    for name, result in results.items():
        print(f"{name:{width}}  " + "  ".join(f"{result['scores'][c]:>14}" for c in CATEGORIES), file=sys.stderr)
        print(f"{'':{width}}  " + ", ".join(f"{k} {v}" for k, v in result["metrics"].items()), file=sys.stderr)
        for loss in result["losses"]:
            print(f"{'':{width}}  - {loss}", file=sys.stderr)
    print(json.dumps({name: r["scores"] for name, r in results.items()}))


if __name__ == "__main__":
    main()
