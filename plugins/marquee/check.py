"""`invoke check`: build into a temporary folder and list every warning and error."""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

from .media.budget import over_budget
from .media.location import located
from .settings.images import read as read_images


@dataclass(frozen=True)
class Problem:
    level: str  # "WARNING", "ERROR" or "CRITICAL"
    message: str
    source: str  # the logger that reported it
    network: bool = False  # about the network (offline, a server down), not the content


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.problems: list[Problem] = []

    def emit(self, record: logging.LogRecord) -> None:
        network = bool(getattr(record, "network", False))
        self.problems.append(Problem(record.levelname, record.getMessage(), record.name, network))


def network_note(problems: list[Problem]) -> str:
    """One plain note for everything the network could not give, or "" when it gave everything."""
    missed = [p.message for p in problems if p.network]
    if not missed:
        return ""
    return (
        f"{len(missed)} thing(s) could not be fetched (no network, or a server did not answer): the pages "
        "show without them, or with the copy cached earlier, and the next build with a network tries again. "
        f"First: {missed[0]}"
    )


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
            else:
                budget = read_images(settings.get("MARQUEE_IMAGES")).page_budget_kb
                collector.problems += [
                    Problem("WARNING", m, "marquee.media") for m in over_budget(Path(output), budget)
                ]
            # The build publishes no photo's metadata, but content/ is committed to a public repository.
            collector.problems += [Problem("ERROR", m, "marquee.media") for m in located(Path(settings["PATH"]))]
    finally:
        root.removeHandler(collector)
    return collector.problems
