"""The publish workflow, timed as GitHub would run it: from a commit to the site live and to
every post on the networks, on the first run and on the next one with the cache carried.

    .venv/bin/python bench/publish.py                # a film of 200 phone photos
    .venv/bin/python bench/publish.py --photos 40    # smaller

It makes a producer's film (`invoke init` on a clone of this repository, diary entries with phone
photos, places and a YouTube embed), commits it to a local bare repository, and runs the steps of
.github/workflows/publish.yml — read from the file, in order — in a fresh clone, twice:

- `uses:` steps as the runner does them: checkout is a fresh clone; setup-python and setup-node
  keep pip's and npm's download caches between runs; actions/cache restores cache/ when its key
  (the files named in its hashFiles(), hashed here the same way) matches a saved one, and saves it
  after the job;
- `run:` steps as written, with the secrets the workflow passes set for the loopback networks.

The networks and services are loopback servers: Mastodon (tests/servers), YouTube's oEmbed and
thumbnails and a tile server (tests/yourfilm.py), counted; the deploy target is a local folder.
The second run follows one new commit (one more entry). It prints, per run, the seconds from the
commit to the new post's page being live and to every post on Mastodon, the tile and oEmbed
requests made, and a warm local build of the same site for scale; the last line is JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "plugins")]

from marquee.media.location import scrub  # noqa: E402
from servers.mastodon import MastodonServer  # noqa: E402
from tiny_images import phone_photo  # noqa: E402
from yourfilm import FLAGS, _MediaHandler, _serving  # noqa: E402

TOKEN = "bench-token"
# This workplace's own settings, which neither a runner nor a producer's machine has: no .pyc
# written would have every process compile Marquee's modules again.
NOT_ON_A_RUNNER = {"PYTHONPATH", "PYTHONDONTWRITEBYTECODE"}
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


class _CountingMedia(_MediaHandler):
    asked: dict = {"tiles": 0, "oembed": 0, "thumbnails": 0}

    def do_GET(self):  # noqa: N802 (http.server's name)
        kind = (
            "tiles"
            if self.path.startswith("/tiles/")
            else "oembed"
            if self.path.startswith("/oembed")
            else "thumbnails"
        )
        _CountingMedia.asked[kind] += 1
        super().do_GET()


def sh(command, cwd, env=None, check=True) -> subprocess.CompletedProcess:
    done = subprocess.run(command, cwd=cwd, env=env, shell=isinstance(command, str), capture_output=True, text=True)
    if check and done.returncode:
        raise SystemExit(f"{command} failed in {cwd}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done


# Lines of `invoke publish` that mark where its seconds go: the build's end, the deploy, the rebuild.
MARKS = {"built": "Done: Processed", "deployed": "Deployed to", "redeployed": "Redeployed with"}


def sh_marked(command: str, cwd, env, check: bool, start: float, times: dict) -> None:
    """`command` in bash; the first moment each of MARKS is printed goes into `times` (seconds from `start`)."""
    said = []
    with subprocess.Popen(
        ["bash", "-e", "-c", command], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as process:
        for line in process.stdout:
            said.append(line)
            for mark, words in MARKS.items():
                if words in line and mark not in times:
                    times[mark] = round(time.monotonic() - start, 1)
    if check and process.returncode:
        raise SystemExit(f"{command} failed in {cwd}:\n{''.join(said)[-6000:]}")


def git(cwd, *args):
    return sh(["git", "-c", "user.name=Producer", "-c", "user.email=p@example.org", *args], cwd)


def entry(n: int, photos: int, today: dt.date, with_video: bool, place: int | None = None) -> str:
    """Day `n` on the beach, at spot `place` (its own by default; a spot already drawn has its map in the cache)."""
    place = n if place is None else place
    body = "\n\n".join(
        f"Take {k} on the beach.\n\n![Take {k} of day {n}, the crew on the sand]({{static}}/images/diary/day-{n}-{k}.jpg)"
        for k in range(1, photos + 1)
    )
    video = f"\n\nhttps://www.youtube.com/watch?v=Bench{n:05d}x\n" if with_video else ""
    return (
        # Yesterday morning: in the past wherever the film's time zone is, whenever the bench runs.
        f"Title: Day {n}: on the beach\nDate: {today - dt.timedelta(days=1)} 08:{n % 60:02d}\nPhase: production\n"
        f"Location: Playa de los Genoveses\nGeo: 36.74{place % 10}, -2.11{place % 7}\n"
        f"Image: images/diary/day-{n}-1.jpg\nImage-Alt: The crew on the sand at dawn, day {n}\n\n"
        f"We shot day {n}.\n\n{body}{video}"
    )


def committed_photo(work: Path) -> bytes:
    """A phone's photo as it reaches the repository: its location and camera data removed (the
    editor does it before its commit, `invoke scrub` on a laptop; `invoke check` refuses it otherwise)."""
    photo = work / "committed.jpg"
    photo.write_bytes(phone_photo())
    scrub(photo)
    return photo.read_bytes()


def make_film(work: Path, photos: int, media: str, mastodon: str, deploy: Path) -> tuple[Path, int]:
    """The producer's repository (a bare one, as on GitHub) and how many posts it has."""
    source = work / "source"
    sh(["git", "clone", "-q", str(ROOT), str(source)], work)
    invoke = str(Path(sys.executable).with_name("invoke"))
    sh([invoke, "init", *FLAGS, "--yes"], source, env={**os.environ, "CI": "true"})
    today = dt.datetime.now(dt.UTC).date()
    images = source / "content" / "images" / "diary"
    images.mkdir(parents=True, exist_ok=True)
    per_entry, entries = 10, max(1, photos // 10)
    picture = committed_photo(work)
    for n in range(1, entries + 1):
        for k in range(1, per_entry + 1):
            (images / f"day-{n}-{k}.jpg").write_bytes(
                picture + bytes([n, k])
            )  # after the end marker: another file, the same photo
        (source / "content" / "diary" / f"day-{n}.md").write_text(entry(n, per_entry, today, n % 5 == 1), "utf-8")
    site = json.loads((source / "data" / "site.json").read_text("utf-8"))
    site["site"]["MARQUEE_EMBED_ENDPOINTS"] = {"youtube_oembed": f"{media}/oembed", "youtube_thumbnails": f"{media}/yt"}
    site["site"]["MARQUEE_MAPS"] = {"tiles": media + "/tiles/{z}/{x}/{y}.png"}
    site["site"]["MARQUEE_NET_ALLOW_PRIVATE"] = True
    site["publish"]["MARQUEE_DEPLOY"] = {"target": "local", "path": str(deploy)}
    site["publish"]["MARQUEE_SYNDICATION"] |= {
        "since": (today - dt.timedelta(days=2)).isoformat(),
        "mastodon": {"instance": mastodon, "account": "film"},
    }
    (source / "data" / "site.json").write_text(json.dumps(site, indent=2, sort_keys=True) + "\n", "utf-8")
    git(source, "add", "-A")
    git(source, "commit", "-q", "-m", "Our film, with the shoot's photos")
    origin = work / "origin.git"
    sh(["git", "clone", "-q", "--bare", str(source), str(origin)], work)
    return origin, entries


def cache_key(clone: Path, step: dict) -> str:
    """actions/cache's key with hashFiles() as GitHub computes it (a hash of the files' hashes)."""

    def hash_files(match: re.Match) -> str:
        files = sorted(p for pattern in re.findall(r"'([^']+)'", match[1]) for p in clone.glob(pattern) if p.is_file())
        return hashlib.sha256(b"".join(hashlib.sha256(p.read_bytes()).digest() for p in files)).hexdigest()

    key = re.sub(r"\$\{\{ hashFiles\((.*?)\) \}\}", hash_files, step["with"]["key"])
    return key.replace("${{ runner.os }}", "Linux").replace("-${{ github.run_id }}", "")


def cache_paths(step: dict) -> list[str]:
    return [line.strip() for line in str(step["with"]["path"]).splitlines() if line.strip()]


def run_workflow(origin: Path, work: Path, carried: Path, deploy: Path, page: str, server, posts: int) -> dict:
    """One run on a fresh runner: the workspace is new (and at the same path every run, as GitHub's)."""
    clone = work / "workspace"
    shutil.rmtree(clone, ignore_errors=True)
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MARQUEE_", "VIRTUAL_ENV")) and k not in NOT_ON_A_RUNNER
    }
    environ |= {
        "CI": "true",
        "PATH": os.pathsep.join(p for p in environ["PATH"].split(os.pathsep) if ".venv" not in p),
        "PIP_CACHE_DIR": str(carried / "pip"),  # setup-python's cache: pip
        "npm_config_cache": str(carried / "npm"),  # setup-node's cache: npm
    }
    secrets = {"MARQUEE_MASTODON_TOKEN": TOKEN}
    steps = yaml.safe_load(WORKFLOW.read_text("utf-8"))["jobs"]["publish"]["steps"]
    times: dict = {}
    start = time.monotonic()

    def watch():  # the moments the new post is live and every post is on Mastodon
        while "posted" not in times and time.monotonic() - start < 3600:
            if "live" not in times and (deploy / page).exists():
                times["live"] = time.monotonic() - start
            if len(server.statuses) >= posts:
                times["posted"] = time.monotonic() - start
            time.sleep(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    to_save, hits = [], {}
    for step in steps:
        began = time.monotonic()
        uses = str(step.get("uses", ""))
        condition = str(step.get("if", ""))
        if hit := re.fullmatch(r"steps\.(\w+)\.outputs\.cache-hit == 'true'", condition):
            if not hits.get(hit[1]):
                continue
        if uses.startswith("actions/checkout@"):
            sh(["git", "clone", "-q", str(origin), str(clone)], work)
            times["checkout"] = round(time.monotonic() - began, 1)
        elif uses.startswith("actions/cache@"):
            key = cache_key(clone, step)
            restore = [
                cache_key(clone, {"with": {"key": k}})
                for k in str(step["with"].get("restore-keys", "")).splitlines()
                if k.strip()
            ]
            saved = carried / "actions-cache"
            found = saved / key if (saved / key).is_dir() else None
            if found is None:  # the newest saved under a restore key, as GitHub does
                candidates = [p for prefix in restore for p in saved.glob(f"{prefix}*") if p.is_dir()]
                found = max(candidates, key=lambda p: p.stat().st_mtime) if candidates else None
            hits[step.get("id", "")] = found is not None and found.name == key
            times[f"cache {step.get('name', key)}"] = (
                "hit" if hits[step.get("id", "")] else "restored" if found else "none"
            )
            for path in cache_paths(step) if found else ():
                if (found / path).exists():
                    shutil.copytree(found / path, clone / path, symlinks=True)
            times[f"cache {step.get('name', key)} s"] = round(time.monotonic() - began, 1)
            to_save.append(
                (step, key + f"-{int(time.time() * 1000)}" if "github.run_id" in step["with"]["key"] else key)
            )
        elif "run" in step:
            env = environ | {
                name: secrets.get(re.sub(r"\$\{\{ secrets\.(\w+) \}\}", r"\1", str(value)), "")
                for name, value in (step.get("env") or {}).items()
            }
            sh_marked(step["run"], clone, env, condition != "always()", start, times)
            times[step.get("name", step["run"][:20])] = round(time.monotonic() - began, 1)
    for step, key in to_save:  # after the job, as actions/cache's post step (an exact hit is not saved again)
        target = carried / "actions-cache" / key
        if target.exists():
            continue
        for path in cache_paths(step):
            if (clone / path).exists():
                shutil.copytree(clone / path, target / path, symlinks=True)
    watcher.join(timeout=5)
    times["total"] = round(time.monotonic() - start, 1)
    if "live" not in times or "posted" not in times:  # a bench that measured nothing must not print a figure
        raise SystemExit(f"the run ended with {page} not deployed or not every post on Mastodon: {times}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the work folder (runs, caches, deploy target)")
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        if args.keep:  # to replay a step by hand afterwards
            work = Path(tempfile.mkdtemp(prefix="marquee-publish-bench-"))
            print(f"kept: {work}", flush=True)
        else:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="marquee-publish-bench-")))
        media = stack.enter_context(_serving(_CountingMedia))
        server = stack.enter_context(MastodonServer(token=TOKEN))
        deploy, carried = work / "www", work / "carried"
        carried.mkdir()
        origin, entries = make_film(work, args.photos, media, server.url, deploy)
        results = {}
        for run, (page, posts) in enumerate(
            [("diary/day-1/index.html", entries), ("diary/day-99/index.html", entries + 1)], 1
        ):
            if run == 2:  # one more entry, committed as the editor would, back at day 1's spot
                edit = work / "edit"
                sh(["git", "clone", "-q", str(origin), str(edit)], work)
                (edit / "content" / "images" / "diary" / "day-99-1.jpg").write_bytes(committed_photo(work))
                today = dt.datetime.now(dt.UTC).date()
                (edit / "content" / "diary" / "day-99.md").write_text(entry(99, 1, today, False, place=1), "utf-8")
                git(edit, "add", "-A")
                git(edit, "commit", "-q", "-m", "Day 99")
                git(edit, "pull", "-q", "--rebase")
                git(edit, "push", "-q")
            asked = dict(_CountingMedia.asked)
            times = run_workflow(origin, work, carried, deploy, page, server, posts)
            times["requests"] = {k: _CountingMedia.asked[k] - asked[k] for k in asked}
            results[f"run{run}"] = times
            print(f"run {run}: {json.dumps(times)}", flush=True)
        clone = work / "workspace"
        pelican = [
            str(clone / ".venv" / "bin" / "pelican"),
            "content",
            "-s",
            "publishconf.py",
            "-o",
            str(work / "local"),
        ]
        machine = {k: v for k, v in os.environ.items() if k not in NOT_ON_A_RUNNER}  # a producer's, not this one's
        sh(pelican, clone, env=machine)  # warm its own caches, then time a warm build as a producer's machine runs it
        began = time.monotonic()
        sh(pelican, clone, env=machine)
        results["warm_local_build"] = round(time.monotonic() - began, 1)
        for run in ("run1", "run2"):
            live = results[run].get("live")
            results[run]["live_over_warm_build"] = round(live / results["warm_local_build"], 2) if live else None
        results["photos"] = entries * 10 + 1
        print(json.dumps(results))


if __name__ == "__main__":
    main()
