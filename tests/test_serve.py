"""`invoke preview` serves the production build with links that stay on this machine, and the
local server answers a missing page with the site's 404 page."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from conftest import FILM, ROOT, free_port
from helpers import wait_for_line


def test_preview_serves_the_production_build_with_local_links_and_its_404_page(tmp_path):
    port = free_port()
    local = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("invoke")),
            "preview",
            "--settings",
            str(FILM / "publishconf.py"),
            "--output",
            str(tmp_path / "out"),
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "CI": "true",
            "MARQUEE_PORT": str(port),
            "PYTHONUNBUFFERED": "1",
            "MARQUEE_BUILD_DATE": "2026-11-23",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    try:
        wait_for_line(process, process.stderr, "Serving", 180)
        home = urllib.request.urlopen(f"{local}/", timeout=10).read().decode()
        theirs = re.sub(
            r'<div class="post-card__text">.*?</div>', "", home, flags=re.S
        )  # what fans wrote may link anywhere
        links = re.findall(r'(?:href|src)="(https?://[^"]+)"', theirs)
        ours = [link for link in links if "saltandstatic.example" in link.split("/")[2]]
        assert ours == []  # nothing leaves for the production domain
        assert f'href="{local}/' in home and re.search(rf'<link rel="stylesheet" href="{re.escape(local)}/', home)
        try:
            urllib.request.urlopen(f"{local}/no/such/page/", timeout=10)
            raise AssertionError("a missing page was served")
        except urllib.error.HTTPError as missing:
            assert missing.code == 404 and "<title>Lost in the static" in missing.read().decode()
    finally:
        process.terminate()
        process.wait(timeout=30)
