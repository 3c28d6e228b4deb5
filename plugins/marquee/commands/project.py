"""The project a command runs in: its settings files, folders and local address, read once."""

from __future__ import annotations

import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

from pelican import main as pelican_main
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file


def load_dotenv(path: str = ".env") -> None:
    """KEY=VALUE lines of .env into the environment (what is already set wins); see .env.example."""
    if not os.path.isfile(path):
        return
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        name, sep, value = line.strip().partition("=")
        if sep and name and not name.startswith("#"):
            os.environ.setdefault(name.strip(), value.strip().strip("'\""))


@dataclass(frozen=True)
class Project:
    root: Path  # the folder of tasks.py: theme/, editor/ and the settings files are in it
    settings_base: str = "pelicanconf.py"
    settings_publish: str = "publishconf.py"
    deploy_path: str = "output"
    host: str = "127.0.0.1"  # $MARQUEE_HOST
    port: int = 8000  # $MARQUEE_PORT
    open_browser: bool = False  # a person at a terminal, not CI

    @classmethod
    def here(cls, root: Path) -> Project:
        return cls(
            root=root,
            host=os.environ.get("MARQUEE_HOST", "127.0.0.1"),
            port=int(os.environ.get("MARQUEE_PORT", "8000")),
            open_browser=os.environ.get("CI") != "true" and sys.stdin.isatty(),
        )

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def pelican_settings(self, settings_file: str | None = None) -> dict:
        """The settings file as Pelican reads it, over Pelican's defaults."""
        return {**DEFAULT_CONFIG, **get_settings_from_file(settings_file or self.settings_base)}

    def marquee_settings(self, settings_file: str):
        from pelican.settings import read_settings

        from .. import settings

        return settings.read(read_settings(settings_file))


def pelican_run(args: str) -> None:
    """Pelican's own command line, with anything given after `--` passed through."""
    from invoke.main import program

    pelican_main(shlex.split(args + " " + program.core.remainder))
