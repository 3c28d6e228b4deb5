"""The publish pipeline: build with production settings, deploy, syndicate, rebuild with the
links. Real Pelican builds, real rsync and git (ghp-import), a loopback Mastodon."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUILD_DATE, FILM, ROOT
from helpers import start_ledger
from marquee.deploy import DeployError, deploy
from servers.mastodon import MastodonServer

INVOKE = str(Path(sys.executable).with_name("invoke"))
TOKEN = "publish-token-3b2a"
pytestmark = pytest.mark.slow


def production_settings(tmp_path: Path, content: Path, server_url: str, **extra) -> Path:
    start_ledger(tmp_path / "ledger.json")
    settings = {
        "PATH": str(content),
        "THEME": str(ROOT / "theme"),
        "CACHE_PATH": str(tmp_path / "cache"),
        "MARQUEE_BUILD_DATE": BUILD_DATE,
        "MARQUEE_DEPLOY": {"target": "local", "path": str(tmp_path / "www")},
        "MARQUEE_SYNDICATION": {
            "ledger": str(tmp_path / "ledger.json"),
            "since": "2026-11-01",
            "hashtags": ["SaltAndStatic"],
            "mastodon": {"instance": server_url, "account": "film"},
        },
        # publishconf.py sends webmentions to the example's outside links: not from tests
        "MARQUEE_WEBMENTION": {"endpoint": "https://webmention.io/saltandstatic.example/webmention"},
        **extra,
    }
    path = tmp_path / "production.py"  # the fixture film's publishconf.py, then the test's
    lines = [
        f"import runpy\nglobals().update({{k: v for k, v in runpy.run_path({str(FILM / 'publishconf.py')!r}).items() if k.isupper()}})\n"
    ]
    lines += [f"{name} = {json.loads(json.dumps(value))!r}\n" for name, value in settings.items()]
    path.write_text("".join(lines))
    return path


def invoke(*args, environ=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "CI": "true", **(environ or {})}
    return subprocess.run(
        [INVOKE, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL
    )


def publish(conf: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """`invoke publish` with the test's settings into tmp_path/out, the Mastodon token set."""
    return invoke(
        "publish", "--settings", str(conf), "--output", str(tmp_path / "out"), environ={"MARQUEE_MASTODON_TOKEN": TOKEN}
    )


def test_publish_builds_deploys_syndicates_and_redeploys_with_the_links(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FILM / "content", content)
    (content / "diary" / "next-year.md").write_text(  # scheduled: dated after today
        "Title: A post for next year\nDate: 2099-01-01 10:00\nPhase: post-production\n\nNot yet.\n"
    )
    with MastodonServer(token=TOKEN) as server:
        conf = production_settings(tmp_path, content, server.url)
        result = publish(conf, tmp_path)
        assert result.returncode == 0, result.stderr[-3000:]
        # The two posts since the start date, and the screening's Spanish version: each once, in its language.
        assert sorted(s["language"] for s in server.statuses) == ["en", "en", "es"]
        assert all("https://saltandstatic.example/" in s["text"] for s in server.statuses)
        (spanish,) = [s for s in server.statuses if s["language"] == "es"]
        assert "https://saltandstatic.example/es/events/dublin-screening-and-q-and-a/" in spanish["text"]
        es_page = (tmp_path / "www" / "es" / "events" / "dublin-screening-and-q-and-a" / "index.html").read_text()
        assert f'class="u-syndication" rel="syndication" href="{spanish["url"]}">Mastodon</a>' in es_page
        page = (tmp_path / "www" / "contests" / "win-tickets-dublin-screening" / "index.html").read_text()
        (status,) = [s for s in server.statuses if "win-tickets" in s["text"]]
        assert f'class="u-syndication" rel="syndication" href="{status["url"]}">Mastodon</a>' in page
        assert not (tmp_path / "www" / "diary" / "next-year").exists()
        assert "next-year" not in (tmp_path / "ledger.json").read_text()
        deployed = "".join(p.read_text(errors="ignore") for p in (tmp_path / "www").rglob("*") if p.is_file())
        assert TOKEN not in deployed and TOKEN not in result.stdout + result.stderr

        again = publish(conf, tmp_path)
        assert again.returncode == 0 and len(server.statuses) == 3
        assert "Redeployed" not in again.stdout  # nothing new: no second build


