"""The browser editor at /admin/: Sveltia CMS, installed from npm (editor/package.json) and copied
into the site, so a producer writes posts from a phone or a laptop without git. Its collections
are generated from the content types' schemas on every build (config.py), so a schema change
cannot leave the editor out of date. Nothing is loaded from another host: the bundle's CDN
addresses (its typefaces, its icon font, its version check) are rewritten to files beside it."""

from __future__ import annotations

import html
import json
import logging
import os
import re
import shutil
from pathlib import Path

from pelican import signals

from .. import settings as marquee_settings
from ..content.palette import channels
from ..languages.words import translations
from .config import config

log = logging.getLogger(__name__)

OWN_FILES = [Path(__file__).with_name("marquee-editor.js")]

# Sveltia CMS's @font-face rules name Fontsource's CDN: .../fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2
# (":vf": the variable package). The same files are in Fontsource's npm packages, installed beside it.
CDN_FONT = re.compile(r"https://cdn\.jsdelivr\.net/fontsource/fonts/([a-z0-9-]+)(:vf)?@[0-9.]+/([a-z0-9-]+\.woff2)")
# Its version check (and the links it shows with it) ask unpkg; here they ask the site's copy.
UNPKG_SELF = "https://unpkg.com/@sveltia/cms"
# It imports some of its parts from unpkg when first needed (`https://unpkg.com/${name}@version/file`):
# immutable for its save hooks, exifr, turndown ... They are its npm dependencies, installed beside it.
# (Its code highlighter, @shikijs, is one too; the body's editor has no code blocks, so it is not copied.)
UNPKG = "https://unpkg.com/"
MODULE_FILE = re.compile(r"\(`([@a-z0-9/._-]+)`,`([a-z0-9/._-]+)(?:\?module)?`\)")

PAGE = """<!doctype html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Editor · {title}</title>
<script type="application/json" id="marquee-editor">{data}</script>
<script>window.CMS_MANUAL_INIT = true;</script>
<style>{style}</style>
<body>
<script src="sveltia-cms.js"></script>
<script src="js-yaml.min.js"></script>
<script src="marquee-editor.js"></script>
</body>
</html>
"""  # no </head> (it is optional): `invoke edit`'s live reload injects its script before one, and
# the editor must not reload each time a save or a photo upload changes content/.


def page(title: str, data: dict, hue: int | None) -> str:
    # Inside <script>: no "<" at all, so no "</script>" can end it early.
    text = json.dumps(data, indent=1, ensure_ascii=False).replace("<", "\\u003c")
    style = f":root {{ --sui-base-hue: {hue}; }}" if hue is not None else ""  # the film's accent
    return PAGE.format(title=html.escape(title), data=text, style=style, language=html.escape(data["language"]))


def accent_hue(colours: dict) -> int | None:
    """The hue (0–359) of the film's light accent colour "#rrggbb", for the editor's own accent."""
    import colorsys

    accent = str((colours.get("light") or {}).get("accent") or "")
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", accent):
        return None
    return round(colorsys.rgb_to_hls(*channels(accent))[0] * 360) % 360


def poster_in(output: Path, poster: str) -> str:
    """The poster as the build wrote it (its smallest width when there is one), relative to the
    site's root; "" when there is none."""
    if not poster:
        return ""
    original = Path(poster.lstrip("/"))
    smaller = sorted(output.glob(f"{original.with_suffix('').as_posix()}.*.jpg"), key=lambda p: (len(p.name), p.name))
    for found in [*smaller[:1], output / original]:
        if found.is_file():
            return found.relative_to(output).as_posix()
    return ""


