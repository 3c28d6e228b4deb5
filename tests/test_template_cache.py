"""The theme's templates are compiled once and kept in cache/: a warm build compiles none, an
edited template is compiled anew, and the pages are the same bytes either way."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
from helpers import build_film, write_film

ROOT = Path(__file__).resolve().parent.parent
DIARY = "Title: Day one\nDate: 2026-05-01 10:00\nPhase: production\nShoot-Day: 1\n\nWe began.\n"


def compiled_during(build) -> list[str]:
    """The names of the templates Jinja compiled from source while `build()` ran."""
    names, compile_ = [], jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        if name:
            names.append(name)
        return compile_(self, source, name, filename, raw, defer_init)

    jinja2.Environment.compile = counting
    try:
        build()
    finally:
        jinja2.Environment.compile = compile_
    return names


def pages(output: Path) -> dict:
    return {p.relative_to(output): p.read_bytes() for p in output.rglob("*.html")}


def a_theme(tmp_path: Path) -> Path:
    """The repository's theme in a folder of its own, its installed packages linked."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme, ignore=shutil.ignore_patterns("node_modules"))
    (theme / "node_modules").symlink_to(ROOT / "theme" / "node_modules")
    return theme


def test_a_warm_build_compiles_no_template_and_writes_the_same_pages(tmp_path):
    write_film(tmp_path, {"diary/day-one.md": DIARY})
    theme = a_theme(tmp_path)
    cold = compiled_during(lambda: build_film(tmp_path, THEME=str(theme)))
    assert "base.html" in cold and len(cold) > 10  # the theme, each generator and edition its own
    first = pages(tmp_path / "output")
    warm = compiled_during(lambda: build_film(tmp_path, THEME=str(theme)))
    assert warm == []
    assert pages(tmp_path / "output") == first

    uncached = tmp_path / "uncached"
    write_film(uncached, {"diary/day-one.md": DIARY})
    build_film(uncached, THEME=str(theme))
    assert pages(uncached / "output") == first  # the cache changes nothing that is written


def test_an_edited_template_is_compiled_anew(tmp_path):
    write_film(tmp_path, {"diary/day-one.md": DIARY})
    theme = a_theme(tmp_path)
    build_film(tmp_path, THEME=str(theme))
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<!-- edited --></body>"), "utf-8")
    again = compiled_during(lambda: build_film(tmp_path, THEME=str(theme)))
    assert "base.html" in again and "article.html" not in again  # only what changed
    assert "<!-- edited -->" in (tmp_path / "output" / "index.html").read_text(encoding="utf-8")


def test_code_compiled_for_other_options_is_never_used(tmp_path):
    """Autoescape, trim_blocks and the extensions are compiled into the code, not checked by Jinja:
    they name the cache's folder."""
    from marquee.content.template_cache import folder_for

    escaped = {"autoescape": True, "trim_blocks": True, "extensions": ["jinja2.ext.i18n"]}
    assert folder_for(tmp_path, escaped) == folder_for(tmp_path, dict(reversed(escaped.items())))
    for other in ({**escaped, "autoescape": False}, {**escaped, "trim_blocks": False}, {**escaped, "extensions": []}):
        assert folder_for(tmp_path, other) != folder_for(tmp_path, escaped)
    assert folder_for(tmp_path, {"autoescape": jinja2.select_autoescape()}) == folder_for(
        tmp_path, {"autoescape": jinja2.select_autoescape()}
    )  # a function is named, not its address
    assert folder_for(tmp_path, {"autoescape": jinja2.select_autoescape(["html"])}) != folder_for(
        tmp_path, {"autoescape": jinja2.select_autoescape(["xml"])}
    )
