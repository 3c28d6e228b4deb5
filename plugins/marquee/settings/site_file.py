"""The film's own settings as data: `data/site.json` beside the settings files, read by the last
lines of pelicanconf.py ("site") and publishconf.py ("publish"). `invoke init` writes it whole
(never an edit of Python source) and the editor can change it; what the Python files say is the
same for every film. Read strictly: a file that is not what init writes is an error naming it."""

from __future__ import annotations

import json
import re
from pathlib import Path

NAME = Path("data") / "site.json"
SECTIONS = ("site", "publish")
_SETTING = re.compile(r"[A-Z][A-Z0-9_]*")


class SiteFileError(SystemExit):
    """Raised while Pelican reads the settings, before any plugin can word its errors: as a
    SystemExit the message is printed alone (no traceback) and the build exits 1."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def path_for(settings_file: str | Path) -> Path:
    return Path(settings_file).resolve().parent / NAME


def read(settings_file: str | Path, section: str) -> dict:
    """The settings of `section` in the data file beside `settings_file` ({} when there is none)."""
    path = path_for(settings_file)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, RecursionError) as error:
        raise SiteFileError(f"{path}: cannot be read ({error}); restore it from git") from None
    except ValueError as error:
        raise SiteFileError(
            f"{path}: not valid JSON ({error}); restore it from git, or run invoke init again"
        ) from None
    values = checked(data, path)[section]
    # Which settings came from here, so a problem with one names this file, not pelicanconf.py.
    return {**values, "MARQUEE_SITE_FILE": {"path": str(NAME), "keys": sorted(values)}}


def checked(data, path) -> dict:
    """`data` as init writes it: {"site": {SETTING: value}, "publish": {SETTING: value}}."""
    if not isinstance(data, dict) or set(data) - set(SECTIONS):
        raise SiteFileError(f'{path}: expected an object with "site" and "publish" (the settings invoke init wrote)')
    for section in SECTIONS:
        values = data.setdefault(section, {})
        if not isinstance(values, dict):
            raise SiteFileError(
                f'{path}: "{section}" is a JSON {type(values).__name__}, expected an object of settings'
            )
        if bad := sorted(str(k) for k in values if not _SETTING.fullmatch(str(k))):
            raise SiteFileError(f'{path}: "{section}": {", ".join(bad)} (expected setting names such as SITENAME)')
    return data


def source(settings: dict, name: str, default: str = "pelicanconf.py") -> str:
    """The file a producer edits to change the setting `name`: data/site.json when it came from there."""
    found = settings.get("MARQUEE_SITE_FILE") or {}
    return found.get("path", default) if isinstance(found, dict) and name in (found.get("keys") or ()) else default


def write(path: Path, site: dict, publish: dict) -> None:
    """The whole file, deterministic (sorted keys): init's output, re-read by the settings."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = checked({"site": site, "publish": publish}, path)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
