"""Crash tests: `invoke syndicate` runs as a real subprocess and is killed (SIGKILL) while a loopback
server holds one of its calls — before anything reached the network, during a call, or after the
server accepted a post but before the ledger learnt of it. A rerun must leave every post on every
server exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from conftest import ROOT
from helpers import start_ledger
from marquee.networks.base.delivery import ATTEMPTING, PLANNED, POSTED
from marquee.syndication.ledger import read_entries
from servers.loopback import HoldingProxy, WebhookReceiver
from servers.mastodon import MastodonServer

SINCE = "2026-11-01"  # two posts of the example site
INVOKE = str(Path(sys.executable).with_name("invoke"))


def settings_file(tmp_path: Path, **channels) -> Path:
    start_ledger(tmp_path / "ledger.json")
    syndication = {"ledger": str(tmp_path / "ledger.json"), "since": SINCE, "max_wait": 2, **channels}
    path = tmp_path / "conf.py"
    path.write_text(
        'TIMEZONE = "Europe/Dublin"\nFEED_DOMAIN = "http://127.0.0.1:8000"\n'
        f"MARQUEE_SYNDICATION = {json.dumps(syndication)}\n"
    )
    return path


def syndicate(conf: Path, site: Path, environ: dict) -> subprocess.Popen:
    command = [INVOKE, "syndicate", "--settings", str(conf), "--output", str(site)]
    env = {**os.environ, **environ, "CI": "true"}
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def kill_at(hold, process: subprocess.Popen) -> None:
    if not hold.reached.wait(60):
        process.kill()
        pytest.fail(f"never reached {hold.point}: {process.communicate()[1][-2000:]}")
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    hold.release.set()


def rerun(conf, site, environ) -> str:
    process = syndicate(conf, site, environ)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err[-3000:]
    return out + err


def states(tmp_path: Path) -> list[str]:
    return sorted(e.state for e in read_entries(tmp_path / "ledger.json").values())


@pytest.mark.parametrize("point", ["media", "status-before", "status-after"])
def test_mastodon_killed_mid_run(site, tmp_path, point):
    token = "crash-token-5c1d"
    environ = {"MARQUEE_MASTODON_TOKEN": token}
    with MastodonServer(token=token) as server:
        conf = settings_file(tmp_path, mastodon={"instance": server.url, "account": "film"})
        hold = server.hold(point)
        kill_at(hold, syndicate(conf, site, environ))
        assert ATTEMPTING in states(tmp_path) and POSTED not in states(tmp_path)
        if point != "status-before":  # a request in flight when its client died may still land
            assert len(server.statuses) == (1 if point == "status-after" else 0)

        log = rerun(conf, site, environ)
        assert states(tmp_path) == [POSTED, POSTED]
        assert len(server.statuses) == 2
        assert len({s["idempotency_key"] for s in server.statuses}) == 2
        for entry in read_entries(tmp_path / "ledger.json").values():
            assert len(server.posted_for(entry.post_url)) == 1
        assert token not in log and token not in (tmp_path / "ledger.json").read_text()


@pytest.mark.parametrize(
    ("point", "name"),
    [("uploadBlob:before", "blob"), ("createRecord:before", "sending"), ("createRecord:after", "accepted")],
)
def test_bluesky_killed_mid_run(site, tmp_path, bluesky_pds, point, name):
    # A fresh account per case, so that counting its records counts only this case's posts.
    handle = f"crash-{name}.test"
    password = "crash-app-password"
    account = {"handle": handle, "email": f"{handle}@example.com", "password": password}
    requests.post(
        f"{bluesky_pds['pds']}/xrpc/com.atproto.server.createAccount", json=account, timeout=30
    ).raise_for_status()
    environ = {"MARQUEE_BLUESKY_APP_PASSWORD": password}
    with HoldingProxy(bluesky_pds["pds"]) as proxy:
        conf = settings_file(tmp_path, bluesky={"handle": handle, "pds": proxy.url})
        kill_at(proxy.hold(point), syndicate(conf, site, environ))
        assert ATTEMPTING in states(tmp_path)
        assert len(records(bluesky_pds, handle)) == (1 if point == "createRecord:after" else 0)

        log = rerun(conf, site, environ)
        assert states(tmp_path) == [POSTED, POSTED]
        found = records(bluesky_pds, handle)
        assert len(found) == 2
        ledger = read_entries(tmp_path / "ledger.json")
        assert {r["uri"] for r in found} == {e.remote_id for e in ledger.values()}
        assert password not in log


@pytest.mark.parametrize("point", ["before", "after"])
def test_webhook_killed_mid_run(site, tmp_path, point):
    secret_url_token = "webhook-crash-secret"
    with WebhookReceiver() as receiver:
        environ = {"HOOK_CRASH": f"{receiver.url}/hook?token={secret_url_token}"}
        conf = settings_file(tmp_path, webhooks=[{"name": "crash", "url_env": "HOOK_CRASH"}])
        kill_at(receiver.hold(point), syndicate(conf, site, environ))
        assert states(tmp_path) in ([ATTEMPTING, PLANNED],)
        log = rerun(conf, site, environ)
        assert states(tmp_path) == [POSTED, POSTED]
        assert len(receiver.accepted) == 2  # the receiver acted on each post once
        by_post = {}
        for key, body in receiver.deliveries:
            by_post.setdefault(body["id"], set()).add(key)
        assert all(len(keys) == 1 for keys in by_post.values())  # a repeat carried the same key
        assert secret_url_token not in log


def records(pds, handle) -> list[dict]:
    answer = requests.get(
        f"{pds['pds']}/xrpc/com.atproto.repo.listRecords",
        params={"repo": handle, "collection": "app.bsky.feed.post"},
        timeout=10,
    )
    answer.raise_for_status()
    return answer.json()["records"]
