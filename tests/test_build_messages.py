"""Build messages in a log (no terminal): one line each, so a file can be searched for."""

from __future__ import annotations

import subprocess
import sys

from conftest import FILM
from helpers import write_film

LONG = "interviews/c7c-interview-script-video-with-a-name-longer-than-a-terminal-line.md"


def test_without_a_terminal_each_message_is_one_line_naming_the_whole_file(tmp_path):
    write_film(
        tmp_path,
        {
            LONG: "Title: X\nDate: 2026-01-01 10:00\nSeries: S\nEpisode: 1\nGuests: A (b)\n"
            "Video: https://www.youtube.com/watch?v=abcdefghijk\nDuration: 99:99:99\n\nx\n"
        },
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(tmp_path / "content"),
            "-s",
            str(FILM / "pelicanconf.py"),
            "-o",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode != 0
    lines = (done.stdout + done.stderr).splitlines()
    assert any(f'content/{LONG}: Duration: "99:99:99" is not a duration' in line for line in lines), lines[-20:]
