"""`invoke new`: the file, its fields, and refusing to overwrite."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FILM, ROOT
from marquee.content.validate import ContentError
from marquee.scaffold import KINDS, new_post, read_fields

NOW = dt.datetime(2026, 11, 23, 9, 30)


def test_new_diary_entry_has_every_field_and_learns_from_the_diary(tmp_path):
    shutil.copytree(FILM / "content" / "diary", tmp_path / "diary")
    path = new_post("diary", "Day 24: pick-ups at the mast", tmp_path, NOW)
    assert path == tmp_path / "diary" / "day-24-pick-ups-at-the-mast.md"
    fields = read_fields(path)
    assert fields["title"] == "Day 24: pick-ups at the mast"
    assert fields["date"] == "2026-11-23 09:30"
    for name in ("summary", "tags", *(f.lower() for f in KINDS["diary"][1])):
        assert name in fields, name
    assert fields["shoot-day"] == "24"  # the example diary's last shoot day is 23
    assert fields["phase"] == "post-production"  # the newest entry's phase


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_gets_its_folder_and_fields(tmp_path, kind):
    path = new_post(kind, "A brand new post", tmp_path, NOW, timezone="Europe/Dublin")
    folder, field_names = KINDS[kind]
    assert path.parent.name == folder
    fields = read_fields(path)
    assert [f.lower() for f in field_names] == list(fields)[4:]
    if kind == "event":
        assert fields["timezone"] == "Europe/Dublin" and fields["status"] == "scheduled"


def test_next_episode_number_continues_the_series(tmp_path):
    shutil.copytree(FILM / "content" / "interviews", tmp_path / "interviews")
    fields = read_fields(new_post("interview", "Episode five", tmp_path, NOW))
    assert fields["series"] == "Off the Call Sheet"
    assert fields["episode"] == "6"


def test_new_refuses_to_overwrite(tmp_path):
    path = new_post("press", "Trailer launch", tmp_path, NOW)
    path.write_text("Title: Trailer launch\n\nEdited by hand.\n", encoding="utf-8")
    with pytest.raises(FileExistsError, match="already exists"):
        new_post("press", "Trailer launch", tmp_path, NOW)
    assert "Edited by hand." in path.read_text(encoding="utf-8")


def test_unknown_kind_and_empty_title_are_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown kind 'blog'"):
        new_post("blog", "Hello", tmp_path, NOW)
    with pytest.raises(ValueError, match="empty"):
        new_post("diary", "  ", tmp_path, NOW)


def test_invoke_new_from_the_command_line(tmp_path):
    """The real task, run by invoke in a copy of the project."""
    shutil.copy(ROOT / "tasks.py", tmp_path / "tasks.py")
    shutil.copy(FILM / "pelicanconf.py", tmp_path / "pelicanconf.py")
    (tmp_path / "content").mkdir()
    invoke = [str(Path(sys.executable).with_name("invoke"))]
    first = subprocess.run(invoke + ["new", "event", "Cork screening"], cwd=tmp_path, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    created = tmp_path / "content" / "events" / "cork-screening.md"
    assert read_fields(created)["event-kind"] == "screening"
    again = subprocess.run(invoke + ["new", "event", "Cork screening"], cwd=tmp_path, capture_output=True, text=True)
    assert again.returncode == 1
    assert "already exists" in again.stderr


def test_readme_env_example_and_workflow_name_every_networks_secrets():
    """The networks table in README is what `invoke networks` prints from the registry, and every
    variable it names is in .env.example and handed to the scheduled publish workflow."""

    from marquee.settings.syndication import (
        NETWORKS,
        environment_variables,
        networks_table,
    )

    publishing = (ROOT / "docs" / "guide" / "publishing.md").read_text(encoding="utf-8")
    assert "<!-- generated: networks -->" in publishing  # the docs build writes networks_table() there
    assert networks_table().count("\n|") == len(NETWORKS) + 1
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    workflow = (ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    for network in NETWORKS:
        for name in environment_variables(network):
            assert f"\n{name}=" in example, name
            assert f"{name}: ${{{{ secrets.{name} }}}}" in workflow, name


def test_the_readme_example_creates_a_new_entry_on_the_example_site(tmp_path):
    """README's first command works on the example film as it ships: the title is not taken."""
    import re

    from marquee.scaffold import new_post

    readme = (ROOT / "docs" / "guide" / "writing.md").read_text(encoding="utf-8")
    kind, title = re.search(r'invoke new (\w+) "([^"]+)"', readme).groups()
    shutil.copytree(FILM / "content", tmp_path / "content")
    path = new_post(kind, title, tmp_path / "content", dt.datetime(2026, 11, 23, 18, 5), "Europe/Dublin")
    assert path.name in readme and path.read_text(encoding="utf-8").startswith(f"Title: {title}\n")


