"""`invoke check`: build into a temporary folder and list every warning and error."""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings


@dataclass(frozen=True)
class Problem:
    level: str  # "WARNING", "ERROR" or "CRITICAL"
    message: str
    source: str  # the logger that reported it


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.problems: list[Problem] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.problems.append(Problem(record.levelname, record.getMessage(), record.name))


def check(settings_file: str | Path, overrides: dict | None = None) -> list[Problem]:
    """Build the site with `settings_file` into a temporary folder; return every problem logged."""
    collector = _Collector()
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        with tempfile.TemporaryDirectory(prefix="marquee-check-") as output:
            settings = read_settings(str(settings_file), override={"OUTPUT_PATH": output, **(overrides or {})})
            try:
                Pelican(settings).run()
            except Exception as error:  # a crashed build is one more problem to list
                collector.problems.append(Problem("CRITICAL", f"{type(error).__name__}: {error}", "pelican"))
    finally:
        root.removeHandler(collector)
    return collector.problems
