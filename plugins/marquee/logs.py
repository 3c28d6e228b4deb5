"""Build messages a log can be searched for: without a terminal (CI, a cron job, a pipe), Pelican's
rich handler would wrap every message at 80 columns, mid-path, so no line names the whole file.
There each message is one plain line; in a terminal rich's colours and layout stay."""

from __future__ import annotations

import logging

from rich.logging import RichHandler


class PlainLines(logging.StreamHandler):
    """One line per message, as a log reader expects: LEVEL message."""

    def __init__(self, stream, level: int):
        super().__init__(stream)
        self.setLevel(level)
        self.setFormatter(logging.Formatter("%(levelname)-8s %(message)s"))


def unwrap(pelican=None) -> None:
    """initialized: replace each rich handler that writes to something other than a terminal."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, RichHandler) and not handler.console.is_terminal:
            plain = PlainLines(handler.console.file, handler.level)
            for kept in handler.filters:
                plain.addFilter(kept)
            root.removeHandler(handler)
            root.addHandler(plain)
