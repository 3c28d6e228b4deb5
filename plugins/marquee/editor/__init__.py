"""The browser editor at /admin/: Decap CMS, installed from npm (editor/package.json) and copied
into the site, so a producer writes posts from a phone or a laptop without git. Its collections
are generated from the content types' schemas on every build (config.py), so a schema change
cannot leave the editor out of date; nothing is loaded from another host."""

from __future__ import annotations

import html
import json
import logging
import os
import shutil
from pathlib import Path

from pelican import signals

from .. import settings as marquee_settings
from .config import config

log = logging.getLogger(__name__)

OWN_FILES = [Path(__file__).with_name("marquee-editor.js"), Path(__file__).with_name("marquee-editor.css")]

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Editor · {title}</title>
<script type="application/json" id="marquee-editor">{data}</script>
<script>window.CMS_MANUAL_INIT = true;</script>
<link rel="stylesheet" href="marquee-editor.css">
<style>{style}</style>
<body>
<script src="decap-cms.js"></script>
<script src="js-yaml.min.js"></script>
<script src="marquee-editor.js"></script>
</body>
</html>
"""  # no </head> (it is optional): `invoke edit`'s live reload injects its script before one, and
# the editor must not reload each time a save or a photo upload changes content/.


def page(title: str, data: dict) -> str:
    # Inside <script>: no "<" at all, so no "</script>" can end it early.
    text = json.dumps(data, indent=1, ensure_ascii=False).replace("<", "\\u003c")
    # Presence is checked on save, in the build's words, so Decap sees every field as optional;
    # its "(optional)" is hidden on the fields the build requires.
    required = sorted({name for rule in data["rules"].values() for name in rule["required"]})
    style = "".join(f'label[for^="{name}-field-"] > span {{ display: none; }}' for name in required)
    return PAGE.format(title=html.escape(title), data=text, style=style)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)  # the 6 MB bundle, once on disk however many builds
    except OSError:
        shutil.copy2(source, target)


def write(pelican) -> None:
    """Connected to finalized: write admin/ into the finished output (before it is swapped in)."""
    settings = marquee_settings.read(pelican.settings)
    editor = settings.editor
    if not editor.usable:
        if editor.enabled:
            log.info("MARQUEE_EDITOR has no repo: no /%s/ in this build (docs/guide/phone.md)", editor.path)
        return
    decap, yaml = editor.modules / "decap-cms" / "dist", editor.modules / "js-yaml" / "dist" / "js-yaml.min.js"
    if not (decap / "decap-cms.js").is_file() or not yaml.is_file():
        log.warning("The editor at /%s/ is not built: its packages are not installed in %s (run `make site`, "
                    "or `npm ci --prefix editor`)", editor.path, editor.modules)
        return
    folder = Path(pelican.output_path) / editor.path
    folder.mkdir(parents=True, exist_ok=True)
    data = config(settings, Path(pelican.settings["PATH"]), pelican.settings.get("SITEURL", ""))
    (folder / "index.html").write_text(page(settings.film.title, data), encoding="utf-8")
    for own in OWN_FILES:
        shutil.copyfile(own, folder / own.name)
    for chunk in [yaml, *sorted(decap.glob("*decap-cms.js"))]:
        target = folder / chunk.name
        if not target.exists():
            _link_or_copy(chunk, target)


def register() -> None:
    signals.finalized.connect(write)
