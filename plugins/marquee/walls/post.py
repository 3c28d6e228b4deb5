"""One normalized Post for every wall source, and the snapshot file each source keeps."""

from __future__ import annotations

import json
import logging
from dataclasses import MISSING, asdict
from pathlib import Path

from ..networks.base.wall import Post

log = logging.getLogger(__name__)


def save(path: Path, posts: list[Post]) -> None:
    """Write a snapshot: deterministic JSON, replaced atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = [asdict(p) for p in sorted(posts, key=lambda p: (p.date, p.id), reverse=True)]
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    partial.replace(path)


def load(path: Path) -> list[Post] | None:
    """A snapshot's posts, checked one by one: a post that is not what a wall fetch writes is left
    out with a warning naming the file and the post. None when the file cannot be read at all."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, list):
        log.warning("%s: a JSON %s, expected a list of posts; using none of it", path, type(data).__name__)
        return None
    posts, bad = [], []
    required = [
        name for name, f in Post.__dataclass_fields__.items() if f.default is MISSING and f.default_factory is MISSING
    ]
    for number, item in enumerate(data):
        problem = "not an object" if not isinstance(item, dict) else ""
        if not problem and (unknown := sorted(set(item) - set(Post.__dataclass_fields__))):
            problem = f"unknown field(s) {', '.join(unknown)}"
        if not problem and (wrong := [k for k, v in item.items() if k != "images" and not isinstance(v, str)]):
            problem = f"{', '.join(wrong)} not text"
        if not problem and (missing := [k for k in required if k not in item]):
            problem = f"{', '.join(missing)} missing"
        if not problem and not isinstance(item.get("images", []), list):
            problem = "images is not a list"
        if problem:
            bad.append(f"[{number}]: {problem}")
            continue
        try:
            posts.append(Post(**{**item, "images": tuple(item.get("images", ()))}))
        except (TypeError, ValueError) as error:
            bad.append(f"[{number}]: {error}")
    if bad:
        log.warning(
            "%s: left out %d post(s) that are not what a wall fetch writes: %s", path, len(bad), "; ".join(bad[:20])
        )
    return posts
