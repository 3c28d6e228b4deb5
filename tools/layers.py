"""The layers of the marquee package, read from its imports, and every import that runs back up.

    .venv/bin/python tools/layers.py               # this checkout
    .venv/bin/python tools/layers.py --root DIR    # another checkout's plugins/ folder

A module may import its own layer and the layers below it, never one above: the networks
layer holds what every network implements (networks/base) and the consumers (syndication,
backfeed, embeds, walls) import it, never the reverse. tests/test_layers.py keeps this true.
"""

from __future__ import annotations

import argparse
import ast
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

# Bottom to top. A module belongs to the first layer with a prefix that names it or a parent.
LAYERS = (
    (
        "ground",
        (
            "logs",
            "output",
            "buildstatus",
            "deploy",
            "sanitize",
            "net",
            "media",
            "maps",
            "analytics",
            "check",
            *(
                f"settings.{group}"
                for group in (
                    "typed",
                    "net",
                    "images",
                    "maps",
                    "analytics",
                    "editor",
                    "plan",
                    "webmention",
                    "languages",
                    "site_file",
                )
            ),
        ),
    ),
    ("networks", ("networks",)),
    ("settings", ("settings",)),  # the one reader of every group, and the groups that name the networks
    ("content", ("content", "feeds", "languages", "calendar", "embeds", "walls", "scaffold", "editor")),
    ("publishing", ("syndication", "backfeed", "webmention")),
    ("commands", ("init", "plan", "commands")),
    ("plugin", ("",)),  # marquee/__init__.py: register()
)
PACKAGE = "marquee"


@dataclass(frozen=True)
class Import:
    source: str  # "marquee.networks.mastodon.channel"
    target: str  # the module it names, as far as it exists
    line: int
    path: Path


def layer(module: str) -> int:
    """The index in LAYERS of the module's layer (its longest matching prefix wins)."""
    name = module.removeprefix(PACKAGE).removeprefix(".")
    best, found = -1, len(LAYERS) - 1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if prefix and (name == prefix or name.startswith(prefix + ".")) and len(prefix) > best:
                best, found = len(prefix), index
    return found


def imports(plugins: Path) -> list[Import]:
    """Every import of the package inside the package, function-level ones included."""
    found = []
    for path in sorted((plugins / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(plugins).with_suffix("").parts)
        package = parts[:-1]  # the package a relative import starts from
        source = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package[: len(package) - node.level + 1] if node.level else []
                module = ".".join([*base, *([node.module] if node.module else [])])
                targets = [_existing(plugins, f"{module}.{alias.name}", module) for alias in node.names]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            for target in targets:
                if target == PACKAGE or target.startswith(PACKAGE + "."):
                    found.append(Import(source, target, node.lineno, path))
    return sorted(set(found), key=lambda i: (str(i.path), i.line, i.target))


def _existing(plugins: Path, name: str, module: str) -> str:
    """`from a import b`: the module a.b where b is one, else a."""
    where = plugins / name.replace(".", "/")
    return name if where.with_suffix(".py").exists() or where.is_dir() else module


def upward(found: list[Import]) -> list[Import]:
    return [i for i in found if layer(i.target) > layer(i.source)]


def report(plugins: Path) -> str:
    found = imports(plugins)
    lines = []
    for index in reversed(range(len(LAYERS))):
        name, _ = LAYERS[index]
        below = Counter(
            LAYERS[layer(i.target)][0] for i in found if layer(i.source) == index and layer(i.target) != index
        )
        uses = ", ".join(f"{other} {count}" for other, count in sorted(below.items())) or "nothing outside itself"
        lines.append(f"{index + 1}  {name:<11} imports {uses}")
    wrong = upward(found)
    lines.append(f"{len(wrong)} import(s) run back up" + (":" if wrong else ""))
    for i in wrong:
        lines.append(
            f"  {i.path.relative_to(plugins.parent) if plugins.parent in i.path.parents else i.path}:{i.line}"
            f"  {i.source} ({LAYERS[layer(i.source)][0]}) -> {i.target} ({LAYERS[layer(i.target)][0]})"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent / "plugins")
    print(report(parser.parse_args().root.resolve()))