def test_a_blank_new_post_is_refused_for_publishing_and_a_draft_never_blocks(tmp_path, caplog):
    from helpers import build_film, write_film
    from marquee.scaffold import new_post

    write_film(
        tmp_path,
        {
            "diary/day-1.md": "Title: Day 1\nDate: 2026-05-01 10:00\nPhase: production\n\nWe began.\n",
            "events/half-written.md": "Title: Gala\nDate: 2026-09-01 10:00\nStatus: draft\nEvent-Kind: screening\nStart: 2026-13-40 19:30\n\nSoon.\n",
        },
    )
    new_post("diary", "Day 2: rain", tmp_path / "content", dt.datetime(2026, 5, 2, 9, 0), "Europe/Dublin")
    (tmp_path / "content" / "diary" / "day-2-rain.md").write_text(
        (tmp_path / "content" / "diary" / "day-2-rain.md").read_text().replace("Summary:", "Summary: Rain.")
    )
    preview = build_film(tmp_path)  # a preview: warnings only
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("content/diary/day-2-rain.md" in w and "What happened today, in your own words." in w for w in warnings)
    assert any(
        "content/events/half-written.md: Start:" in w and "(a draft: fix this before it is published)" in w
        for w in warnings
    )
    assert (preview / "drafts").is_dir() and "half-written" not in (preview / "feeds" / "all.json").read_text()
    caplog.clear()
    with pytest.raises(ContentError):
        build_film(tmp_path, MARQUEE_PUBLISHING=True)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert errors == [
        'content/diary/day-2-rain.md: the body still has the template\'s text "What happened today, in your own words.": write the post, or set Status: draft'
    ]


def test_livereload_prints_each_log_line_once():
    """livereload's own log handler is not added: Pelican's prints every line, once."""
    import os

    from conftest import free_port
    from helpers import wait_for_line

    env = {**os.environ, "CI": "true", "MARQUEE_PORT": str(free_port())}
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("invoke")), "livereload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    try:
        output = wait_for_line(process, process.stdout, "for saves", 90)
    finally:
        process.kill()
        process.wait(timeout=30)
    assert output.count("Serving on http://127.0.0.1:") == 1, output
    assert output.count("for saves") == 1, output


def test_the_publish_workflow_keeps_marquees_cache_between_runs():
    """Every hourly run starts on a fresh runner: the workflow restores cache/ (the folder the
    settings write photos, share images, maps, tiles and oEmbed answers to) before it publishes,
    keyed by the settings and the pipeline, and caches the pip and npm downloads."""
    import yaml
    from pelican.settings import read_settings

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["publish"]["steps"]
    names = [step.get("name") or step.get("uses") for step in steps]
    cache = next(step for step in steps if str(step.get("uses", "")).startswith("actions/cache@"))
    settings = read_settings(str(ROOT / "publishconf.py"))
    assert (
        cache["with"]["path"] == settings["CACHE_PATH"] == "cache"
    )  # Pelican's and Marquee's (marquee.settings cache_path)
    key, restore = cache["with"]["key"], cache["with"]["restore-keys"]
    for part in ("pelicanconf.py", "publishconf.py", "data/site.json", "constraints.txt", "plugins/marquee/media/**"):
        assert part in key and part in restore, part
    assert key.endswith("-${{ github.run_id }}") and restore == key.removesuffix("${{ github.run_id }}")
    assert names.index(cache["name"]) < names.index("Publish")
    python = next(step for step in steps if str(step.get("uses", "")).startswith("actions/setup-python@"))
    node = next(step for step in steps if str(step.get("uses", "")).startswith("actions/setup-node@"))
    assert python["with"]["cache"] == "pip" and node["with"]["cache"] == "npm"
    assert "theme/package-lock.json" in node["with"]["cache-dependency-path"]
    # The installed environment too, keyed by every pin; on an exact hit the stamps are touched
    # (restored files are older than the checkout: make would reinstall).
    installed = next(step for step in steps if step.get("id") == "installed")
    assert installed["uses"].startswith("actions/cache@") and ".venv" in installed["with"]["path"]
    for pin in ("pyproject.toml", "constraints.txt", "editor/package-lock.json", "theme/package-lock.json"):
        assert pin in installed["with"]["key"], pin
    trust = next(step for step in steps if step.get("if") == "steps.installed.outputs.cache-hit == 'true'")
    install = next(step for step in steps if step.get("name") == "Install")
    made = install["run"].split("#")[0].split()[1:]  # make's targets
    assert made and all(target in trust["run"].split() for target in made)  # each one trusted, or make redoes it
    assert ".venv/.runtime-stamp" in made and ".venv/.installed-stamp" not in made  # no test tools to restore
    assert names.index(installed["name"]) < names.index(trust["name"]) < names.index("Install")
