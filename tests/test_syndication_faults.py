"""Syndication under faults (issue 13, 12-16), through `invoke syndicate` subprocesses against
loopback servers and the real PDS: a key that expired, a connection closed without an answer, an
instance whose version endpoints fail, a ledger that is broken, lost or cannot be written."""

from __future__ import annotations

import datetime as dt
import errno
import io
import json
import os
import socket
import subprocess
from pathlib import Path

import pytest
import requests
from helpers import start_ledger
from marquee.networks.base.delivery import ATTEMPTING, POSTED
from marquee.settings import read
from marquee.syndication import run
from marquee.syndication.ledger import Ledger, LedgerError, read_entries
from rich.console import Console
from servers.loopback import HoldingProxy, WebhookReceiver
from servers.mastodon import MastodonServer
from test_syndication_crash import (
    INVOKE,
    ROOT,
    records,
    rerun,
    settings_file,
    states,
    syndicate,
)
from werkzeug.wrappers import Response

pytestmark = pytest.mark.slow
TOKEN = "faults-token-81be"
MASTODON_ENV = {"MARQUEE_MASTODON_TOKEN": TOKEN}


def finish(process) -> tuple[int, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out + err


def rewrite_ledger(path: Path, **changes) -> None:
    data = json.loads(path.read_text())
    for entry in data["entries"]:
        if entry["state"] == ATTEMPTING:
            entry.update(changes)
    path.write_text(json.dumps(data))


# -- 12. Mastodon past the Idempotency-Key's lifetime


def test_past_the_key_lifetime_mastodon_scans_before_sending_again(site, tmp_path):
    with MastodonServer(token=TOKEN) as server:
        conf = settings_file(tmp_path, mastodon={"instance": server.url, "account": "film"}, attempts=1)
        server.error_after_accept = 1  # run A: the status is stored, the answer is a 503
        code, log = finish(syndicate(conf, site, MASTODON_ENV))
        assert code == 2 and len(server.statuses) == 2 and ATTEMPTING in states(tmp_path)
        first_sent = {e.post: e.first_sent for e in read_entries(tmp_path / "ledger.json").values()}

        server.media_failures = 1  # run B, inside the hour: the image upload answers 502
        code, log = finish(syndicate(conf, site, MASTODON_ENV))
        assert code == 2 and len(server.statuses) == 2
        entries = read_entries(tmp_path / "ledger.json")
        assert {e.post: e.first_sent for e in entries.values()} == first_sent  # never rewritten
        assert [e.attempts for e in entries.values() if e.state == ATTEMPTING] == [2]

        # An hour after run A: the instance has forgotten the key; run B was minutes ago.
        server.advance(3601)
        an_hour_ago = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1, minutes=1)).replace(microsecond=0).isoformat()
        rewrite_ledger(tmp_path / "ledger.json", first_sent=an_hour_ago)
        log = rerun(conf, site, MASTODON_ENV)
        assert states(tmp_path) == [POSTED, POSTED]
        for entry in read_entries(tmp_path / "ledger.json").values():
            assert len(server.posted_for(entry.post_url)) == 1, log  # found by the scan, not sent again
        assert len(server.statuses) == 2


# -- 13. a connection closed without an answer


class ClosingProxy(HoldingProxy):
    """Forwards to the PDS, but closes the connection (FIN, no answer) on the methods in `close_on`."""

    def __init__(self, upstream: str, close_on=()):
        super().__init__(upstream)
        self.close_on = set(close_on)

    def route(self, request, environ):
        if request.path.rsplit(".", 1)[-1] in self.close_on:
            environ["werkzeug.socket"].shutdown(socket.SHUT_RDWR)  # the client reads end of stream
            return Response(b"", 500)  # written to a closed socket: never seen
        return super().route(request, environ)


@pytest.mark.parametrize("method", ["createRecord", "uploadBlob"])
def test_a_pds_that_hangs_up_holds_back_only_bluesky(site, tmp_path, bluesky_pds, method):
    handle, password = f"fin-{method.lower()}.test", "fin-app-password"
    requests.post(
        f"{bluesky_pds['pds']}/xrpc/com.atproto.server.createAccount",
        json={"handle": handle, "email": f"{handle}@example.com", "password": password},
        timeout=30,
    ).raise_for_status()
    environ = {**MASTODON_ENV, "MARQUEE_BLUESKY_APP_PASSWORD": password, "HOOK_FIN": "unset"}
    with (
        ClosingProxy(bluesky_pds["pds"], {method}) as proxy,
        MastodonServer(token=TOKEN) as server,
        WebhookReceiver() as hook,
    ):
        environ["HOOK_FIN"] = f"{hook.url}/hook"
        conf = settings_file(
            tmp_path,
            mastodon={"instance": server.url, "account": "film"},
            bluesky={"handle": handle, "pds": proxy.url},
            webhooks=[{"name": "fin", "url_env": "HOOK_FIN"}],
        )
        code, log = finish(syndicate(conf, site, environ))
        assert code == 2, log
        assert "Traceback" not in log and "waiting" in log
        assert len(server.statuses) == 2 and len(hook.accepted) == 2  # the others went on
        entries = read_entries(tmp_path / "ledger.json").values()
        assert {e.state for e in entries if e.channel == "bluesky"} == {ATTEMPTING}
        assert all("connection" in e.reason for e in entries if e.channel == "bluesky")

        proxy.close_on.clear()
        rerun(conf, site, environ)
        assert set(states(tmp_path)) == {POSTED}
        assert len(records(bluesky_pds, handle)) == 2 and len(server.statuses) == 2 and len(hook.accepted) == 2


