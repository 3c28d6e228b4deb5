"""What `invoke livereload` and `invoke edit` rebuild on: the saves the system reports (watchdog's
observer: inotify on Linux), not what python-livereload finds by walking every watched tree
each 0.8 s. That walk stats every post and photo of content/ on every turn, so a big film pays
for it between saves, and a save waits for the next walk to be seen.

`SaveWatcher` is python-livereload's Watcher with the walk replaced: the observer's thread queues
each saved path; the server's loop looks at the queue every tenth of a second and runs the task
(the build) of the globs the paths match.
"""

from __future__ import annotations

import fnmatch
import logging
import queue
from pathlib import Path

from livereload.watcher import Watcher
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

log = logging.getLogger("livereload")  # the server's own log, shown in its terminal

LOOK_EVERY_MS = 100
# Editors' and the system's own files: a swap file or a lock is not a save.
NOT_SAVES = ("*.swp", "*.swx", "*~", ".#*", "#*#", "*.tmp", ".DS_Store", "4913")


def split_glob(pattern: str) -> tuple[Path, str]:
    """ "theme/templates/**/*.html" -> (theme/templates, "*.html"); a file -> (its folder, its name)."""
    parts = Path(pattern).parts
    wild = next((i for i, part in enumerate(parts) if any(c in part for c in "*?[")), None)
    if wild is None:
        return Path(pattern).parent, Path(pattern).name
    return Path(*parts[:wild]) if wild else Path("."), parts[-1]


def matches(pattern: str, path: str) -> bool:
    """Whether the saved `path` (absolute, as the observer reports it) is one `pattern` watches."""
    root, name = split_glob(pattern)
    where, root = Path(path), root.resolve()
    if not fnmatch.fnmatch(where.name, name):
        return False
    return where.is_relative_to(root) if "**" in pattern else where.parent == root


class _Queued(FileSystemEventHandler):
    def __init__(self, changed: queue.SimpleQueue):
        self.changed = changed

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        for path in (event.src_path, getattr(event, "dest_path", "")):  # a save by rename lands at dest_path
            if path and not any(fnmatch.fnmatch(Path(path).name, skip) for skip in NOT_SAVES):
                self.changed.put(str(path))


class SaveWatcher(Watcher):
    def __init__(self) -> None:
        super().__init__()
        self._changed: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._observer = Observer()
        self._observer.daemon = True  # never keeps the process alive after Ctrl-C
        self._roots: set[tuple[Path, bool]] = set()

    def watch(self, path, func=None, delay=None, ignore=None) -> None:
        super().watch(str(path), func, delay, ignore)  # the registry examine() runs tasks from
        root, recursive = split_glob(str(path))[0].resolve(), "**" in str(path)
        if root.is_dir() and (root, recursive) not in self._roots:
            self._roots.add((root, recursive))
            self._observer.schedule(_Queued(self._changed), str(root), recursive=recursive)

    def start(self, callback) -> bool:
        """Called by the server's first page; True: livereload does not start its own walk."""
        from tornado import ioloop

        if not self._observer.is_alive():
            self._observer.start()
            ioloop.PeriodicCallback(callback, LOOK_EVERY_MS).start()
            log.info("Watching %s for saves", ", ".join(sorted({str(root) for root, _ in self._roots})))
        return True

    def examine(self):
        """(a saved path, None) after running the tasks its globs name; (None, None) when nothing was saved."""
        if self._changes:  # the server's own "reload the pages" after it restarts
            return self._changes.pop()
        saved = []
        while True:
            try:
                saved.append(self._changed.get_nowait())
            except queue.Empty:
                break
        seen = [
            (path, task)
            for pattern, task in self._tasks.items()
            for path in saved
            if matches(pattern, path) and not (task["ignore"] and task["ignore"](path))
        ]
        if not seen:
            return None, None
        for build in dict.fromkeys(task["func"] for _, task in seen if task["func"]):  # one build for many saves
            build()
        self.filepath = seen[-1][0]
        return self.filepath, None
