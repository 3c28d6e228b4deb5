"""`invoke livereload` rebuilds on the saves the system reports: each save runs the build of the
globs it matches, once, whether the editor writes the file or renames a new one over it; an
editor's swap file, or a file no glob names, runs nothing."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from marquee.commands.watching import SaveWatcher, matches, split_glob


def test_a_glob_is_split_into_the_folder_to_watch_and_the_names_it_takes(tmp_path):
    assert split_glob("theme/templates/**/*.html") == (Path("theme/templates"), "*.html")
    assert split_glob(f"{tmp_path}/content/**/*") == (tmp_path / "content", "*")
    assert split_glob(f"{tmp_path}/pelicanconf.py") == (tmp_path, "pelicanconf.py")
    assert matches(f"{tmp_path}/content/**/*", f"{tmp_path}/content/diary/a.md")
    assert matches(f"{tmp_path}/content/**/*", f"{tmp_path}/content/a.md")
    assert not matches(f"{tmp_path}/content/**/*", f"{tmp_path}/contents/a.md")
    assert matches(f"{tmp_path}/t/**/*.html", f"{tmp_path}/t/partials/x.html")
    assert not matches(f"{tmp_path}/t/**/*.html", f"{tmp_path}/t/partials/x.css")
    assert matches(f"{tmp_path}/conf.py", f"{tmp_path}/conf.py")
    assert not matches(f"{tmp_path}/conf.py", f"{tmp_path}/sub/conf.py")


@pytest.fixture
def watching(tmp_path):
    (tmp_path / "content" / "diary").mkdir(parents=True)
    (tmp_path / "theme").mkdir()
    built = {"content": 0, "theme": 0}
    watcher = SaveWatcher()
    watcher.watch(f"{tmp_path}/content/**/*", lambda: built.__setitem__("content", built["content"] + 1))
    watcher.watch(f"{tmp_path}/theme/**/*.html", lambda: built.__setitem__("theme", built["theme"] + 1))
    watcher._observer.start()  # what start() does for the server, without its loop
    yield tmp_path, watcher, built
    watcher._observer.stop()
    watcher._observer.join(timeout=10)


def seen(watcher, seconds: float = 10):
    """examine() until it reports a save (bounded), as the server's loop looks every 0.1 s."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        path, _ = watcher.examine()
        if path:
            return path
        time.sleep(0.05)
    return None


def test_each_save_runs_the_build_its_glob_names_once(watching):
    root, watcher, built = watching
    entry = root / "content" / "diary" / "a.md"
    entry.write_text("Title: A day\n")
    assert seen(watcher).endswith("a.md") and built == {"content": 1, "theme": 0}
    fresh = entry.with_name(".a.md.new")  # an editor that writes a new file and renames it over the old
    fresh.write_text("Title: A better day\n")
    os.replace(fresh, entry)
    assert seen(watcher) and built["content"] >= 2 and built["theme"] == 0
    (root / "theme" / "base.html").write_text("<html>")
    assert seen(watcher).endswith("base.html") and built["theme"] == 1


def test_a_swap_file_or_a_file_no_glob_names_runs_nothing(watching):
    root, watcher, built = watching
    (root / "content" / "diary" / ".a.md.swp").write_text("vim")
    (root / "content" / "diary" / "a.md~").write_text("backup")
    (root / "theme" / "style.css").write_text("body {}")  # the theme glob takes .html only
    marker = root / "content" / "marker.md"  # a real save after them: once it is seen, they were looked at
    marker.write_text("x")
    assert seen(watcher).endswith("marker.md")
    assert built == {"content": 1, "theme": 0}