def test_a_content_error_deploys_nothing_and_sends_nothing(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FILM / "content", content)
    (content / "events" / "broken.md").write_text("Title: Broken\nDate: 2026-11-20\nStart: someday\n\nNo.\n")
    with MastodonServer(token=TOKEN) as server:
        conf = production_settings(tmp_path, content, server.url)
        result = publish(conf, tmp_path)
        assert result.returncode != 0
        assert "broken.md" in result.stdout + result.stderr
        assert not (tmp_path / "www").exists() and not server.requests


def test_a_photo_that_says_where_it_was_taken_stops_publish_before_anything_is_built(tmp_path):
    from tiny_images import phone_photo

    content = tmp_path / "content"
    shutil.copytree(FILM / "content", content)
    (content / "images" / "diary" / "IMG_4022.jpg").parent.mkdir(parents=True, exist_ok=True)
    (content / "images" / "diary" / "IMG_4022.jpg").write_bytes(phone_photo(400, 300))
    with MastodonServer(token=TOKEN) as server:
        conf = production_settings(tmp_path, content, server.url)
        result = publish(conf, tmp_path)
        assert result.returncode == 1
        said = result.stdout + result.stderr
        assert "content/images/diary/IMG_4022.jpg: carries where it was taken (EXIF GPS)" in said, said[-2000:]
        assert "invoke scrub content/images/diary/IMG_4022.jpg" in said and "Traceback" not in said
        assert not (tmp_path / "www").exists() and not (tmp_path / "out").exists() and not server.requests


def test_dry_run_prints_each_text_with_its_count_and_sends_nothing(site, tmp_path):
    with MastodonServer(token=TOKEN) as server:
        conf = tmp_path / "conf.py"
        conf.write_text(
            'FEED_DOMAIN = "http://127.0.0.1:8000"\nTIMEZONE = "Europe/Dublin"\n'
            f"MARQUEE_SYNDICATION = {{'ledger': {str(tmp_path / 'l.json')!r}, 'since': '2026-11-01',"
            f" 'mastodon': {{'instance': {server.url!r}, 'account': 'film'}}, 'bluesky': {{'handle': 'film.test'}}}}\n"
        )
        result = invoke(
            "syndicate",
            "--dry-run",
            "--settings",
            str(conf),
            "--output",
            str(site),
            environ={"MARQUEE_MASTODON_TOKEN": TOKEN, "COLUMNS": "160"},
        )
        assert result.returncode == 0, result.stderr
        out = result.stdout
        assert "mastodon @film@127.0.0.1" in out and "/500 characters" in out and "/300 characters" in out
        assert "Win a pair of tickets to the Dublin screening" in out and "utm_source=mastodon" in out
        assert "image: contests-win-tickets-dublin-screening.jpg (alt: Key art" in out
        assert "facets: link" in out  # Bluesky's rich text
        assert "4 would be sent, nothing was sent" in out
        assert "MARQUEE_BLUESKY_APP_PASSWORD" in result.stderr  # no password: default limits, said so
        assert not server.statuses and not (tmp_path / "l.json").exists()
        only = invoke("syndicate", "--dry-run", "--only", "bluesky", "--settings", str(conf), "--output", str(site))
        assert "mastodon" not in only.stdout and "2 would be sent" in only.stdout