# -- 14. an instance whose version endpoints fail


def test_an_instance_without_a_working_version_endpoint_still_gets_its_posts(site, tmp_path):
    with MastodonServer(token=TOKEN) as server:
        server.instance_unavailable = True
        conf = settings_file(tmp_path, mastodon={"instance": server.url, "account": "film"})
        log = rerun(conf, site, MASTODON_ENV)
        assert len(server.statuses) == 2 and "RecursionError" not in log
        assert len(server.requests) < 20, server.requests  # no loop: a handful of calls per post
        assert sum(1 for _, path in server.requests if "instance" in path) <= 2


# -- 15. ledgers that are broken, empty, lost, or cannot be written


@pytest.mark.parametrize(
    "text, says",
    [
        ("{}", "version None is not one this Marquee reads"),
        ("[]", "is a JSON list, expected an object"),
        ('{"version": 1, "entries": null}', "entries is NoneType, expected a list"),
        ('{"version": 1, "entries": [], "colour": "red"}', "unknown field(s) colour"),
        (
            '{"version": 1, "entries": [{"post": "p", "channel": "mastodon", "account": "a", "state": "sent"}]}',
            "state 'sent'",
        ),
        (
            '{"version": 1, "entries": [{"post": "p", "channel": "mastodon", "account": "a", "shape": 1}]}',
            "unknown field(s) shape",
        ),
        ('{"version": 2, "entries": []}', "version 2 is not one"),
        ('{"version": 1, "entries": [', "not valid JSON at line 1"),
        ("", "not valid JSON"),
        (
            '{"version": 1, "entries": [{"post": "p", "channel": "mastodon", "account": "a", "first_sent": "yesterday"}]}',
            "is not a time",
        ),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
    ids=lambda value: value[:30],
)
def test_a_broken_ledger_is_named_and_nothing_is_sent(site, tmp_path, text, says):
    with MastodonServer(token=TOKEN) as server, WebhookReceiver() as hook:
        conf = settings_file(
            tmp_path,
            mastodon={"instance": server.url, "account": "film"},
            webhooks=[{"name": "w", "url_env": "HOOK_W"}],
        )
        (tmp_path / "ledger.json").write_text(text)
        code, log = finish(syndicate(conf, site, {**MASTODON_ENV, "HOOK_W": f"{hook.url}/hook"}))
        assert code == 1 and "Traceback" not in log
        assert str(tmp_path / "ledger.json") in log and says in log, log
        assert not server.statuses and not hook.deliveries
        assert (tmp_path / "ledger.json").read_text() == text  # not rewritten


@pytest.mark.parametrize("state", ["missing", "no entries"])
def test_a_lost_ledger_is_refused_and_a_new_one_looks_before_sending(site, tmp_path, state):
    with MastodonServer(token=TOKEN) as server:
        conf = settings_file(tmp_path, mastodon={"instance": server.url, "account": "film"})
        rerun(conf, site, MASTODON_ENV)  # the posts went out once, then the ledger was lost
        assert len(server.statuses) == 2
        if state == "missing":
            (tmp_path / "ledger.json").unlink()
        else:
            (tmp_path / "ledger.json").write_text('{"version": 1, "entries": []}')
        server.advance(7200)  # long after: the keys are gone, only a scan can find the copies
        code, log = finish(syndicate(conf, site, MASTODON_ENV))
        assert code == 1 and "--new-ledger" in log and len(server.statuses) == 2

        result = subprocess.run(
            [INVOKE, "syndicate", "--settings", str(conf), "--output", str(site), "--new-ledger"],
            cwd=ROOT,
            env={**os.environ, **MASTODON_ENV, "CI": "true"},
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        assert len(server.statuses) == 2  # found, not sent again
        entries = read_entries(tmp_path / "ledger.json")
        assert {e.state for e in entries.values()} == {POSTED} and all(e.checked for e in entries.values())


def test_a_ledger_that_cannot_be_written_stops_with_one_line_and_no_temp_file(site, tmp_path, monkeypatch):
    start_ledger(tmp_path / "ledger.json")
    before = (tmp_path / "ledger.json").read_text()
    settings = read(
        {
            "TIMEZONE": "Europe/Dublin",
            "FEED_DOMAIN": "http://127.0.0.1:8000",
            "MARQUEE_SYNDICATION": {
                "ledger": str(tmp_path / "ledger.json"),
                "since": "2026-11-01",
                "webhooks": [{"name": "w", "url_env": "HOOK_W"}],
            },
        }
    )

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with (
        WebhookReceiver() as hook,
        pytest.raises(LedgerError, match=r"cannot write the ledger .*ledger.json: No space left on device"),
    ):
        run(settings, site, environ={"HOOK_W": f"{hook.url}/hook"}, console=Console(file=io.StringIO()))
    assert not hook.deliveries  # the plan could not be recorded, so nothing went out
    assert (tmp_path / "ledger.json").read_text() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.json", "ledger.json.lock"]


# -- 16. temp files left by a kill


def test_temp_files_of_a_killed_run_are_removed_by_the_next(tmp_path):
    start_ledger(tmp_path / "ledger.json")
    (tmp_path / ".ledger.json.tmp-k2j3h4g5").write_text("{half")
    (tmp_path / "ledger.json.x7y8z9w0").write_text("{half")  # the name older versions used
    with Ledger(tmp_path / "ledger.json"):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.json", "ledger.json.lock"]
