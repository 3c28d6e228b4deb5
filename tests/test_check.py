"""`invoke check`: a build into a temporary folder that lists every problem."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FILM, ROOT
from marquee.check import check


def broken_copy(tmp_path: Path) -> Path:
    """The fixture film as a project, with two bad files in its content."""
    shutil.copy(ROOT / "tasks.py", tmp_path / "tasks.py")
    shutil.copy(FILM / "pelicanconf.py", tmp_path / "pelicanconf.py")
    shutil.copytree(FILM / "content", tmp_path / "content")
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    (tmp_path / "content" / "diary" / "bad-date.md").write_text(
        "Title: Bad date\nDate: 2026-13-45\n\nText.\n", encoding="utf-8"
    )
    (tmp_path / "content" / "press" / "bad-status.md").write_text(
        "Title: Bad status\nDate: 2026-01-01\nStatus: publishd\n\nText.\n", encoding="utf-8"
    )
    return tmp_path


def test_the_fixture_film_has_no_problems():
    # The suite's film builds offline: what this machine's network cache lacks (the trailer's
    # oEmbed on a fresh checkout) is a note about the machine, not a problem of the film.
    found = [p for p in check(FILM / "pelicanconf.py") if not p.network]
    assert found == []


def test_check_lists_every_problem(tmp_path):
    problems = check(broken_copy(tmp_path) / "pelicanconf.py")
    text = "\n".join(p.message for p in problems)
    assert "bad-date.md" in text
    assert "publishd" in text and "bad-status.md" in text


def test_invoke_check_exits_non_zero_with_a_list(tmp_path):
    project = broken_copy(tmp_path)
    invoke = str(Path(sys.executable).with_name("invoke"))
    result = subprocess.run([invoke, "check"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1
    assert "problem(s)" in result.stderr and "publishd" in result.stderr
    assert not (project / "output").exists()  # check builds into a temporary folder


def closed_port() -> int:
    import socket

    with socket.socket() as sock:  # bound, never listening: a connection there is refused
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("offline", [True, False])
def test_invoke_check_without_a_network_is_one_plain_note_and_exit_0(tmp_path, offline):
    """On location with no network: maps and the trailer cannot be fetched. That is a note about
    the network, not a problem of the content: exit 0, one note, no exception's repr."""
    project = broken_copy(tmp_path)
    for bad in ("diary/bad-date.md", "press/bad-status.md"):
        (project / "content" / bad).unlink()
    nowhere = f"http://127.0.0.1:{closed_port()}"  # every service the film reads: never the internet
    with (project / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write(
            f"\nMARQUEE_OFFLINE = {offline}\nCACHE_PATH = {str(tmp_path / 'cache')!r}\n"
            f"MARQUEE_MAPS = {{'tiles': '{nowhere}/{{z}}/{{x}}/{{y}}.png'}}\nMARQUEE_WALLS = []\nMARQUEE_NET_ALLOW_PRIVATE = True\n"
            f"MARQUEE_EMBED_ENDPOINTS = {{k: '{nowhere}' for k in ('youtube_oembed', 'youtube_thumbnails', "
            "'vimeo_oembed', 'bluesky_appview')}\n"
        )
    invoke = str(Path(sys.executable).with_name("invoke"))
    result = subprocess.run([invoke, "check"], cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    said = " ".join(result.stderr.split())
    assert said.count("Note:") == 1 and "could not be fetched" in said and "No problems found" in said, said
    assert "problem(s)" not in said
    for repr_part in ("Pool(", "Caused by", "Error(", "Max retries", "Traceback"):
        assert repr_part not in said, said
    if not offline:
        assert "refused the connection" in said, said  # the reason in plain words


@pytest.mark.parametrize(
    "error, expected",
    [
        ("refused", "127.0.0.1 refused the connection"),
        ("unknown", "could not find no-such-host.invalid"),
    ],
)
def test_a_failed_request_is_said_in_plain_words(error, expected):
    import requests
    from marquee.net import bounded
    from marquee.net.reasons import reason

    url = f"http://127.0.0.1:{closed_port()}/" if error == "refused" else "http://no-such-host.invalid/"
    with pytest.raises(requests.RequestException) as raised:
        bounded.session(bounded.Limits(5, 1000)).get(url, timeout=5)
    assert "Pool(" in str(raised.value)  # what requests says
    assert reason(raised.value).startswith(expected)  # what Marquee says