def test_a_dry_run_builds_the_public_site_itself_and_a_real_run_says_the_command(site, tmp_path):
    """`invoke syndicate --dry-run` right after `invoke preview` (output/ built for 127.0.0.1):
    it builds what the public site would send into a temporary folder; a real run on that
    output says the exact command that builds it for the public site."""
    content = tmp_path / "content"
    shutil.copytree(FILM / "content", content)
    with MastodonServer(token=TOKEN) as server:
        conf = production_settings(tmp_path, content, server.url)
        environ = {"MARQUEE_MASTODON_TOKEN": TOKEN, "COLUMNS": "160"}
        dry = invoke("syndicate", "--dry-run", "--settings", str(conf), environ=environ)
        assert dry.returncode == 0, dry.stderr
        assert "into a temporary folder" in dry.stderr and "would be sent, nothing was sent" in dry.stdout
        assert "mastodon @film@" in dry.stdout and not server.statuses
        real = invoke("syndicate", "--settings", str(conf), "--output", str(site), environ=environ)
        assert real.returncode == 1 and not server.statuses
        said = " ".join(real.stderr.split())
        assert "was built for http://127.0.0.1:8000" in said, said
        assert f"pelican content -s {conf} -o {site}" in said, said


def test_deploy_to_a_local_folder_replaces_the_whole_site(site, tmp_path):
    target = tmp_path / "www"
    target.mkdir()
    (target / "stale.html").write_text("old")
    assert deploy(site, {"target": "local", "path": str(target)}) == str(target)
    assert (target / "index.html").read_bytes() == (site / "index.html").read_bytes()
    assert not (target / "stale.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["www"]  # no .incoming or .old left


def test_deploy_with_rsync(site, tmp_path):
    target = tmp_path / "srv"
    target.mkdir()
    (target / "stale.html").write_text("old")
    deploy(site, {"target": "rsync", "destination": f"{target}/"})
    assert (target / "feeds" / "all.json").read_bytes() == (site / "feeds" / "all.json").read_bytes()
    assert not (target / "stale.html").exists()


def test_deploy_to_github_pages_with_ghp_import(site, tmp_path):
    remote, work = tmp_path / "remote.git", tmp_path / "work"
    git = lambda *a, cwd=work: subprocess.run(["git", *a], cwd=cwd, check=True, capture_output=True)  # noqa: E731
    subprocess.run(["git", "init", "--bare", "-q", str(remote)], check=True)
    work.mkdir()
    git("init", "-q")
    git("config", "user.name", "Marquee test")
    git("config", "user.email", "test@example.com")
    git("remote", "add", "origin", str(remote))
    deploy(site, {"target": "github-pages", "repository": str(work), "cname": "saltandstatic.example"})
    files = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", "gh-pages"], cwd=remote, check=True, capture_output=True, text=True
    ).stdout.split()
    assert {"index.html", "CNAME", ".nojekyll", "feeds/all.json"} <= set(files)


def test_deploy_refuses_an_empty_folder_and_an_unknown_target(tmp_path, site):
    with pytest.raises(DeployError, match="no built site"):
        deploy(tmp_path, {"target": "local", "path": str(tmp_path / "www")})
    with pytest.raises(DeployError, match="not one of local, rsync, github-pages"):
        deploy(site, {"target": "ftp"})


def test_publish_warns_a_week_before_a_token_expires(tmp_path):
    import datetime as dt

    from servers.networks import FacebookGraph

    content = tmp_path / "content"
    shutil.copytree(FILM / "content", content)
    with MastodonServer(token=TOKEN) as server, FacebookGraph() as facebook:
        facebook.token_expires_at = int((dt.datetime.now(dt.UTC) + dt.timedelta(days=5)).timestamp())
        conf = production_settings(
            tmp_path,
            content,
            server.url,
            MARQUEE_SYNDICATION={
                "ledger": str(tmp_path / "ledger.json"),
                "since": "2026-11-01",
                "mastodon": {"instance": server.url, "account": "film"},
                "facebook": {"page_id": facebook.page_id, "graph_url": facebook.url},
            },
        )
        result = invoke(
            "publish",
            "--settings",
            str(conf),
            "--output",
            str(tmp_path / "out"),
            environ={"MARQUEE_MASTODON_TOKEN": TOKEN, "MARQUEE_FACEBOOK_PAGE_TOKEN": "page-token"},
        )
    assert result.returncode == 0, result.stderr[-3000:]
    (warning,) = [line for line in result.stderr.splitlines() if line.startswith("warning: facebook")]
    assert "the token expires on" in warning and ("(4 days)" in warning or "(5 days)" in warning)
    assert len(facebook.posts) == 3  # a warning, not a stop: both posts and the screening's Spanish version went out
