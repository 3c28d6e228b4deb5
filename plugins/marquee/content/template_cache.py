"""The theme's templates compiled once, not on every build: Jinja's bytecode cache under CACHE_PATH.

Pelican gives each generator its own Jinja environment, and every edition renders again, so a
build compiled the theme's templates about fifty times, half of the example's warm build. Jinja
checks each cached template against its source's hash, so an edited template is compiled anew;
what it does not check is the environment the code was compiled for (autoescape, trim_blocks,
extensions), so those name the cache's folder.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2
from jinja2 import FileSystemBytecodeCache


def _described(value) -> str:
    """A setting as the same text in every process: a class or function by its name, not its address."""
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_described(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(f"{key}:{_described(value[key])}" for key in sorted(value)) + "}"
    if isinstance(value, type) or callable(value):
        name = f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
        cells = getattr(value, "__closure__", None) or ()  # select_autoescape(...)'s choices live here
        return name + _described([cell.cell_contents for cell in cells])
    return repr(value)


def folder_for(cache_path: Path, environment: dict) -> Path:
    """cache/jinja/<key>: one folder per Jinja version and environment options."""
    options = {key: value for key, value in environment.items() if key != "bytecode_cache"}
    key = hashlib.sha256(f"{jinja2.__version__}|{_described(options)}".encode()).hexdigest()[:16]
    return Path(cache_path) / "jinja" / key


def install(pelican) -> None:
    """Connected to initialized, after the autoescape is set: every generator's environment gets
    the cache. A folder that cannot be made leaves the templates compiled as before."""
    environment = pelican.settings.setdefault("JINJA_ENVIRONMENT", {})
    folder = folder_for(Path(pelican.settings.get("CACHE_PATH") or "cache"), environment)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    environment["bytecode_cache"] = FileSystemBytecodeCache(str(folder))
