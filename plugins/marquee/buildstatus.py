"""`invoke livereload`'s build status in the browser: after every build it writes
`marquee-build-status.js` into the served folder. After a failed build (the previous pages stay
served) the script shows the problems over the page, naming each file and field; after a good
build it is empty, so the overlay goes away with the next reload. Only previews built with
MARQUEE_LIVERELOAD load it (theme/templates/base.html)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

NAME = "marquee-build-status.js"

_OVERLAY = """(() => {
  const problems = %s;
  const show = () => {
    const box = document.createElement("div");
    box.className = "build-error";
    box.setAttribute("role", "alert");
    const title = document.createElement("h2");
    title.textContent = "The last save did not build. This page is from the build before it.";
    const list = document.createElement("ul");
    for (const problem of problems) {
      const item = document.createElement("li");
      item.textContent = problem;  // text, never markup: it quotes the producer's own fields
      list.append(item);
    }
    const hint = document.createElement("p");
    hint.textContent = "Fix it and save again: this page reloads by itself.";
    box.append(title, list, hint);
    document.body.prepend(box);
  };
  document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", show) : show();
})();
"""


class Problems(logging.Handler):
    """Collects the errors a build logs."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message not in self.messages:
            self.messages.append(message)


def write(folder: Path, problems: list[str]) -> None:
    """The status script for the pages in `folder`: an overlay listing `problems`, or nothing."""
    folder.mkdir(parents=True, exist_ok=True)
    body = _OVERLAY % json.dumps(problems) if problems else "// the last build succeeded\n"
    (folder / NAME).write_text(body, encoding="utf-8")


def reload_every_change() -> None:
    """python-livereload drops a change it sees while no page is connected yet, or within three
    seconds of the last reload ("Ignore"): the build runs, but the page never reloads, so a save
    that breaks the build shows nothing. Here a change waits until a page can be told of it."""
    from livereload.handlers import LiveReloadHandler

    def poll_tasks(cls):
        if cls.pending is None:
            filepath, _ = cls.watcher.examine()  # builds, when something changed
            if not filepath:
                return
            cls.pending = filepath
        if cls.waiters:
            path, cls.pending = cls.pending, None
            cls.reload_waiters(path)

    LiveReloadHandler.pending = None
    LiveReloadHandler.poll_tasks = classmethod(poll_tasks)
