"""Deploy a built site: to a local folder, over rsync, or to GitHub Pages with ghp-import.

Each target replaces the whole site at once, so readers never see half of a deploy.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

TARGETS = ("local", "rsync", "github-pages")


class DeployError(Exception):
    pass


def deploy(output: Path, target: dict) -> str:
    """Publish `output` as `target` says; returns where it went."""
    output = Path(output)
    if not (output / "index.html").is_file():
        raise DeployError(f"{output} holds no built site (no index.html)")
    kind = target.get("target")
    if kind == "local":
        return _local(output, Path(target["path"]))
    if kind == "rsync":
        return _rsync(output, target["destination"], target.get("ssh", "ssh"))
    if kind == "github-pages":
        return _github_pages(output, target)
    raise DeployError(f"MARQUEE_DEPLOY target {kind!r} is not one of {', '.join(TARGETS)}")


def _local(output: Path, path: Path) -> str:
    """Copy beside the live folder, then swap the two with renames."""
    path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    incoming, old = path.with_name(path.name + ".incoming"), path.with_name(path.name + ".old")
    for leftover in (incoming, old):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(output, incoming)
    if path.exists():
        path.rename(old)
    incoming.rename(path)
    shutil.rmtree(old, ignore_errors=True)
    return str(path)


def _rsync(output: Path, destination: str, ssh: str) -> str:
    # --delay-updates puts every changed file in place at the end of the transfer.
    command = ["rsync", "--recursive", "--times", "--compress", "--delete", "--delay-updates", "--checksum"]
    if ":" in destination.split("/", 1)[0]:
        command += ["-e", ssh]
    _run(command + [f"{output}/", destination])
    return destination


def _github_pages(output: Path, target: dict) -> str:
    remote, branch = target.get("remote", "origin"), target.get("branch", "gh-pages")
    command = [
        "ghp-import",
        "--no-jekyll",
        "--force",
        "--push",
        "--remote",
        remote,
        "--branch",
        branch,
        "--message",
        target.get("message", "Publish the site"),
    ]
    if target.get("cname"):
        command += ["--cname", target["cname"]]
    _run(command + [str(output)], cwd=target.get("repository"))
    return f"{remote} {branch}"


def _run(command: list[str], cwd=None) -> None:
    # Our own virtual environment first: ghp-import is installed there, maybe not on PATH.
    executable = shutil.which(command[0], path=str(Path(sys.executable).parent)) or shutil.which(command[0])
    if executable is None:
        raise DeployError(f"{command[0]} is not installed")
    result = subprocess.run([executable, *command[1:]], cwd=cwd, capture_output=True, text=True)
    if result.returncode:
        raise DeployError(f"{shlex.join(command)} failed ({result.returncode}): {result.stderr.strip()[-500:]}")