def localized_bundle(bundle: str, modules: Path) -> tuple[str, dict[str, Path]]:
    """The bundle with its CDN fonts pointing at fonts/NAME.woff2, and the files to put there.
    A font whose package is not installed is named in a warning and left to the system's fonts."""
    fonts: dict[str, Path] = {}

    def local(found: re.Match) -> str:
        family, variable, file = found.groups()
        package = modules / ("@fontsource-variable" if variable else "@fontsource") / family / "files"
        name = f"{family}-{file}"
        if (package / name).is_file():
            fonts[name] = package / name
        else:
            log.warning("The editor's typeface %s is not installed (%s): its screens use the system's", name, package)
        return f"fonts/{name}"

    return CDN_FONT.sub(local, bundle).replace(UNPKG_SELF, "./sveltia").replace(UNPKG, "./modules/"), fonts


def module_files(bundle: str, sveltia: Path, modules: Path) -> dict[str, Path]:
    """modules/NAME@VERSION/FILE -> the installed file, for each part the bundle imports by name
    (VERSION: as the bundle asks for it, its dependency's range without the ^)."""
    wanted = json.loads((sveltia / "package.json").read_text(encoding="utf-8")).get("dependencies", {})
    files = {}
    for name, path in MODULE_FILE.findall(bundle):
        installed = modules / name / path
        if name in wanted and installed.is_file():
            files[f"{name}@{re.sub(r'^[^0-9]', '', wanted[name])}/{path}"] = installed
    return files


def write(pelican) -> None:
    """Connected to finalized: write admin/ into the finished output (before it is swapped in)."""
    settings = marquee_settings.read(pelican.settings)
    editor = settings.editor
    if not editor.usable:
        if editor.enabled:
            log.info("MARQUEE_EDITOR has no repo: no /%s/ in this build (docs/guide/phone.md)", editor.path)
        return
    sveltia = editor.modules / "@sveltia" / "cms"
    yaml = editor.modules / "js-yaml" / "dist" / "js-yaml.min.js"
    if not (sveltia / "dist" / "sveltia-cms.js").is_file() or not yaml.is_file():
        log.warning(
            "The editor at /%s/ is not built: its packages are not installed in %s (run `make site`, "
            "or `npm ci --prefix editor`)",
            editor.path,
            editor.modules,
        )
        return
    folder = Path(pelican.output_path) / editor.path
    (folder / "fonts").mkdir(parents=True, exist_ok=True)
    words = translations(Path(pelican.settings["THEME"]), settings.languages[0].code)  # the site's language
    data = config(settings, Path(pelican.settings["PATH"]), pelican.settings.get("SITEURL", ""), words)
    logo = poster_in(Path(pelican.output_path), settings.film.poster)
    if logo:  # the sign-in screen shows the film's poster, not Sveltia's mark
        data["config"]["logo"] = {"src": f"../{logo}"}
    (folder / "index.html").write_text(page(settings.film.title, data, accent_hue(settings.film.colours)), "utf-8")
    bundle, fonts = localized_bundle((sveltia / "dist" / "sveltia-cms.js").read_text(encoding="utf-8"), editor.modules)
    (folder / "sveltia-cms.js").write_text(bundle, encoding="utf-8")
    for chunk in sorted((sveltia / "dist" / "chunks").glob("*.js")):  # loaded by the bundle when it needs them
        (folder / "chunks").mkdir(exist_ok=True)
        _link_or_copy(chunk, folder / "chunks" / chunk.name)
    version = json.loads((sveltia / "package.json").read_text(encoding="utf-8"))["version"]
    (folder / "sveltia").mkdir(exist_ok=True)
    (folder / "sveltia" / "package.json").write_text(json.dumps({"name": "@sveltia/cms", "version": version}))
    for name, source in fonts.items():
        _link_or_copy(source, folder / "fonts" / name)
    for name, source in module_files(bundle, sveltia, editor.modules).items():
        (folder / "modules" / name).parent.mkdir(parents=True, exist_ok=True)
        _link_or_copy(source, folder / "modules" / name)
    for own in [*OWN_FILES, yaml]:
        shutil.copyfile(own, folder / own.name)


def _link_or_copy(source: Path, target: Path) -> None:
    """The installed file, linked (once on disk however many builds) or else copied."""
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def register() -> None:
    signals.finalized.connect(write)
