"""Fetch every wall source once per build, concurrently, with progress; keep a snapshot of each.

Order of trust: the network (through net/'s cache) -> the source's last snapshot (a warning)
-> nothing (a warning). Offline, a source with a snapshot is read from it without asking.
"""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rich.progress import Progress

from ..net import NETWORK, Fetcher, NetSettings
from ..networks.base.wall import Media, Post
from . import post as snapshots
from .curate import curate
from .sources import KINDS

log = logging.getLogger(__name__)


@dataclass
class Wall:
    name: str
    title: str
    kind: str
    posts: list[Post] = field(default_factory=list)
    url: str = ""  # the source's own page, for a "see more" link


def problems(sources: list[dict]) -> list[str]:
    """What is wrong with MARQUEE_WALLS, every problem at once."""
    found, names = [], set()
    required = {
        "mastodon-account": ("instance", "account"),
        "mastodon-tag": ("instance", "tag"),
        "bluesky": ("actor",),
        "youtube": (),
        "feed": ("url",),
    }
    for i, source in enumerate(sources):
        where = f"MARQUEE_WALLS[{i}]"
        kind = source.get("type")
        if kind not in KINDS:
            found.append(f'{where}: type "{kind}" is not one of {", ".join(KINDS)}')
            continue
        if not source.get("name"):
            found.append(f"{where}: name is missing (expected a short name such as film-mastodon)")
        elif source["name"] in names:
            found.append(f'{where}: name "{source["name"]}" is used twice')
        names.add(source.get("name"))
        for key in required[kind]:
            if not source.get(key):
                found.append(f"{where}: {key} is missing (required for {kind})")
        if kind == "youtube" and not (source.get("channel_id") or source.get("playlist_id")):
            found.append(f"{where}: channel_id or playlist_id is missing (required for youtube)")
    return found


def fetch_one(source: dict, net: NetSettings, data_dir: Path, now: dt.datetime) -> list[Post]:
    """One source's posts; whatever its answer does, the build goes on (its snapshot, or none)."""
    try:
        return _fetch_one(source, net, data_dir, now)
    except Exception as error:  # noqa: BLE001 (a payload can provoke anything; one source never stops a build)
        log.warning("wall %s: left out (%s: %s)", source.get("name"), type(error).__name__, error)
        return snapshots.load(data_dir / f"{source['name']}.json") or []


def _fetch_one(source: dict, net: NetSettings, data_dir: Path, now: dt.datetime) -> list[Post]:
    snapshot = data_dir / f"{source['name']}.json"
    if net.offline and snapshot.exists():
        return snapshots.load(snapshot) or []
    fetcher = Fetcher(net)  # one session per worker thread
    try:
        fetched = KINDS[source["type"]](source, fetcher, Media(fetcher, data_dir / "media"))
    finally:
        fetcher.close()
    if fetched is not None:
        posts = curate(fetched, source, now)
        snapshots.save(snapshot, posts)
        return posts
    saved = snapshots.load(snapshot)
    if saved is not None:
        log.warning("wall %s: showing the posts saved on an earlier build", source["name"], extra=NETWORK)
        return saved
    log.warning("wall %s: nothing fetched and nothing saved; the wall is empty", source["name"], extra=NETWORK)
    return []


def fetch_all(sources: list[dict], net: NetSettings, data_dir: Path, now: dt.datetime) -> list[Wall]:
    walls = [Wall(s["name"], s.get("title") or s["name"], s["type"], url=s.get("link", "")) for s in sources]
    if not sources:
        return walls
    with Progress(transient=True) as progress, ThreadPoolExecutor(max_workers=min(4, len(sources))) as pool:
        task = progress.add_task("Fetching social walls", total=len(sources))
        futures = [pool.submit(fetch_one, source, net, data_dir, now) for source in sources]
        for wall, future in zip(walls, futures, strict=False):
            wall.posts = future.result()
            progress.advance(task)
    return walls


def latest(walls: list[Wall], count: int) -> list[Post]:
    """The newest posts across every wall, for the home page."""
    everything = {p.id: p for w in walls for p in w.posts}
    return sorted(everything.values(), key=lambda p: (p.date, p.id), reverse=True)[:count]
