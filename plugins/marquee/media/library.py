"""Every raster image a build publishes: its plan (what files, at which URLs, what size) and the
cache that makes a warm build do no image work.

A plan comes from the header alone (probe), so templates know every width and height before any
pixel is touched. The files are made once per image content and settings, in a process pool, and
kept in cache/media/; each build hard-links them into the output.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from rich.progress import Progress

from ..settings.images import ImageSettings
from .images import MIME, RASTER, Probe, encode, probe, widths_for

log = logging.getLogger(__name__)
ACCEPTED_SUFFIXES = {"jpg": (".jpg", ".jpeg"), "png": (".png",), "gif": (".gif",)}


@dataclass(frozen=True)
class Plan:
    source: str  # the file under content/, e.g. images/diary/ferry.heic
    url: str  # where its default copy is published, e.g. images/diary/ferry.jpg
    probe: Probe
    widths: tuple[int, ...]
    modern: str  # "avif" or "webp"; "" for an animation (published as it is)
    full: bool  # also a full-size copy (at `url`), for downloading

    def path(self, width: int, kind: str) -> str:
        stem, _ = os.path.splitext(self.url)
        return f"{stem}.{width}.{kind}"

    @property
    def size(self) -> tuple[int, int]:
        """Width and height of the largest copy shown on a page."""
        width = self.widths[-1]
        return width, max(1, round(self.probe.height * width / self.probe.width))

    @property
    def candidates(self) -> tuple[tuple[str, tuple[tuple[str, int], ...]], ...]:
        """(MIME type, ((path, width), ...)) per format, the modern one first, the fallback last."""
        kinds = ([self.modern] if self.modern else []) + [self.probe.fallback]
        return tuple((MIME[kind], tuple((self.path(w, kind), w) for w in self.widths)) for kind in kinds)

    def files(self) -> dict[str, str]:
        """Output path -> name of the file in the plan's cache folder."""
        found = {
            path: f"{width}.{kind}"
            for kind in ([self.modern] if self.modern else []) + [self.probe.fallback]
            for path, width in ((self.path(w, kind), w) for w in self.widths)
        }
        found[self.url] = f"full.{self.probe.fallback}" if self.full else f"{self.widths[-1]}.{self.probe.fallback}"
        return found


