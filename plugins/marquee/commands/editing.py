"""`invoke edit`: the site with live reload, and the editor at /admin/ saving into content/
through its local proxy (decap-server), which stops when this command stops."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

from invoke import Exit

from .project import Project
from .serving import live


def edit(project: Project, settings_file: str, output: str, editor_port: str | int | None = None) -> None:
    site = project.pelican_settings(settings_file)
    proxy = project.root / "editor" / "node_modules" / ".bin" / "decap-server"
    if not proxy.exists():
        raise Exit("invoke edit: the editor is not installed (run `make site`, or `npm ci --prefix editor`)", code=1)
    port = int(editor_port or os.environ.get("MARQUEE_EDITOR_PORT", "8081"))
    api = f"http://127.0.0.1:{port}/api/v1"
    root = Path(site["PATH"]).resolve().parent  # the editor's paths (content/diary ...) are relative to it
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs", "GIT_REPO_DIRECTORY": str(root)}
    server = subprocess.Popen([str(proxy)], env=env, cwd=root, preexec_fn=_die_with_parent)
    # A stop (Ctrl-C, or SIGTERM from a service manager or a test) ends the proxy too: SIGTERM
    # would otherwise end this process without its finally, leaving decap-server running.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        _wait_for_proxy(server, api, port)
        editor = {**(site.get("MARQUEE_EDITOR") or {}), "local_backend": api}
        print(f"Editor: {project.url}/admin/ (saves into {site['PATH']}); site: {project.url}/")
        live(project, settings_file, output, {"MARQUEE_EDITOR": editor})
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_for_proxy(server: subprocess.Popen, api: str, port: int) -> None:
    """Until decap-server answers {"type": "local_fs"}, for 30 s at most."""
    deadline = dt.datetime.now() + dt.timedelta(seconds=30)
    while True:
        try:
            ask = urllib.request.Request(api, data=b'{"action": "info"}', headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(ask, timeout=2) as answer:
                json.load(answer)
            return
        except OSError:
            try:
                server.wait(timeout=0.2)  # between tries; returns at once if the proxy exited
            except subprocess.TimeoutExpired:
                pass
            if server.poll() is not None or dt.datetime.now() > deadline:
                raise Exit(
                    f"invoke edit: the editor's proxy (decap-server) did not start on port {port}", code=1
                ) from None


def _die_with_parent() -> None:
    """In the proxy's process, before it runs: the kernel stops it when invoke dies, even by SIGKILL."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the finally and the SIGTERM handler still stop it
