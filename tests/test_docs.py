"""The documentation site (mkdocs.yml, docs/): built strictly, every internal link resolving, the
reference pages written from the code so they cannot drift."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT

MKDOCS = str(Path(sys.executable).with_name("mkdocs"))


def build(config: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            MKDOCS,
            "build",
            "--strict",
            "-f",
            str(config),
            "-d",
            str(site),
        ],  # no -q: quiet hides the warnings strict counts
        cwd=config.parent,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="module")
def docs_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("docs") / "site"
    done = build(ROOT / "mkdocs.yml", site)
    assert done.returncode == 0, done.stdout + done.stderr
    return site


def test_every_internal_link_of_the_docs_site_resolves(docs_site):
    broken = []
    for page in docs_site.rglob("*.html"):
        if page.name == "404.html":  # MkDocs writes it with site-absolute links, for any depth
            continue
        for href in re.findall(r'<(?:a|link)\s[^>]*?href="([^"]+)"', page.read_text(encoding="utf-8")):
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("#", "mailto:", "//")):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(docs_site)} -> {href}")
    assert broken == []


def test_the_reference_is_written_from_the_code(docs_site):
    import marquee.settings as documented
    from invoke import Collection
    from marquee.content import validate
    from marquee.networks import NETWORKS

    settings = (docs_site / "reference" / "settings" / "index.html").read_text(encoding="utf-8")
    for name in set(re.findall(r"^(MARQUEE_[A-Z_]+)\s", documented.__doc__, re.M)):
        assert name in settings, name
    fields = (docs_site / "reference" / "content-fields" / "index.html").read_text(encoding="utf-8")
    for module in validate.TYPES.values():
        for field in module.SCHEMA:
            assert f"{field.name}:" in fields, field.name
    networks = (docs_site / "reference" / "networks" / "index.html").read_text(encoding="utf-8")
    assert all(label in networks for label in NETWORKS.values())
    cli = (docs_site / "reference" / "cli" / "index.html").read_text(encoding="utf-8")
    sys.path.insert(0, str(ROOT))
    try:
        import tasks
    finally:
        sys.path.remove(str(ROOT))
    for name, task in Collection.from_module(tasks).tasks.items():
        assert f"invoke {name}" in cli, name
        for option in task.help:
            assert "--" + option.replace("_", "-") in cli, (name, option)


def test_a_broken_link_fails_the_docs_build(tmp_path):
    """The strictness `make test` relies on: a link to a page that is not there stops the build."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(ROOT / "tools", tmp_path / "tools")
    shutil.copy(ROOT / "tasks.py", tmp_path / "tasks.py")
    (tmp_path / "plugins").symlink_to(ROOT / "plugins")
    guide = tmp_path / "docs" / "guide" / "go-live.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nSee [the missing page](nowhere.md).\n", encoding="utf-8")
    done = build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert done.returncode != 0 and "nowhere.md" in done.stdout + done.stderr
