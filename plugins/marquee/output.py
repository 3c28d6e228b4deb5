"""Atomic output: a build writes into a staging folder beside output/ and replaces output/ only
when the whole build succeeded.

Pelican writes wherever ``pelican.output_path`` points when its generators and writer are made;
``get_generators`` (sent at the start of every run, before either) points it at a fresh staging
folder, and ``finalized`` (sent only after everything was written, so never on a content error,
a URL collision or a crash) swaps the staging folder in. A failed run leaves its staging folder,
which the next run in the process, or the next process, removes. The previous output/ is never
touched before the swap, so a failed build leaves it as it was and nothing can deploy half a site.
"""

from __future__ import annotations

import atexit
import itertools
import logging
import os
import shutil
import threading
import weakref
from pathlib import Path

from pelican import signals

log = logging.getLogger(__name__)

_STAGING = ".{name}.building-{pid}"
# pelican -> (output, staging) of its run under way. Weak: a failed run's entry goes with its
# Pelican object, so a later object given the same id() never inherits another build's output.
_runs: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_stagings: set[Path] = set()  # not yet swapped in: removed when the process exits
_removers: list[threading.Thread] = []
_swaps = itertools.count()  # each swap's old folder has a name of its own (removed in a thread)


def staging_for(output: Path) -> Path:
    return output.with_name(_STAGING.format(name=output.name, pid=os.getpid()))


def remove_leftovers(output: Path) -> None:
    """Staging folders of runs that failed, and old outputs not yet removed: ours, or of
    processes that are gone."""
    for folder in [*output.parent.glob(f".{output.name}.building-*"), *output.parent.glob(f".{output.name}.old-*")]:
        pid = folder.name.rsplit("-", 1)[-1]
        if pid.isdigit() and (not _alive(int(pid)) or (int(pid) == os.getpid() and ".building-" in folder.name)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def start(pelican) -> None:
    """Point this run at a fresh staging folder (connected to get_generators)."""
    known = _runs.get(pelican)
    output = known[0] if known else Path(os.path.abspath(pelican.output_path))
    remove_leftovers(output)
    staging = staging_for(output)
    staging.mkdir(parents=True)
    _runs[pelican] = (output, staging)
    _stagings.add(staging)
    pelican.output_path = str(staging)
    pelican.delete_outputdir = False  # the staging folder starts empty: nothing to delete
    # Swap last, after every other plugin's finalized handler (the sitemap writes there).
    signals.finalized.disconnect(finish)
    signals.finalized.connect(finish)


def finish(pelican) -> None:
    """Swap the finished staging folder in for output/ (connected to finalized)."""
    output, staging = _runs.pop(pelican, (None, None))
    if output is None:
        return
    _stagings.discard(staging)
    retained = pelican.settings.get("OUTPUT_RETENTION") or []
    replace(output, staging, retained)
    pelican.output_path = str(output)


def replace(output: Path, staging: Path, retained=()) -> None:
    """Put `staging` where `output` is, keeping the `retained` names (e.g. .git) of the old one."""
    old = output.with_name(f".{output.name}.old-{next(_swaps)}-{os.getpid()}")
    if output.is_dir():
        for name in retained:
            if (output / name).exists() and not (staging / name).exists():
                shutil.move(str(output / name), staging / name)
        try:
            os.rename(output, old)
        except OSError:  # output/ is a mount point: replace what is inside it instead
            _replace_contents(output, staging)
            return
    os.rename(staging, output)
    # The new site is in place: the old one is removed behind it (the process waits for this
    # thread before it exits; a folder left by a killed process goes with the next build).
    remover = threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True})
    remover.start()
    _removers.append(remover)


def settle() -> None:
    """Wait until the old outputs of earlier swaps are gone."""
    while _removers:
        _removers.pop().join()


def _replace_contents(output: Path, staging: Path) -> None:
    for child in output.iterdir():
        shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    for child in staging.iterdir():
        shutil.move(str(child), output / child.name)
    staging.rmdir()


@atexit.register
def _clean_up() -> None:
    for staging in _stagings:
        shutil.rmtree(staging, ignore_errors=True)


def register() -> None:
    signals.get_generators.connect(start)
