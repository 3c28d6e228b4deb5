"""`invoke check`: a build into a temporary folder that lists every problem."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FILM, ROOT
from marquee.check import check


def broken_copy(tmp_path: Path) -> Path:
    """The fixture film as a project, with two bad files in its content."""
    shutil.copy(ROOT / "tasks.py", tmp_path / "tasks.py")
    shutil.copy(FILM / "pelicanconf.py", tmp_path / "pelicanconf.py")
    shutil.copytree(FILM / "content", tmp_path / "content")
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    (tmp_path / "content" / "diary" / "bad-date.md").write_text(
        "Title: Bad date\nDate: 2026-13-45\n\nText.\n", encoding="utf-8"
    )
    (tmp_path / "content" / "press" / "bad-status.md").write_text(
        "Title: Bad status\nDate: 2026-01-01\nStatus: publishd\n\nText.\n", encoding="utf-8"
    )
    return tmp_path


def test_the_fixture_film_has_no_problems():
    # The suite's film builds offline: what this machine's network cache lacks (the trailer's
    # oEmbed on a fresh checkout) is a note about the machine, not a problem of the film.
    found = [p for p in check(FILM / "pelicanconf.py") if not p.message.startswith("offline: ")]
    assert found == []


def test_check_lists_every_problem(tmp_path):
    problems = check(broken_copy(tmp_path) / "pelicanconf.py")
    text = "\n".join(p.message for p in problems)
    assert "bad-date.md" in text
    assert "publishd" in text and "bad-status.md" in text


def test_invoke_check_exits_non_zero_with_a_list(tmp_path):
    project = broken_copy(tmp_path)
    invoke = str(Path(sys.executable).with_name("invoke"))
    result = subprocess.run([invoke, "check"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1
    assert "problem(s)" in result.stderr and "publishd" in result.stderr
    assert not (project / "output").exists()  # check builds into a temporary folder