class Library:
    def __init__(self, content_path: Path, cache_dir: Path, settings: ImageSettings):
        self.content = Path(content_path).resolve()
        self.cache = Path(cache_dir) / "media"
        self.settings = settings
        self.plans: dict[str, Plan] = {}
        self.warnings: list[str] = []
        self._manifest_path = self.cache / "manifest.json"
        self._manifest = self._load_manifest()
        self._dirty = False

    # -- plans
    def plan(self, source: str) -> Plan | None:
        """The plan of an image under content/ (None when it is not a raster image there)."""
        source = source.lstrip("/")
        if source in self.plans:
            return self.plans[source]
        path = (self.content / source).resolve()
        if Path(source).suffix.lower() not in RASTER or not path.is_relative_to(self.content) or not path.is_file():
            return None
        record = self._record(source, path)
        found = Probe(**record["probe"])
        if found.problem:
            self.warn(f"content/{source}: not published: {found.problem}")
            self.plans[source] = plan = Plan(source, source, found, (), "", False)
            return plan
        url = source
        if not source.lower().endswith(ACCEPTED_SUFFIXES[found.fallback]):
            url = os.path.splitext(source)[0] + "." + found.fallback
        full = any(source.startswith(folder.rstrip("/") + "/") for folder in self.settings.full_size)
        modern = "" if found.animated else self.settings.modern
        if found.animated:
            self.warn(
                f"content/{source}: an animated GIF is published as it is, without smaller copies "
                "(a short video is lighter)"
            )
        plan = Plan(source, url, found, widths_for(found, self.settings.widths), modern, full and not found.animated)
        self.plans[source] = plan
        return plan

    def _record(self, source: str, path: Path) -> dict:
        """What the manifest knows of a file, refreshed when its size or time changed. A file whose
        time alone changed (a fresh clone: the publish workflow's every run) keeps its probe, which
        decodes the image: its bytes are hashed, not decoded again."""
        stat = path.stat()
        record = self._manifest.get(source)
        if not record or record.get("stat") != [stat.st_size, stat.st_mtime_ns]:
            digest = _hash(path)
            same = record and record["hash"] == digest  # records are checked on load (_valid_record)
            record = {
                "stat": [stat.st_size, stat.st_mtime_ns],
                "hash": digest,
                "probe": record["probe"] if same else asdict(probe(path, self.settings.max_pixels)),
            }
            self._manifest[source] = record
            self._dirty = True
        return record

    def folder(self, plan: Plan) -> Path:
        key = hashlib.sha256(
            f"{self._manifest[plan.source]['hash']}|{self.settings.key}|{plan.full}".encode()
        ).hexdigest()
        return self.cache / key[:32]

    # -- the work
    def make(self, console=None) -> None:
        """Encode every planned image not in the cache yet: over all cores, with progress."""
        todo = [p for p in self.plans.values() if p.widths and not self._complete(p)]
        if todo:
            jobs = {
                plan.source: (
                    str(self.content / plan.source),
                    str(self.folder(plan)),
                    plan.probe,
                    plan.widths,
                    plan.modern,
                    plan.full,
                    self.settings,
                )
                for plan in todo
            }
            for source, error in run_all(encode, jobs, "Images", self.settings.workers, console).items():
                self.warn(f"content/{source}: not published: {error}")
                plan = self.plans[source]
                self.plans[source] = Plan(source, plan.url, Probe(problem=str(error)), (), "", False)
        self._save_manifest()

    def _complete(self, plan: Plan) -> bool:
        folder = self.folder(plan)
        return all((folder / name).is_file() for name in plan.files().values())

    def publish(self, output: Path) -> None:
        """Hard-link (or copy) every planned image's files into the output."""
        for plan in self.plans.values():
            if not plan.widths:
                continue
            folder = self.folder(plan)
            for path, name in plan.files().items():
                target = Path(output) / path
                target.parent.mkdir(parents=True, exist_ok=True)
                link(folder / name, target)

    def download(self, source: str) -> Path | None:
        """The cached file to hand out for downloading (the press kit): full size when planned."""
        plan = self.plans.get(source) or self.plan(source)
        if not plan or not plan.widths:
            return None
        if not self._complete(plan):  # planned after the build's make(): encode it now
            self.make()
        return self.folder(plan) / plan.files()[plan.url]

    # -- bookkeeping
    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)
            log.warning("%s", message)

    def _load_manifest(self) -> dict:
        """The manifest as stored, record by record: a record that is not what _record writes (a
        damaged or older cache) is dropped, and its image probed again."""
        try:
            stored = json.loads(self._manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(stored, dict):
            return {}
        return {source: record for source, record in stored.items() if _valid_record(record)}

    def _save_manifest(self) -> None:
        if not self._dirty:
            return
        self.cache.mkdir(parents=True, exist_ok=True)
        partial = self._manifest_path.with_name(f".manifest.{os.getpid()}.tmp")
        partial.write_text(json.dumps(self._manifest, sort_keys=True), encoding="utf-8")
        os.replace(partial, self._manifest_path)
        self._dirty = False


def run_all(function, jobs: dict, label: str, workers: int = 0, console=None) -> dict:
    """function(*args) for every job, over a process pool when there is more than one, with a
    progress bar; returns {job name: error} for the jobs that failed."""
    failed = {}
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(f"{label}: {len(jobs)} to make", total=len(jobs))
        if workers <= 1:
            for name, args in jobs.items():
                try:
                    function(*args)
                except Exception as error:  # noqa: BLE001 (one bad file never stops a build)
                    failed[name] = f"{type(error).__name__}: {error}"
                progress.advance(task)
            return failed
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(function, *args): name for name, args in jobs.items()}
            for future in futures:
                try:
                    future.result()
                except Exception as error:  # noqa: BLE001
                    failed[futures[future]] = f"{type(error).__name__}: {error}"
                progress.advance(task)
    return failed


def link(cached: Path, target: Path) -> None:
    """A hard link when cache and output share a disk (no copying), else a copy. Cache files are
    replaced, never rewritten, so a link never changes under the site."""
    target.unlink(missing_ok=True)
    try:
        os.link(cached, target)
    except OSError:
        shutil.copyfile(cached, target)


PROBE_TYPES = {name: type(value) for name, value in asdict(Probe()).items()}


def _valid_record(record) -> bool:
    """{"stat": [size, mtime_ns], "hash": sha256 hex, "probe": Probe's fields with their types}."""
    if not isinstance(record, dict) or set(record) != {"stat", "hash", "probe"}:
        return False
    stat, digest, probed = record["stat"], record["hash"], record["probe"]
    return (
        isinstance(stat, list)
        and len(stat) == 2
        and all(type(n) is int for n in stat)
        and isinstance(digest, str)
        and len(digest) == 64
        and all(c in "0123456789abcdef" for c in digest)
        and isinstance(probed, dict)
        and set(probed) == set(PROBE_TYPES)
        and all(type(probed[name]) is kind for name, kind in PROBE_TYPES.items())
    )


def _hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
