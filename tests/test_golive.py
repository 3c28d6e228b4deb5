"""`invoke golive` on a producer's project with each step to a live site missing in turn: each
is named with its next step in plain words, and the command passes once all are done."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from yourfilm import FLAGS, INVOKE, project_copy, run_init


def golive(project, **environ) -> tuple[int, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MARQUEE_")}
    done = subprocess.run(
        [INVOKE, "golive"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={**clean, "CI": "true", "COLUMNS": "400", "GIT_CONFIG_NOSYSTEM": "1", **environ},
    )
    return done.returncode, done.stdout + done.stderr


def git(project, *args):
    subprocess.run(
        ["git", "-c", "user.name=Producer", "-c", "user.email=p@example.org", *args],
        cwd=project,
        check=True,
        capture_output=True,
    )


def edit_publish_settings(project, **changes):
    path = project / "data" / "site.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["publish"].update(changes)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def line(said: str, step: str) -> str:
    return next(text for text in said.splitlines() if f" {step}:" in text)


def test_golive_names_each_missing_step_and_passes_when_all_are_done(tmp_path):
    project = project_copy(tmp_path)
    (project / ".github" / "workflows").mkdir(parents=True)
    shutil.copy(ROOT / ".github" / "workflows" / "publish.yml", project / ".github" / "workflows" / "publish.yml")
    flags = FLAGS.copy()
    flags[flags.index("--domain") + 1] = "https://lowseason.film"
    assert run_init(project, *flags, "--yes").returncode == 0
    before = sorted(p.name for p in project.iterdir())

    code, said = golive(project)  # not a repository yet
    assert code == 1 and "not a git repository yet. Run: git init" in said, said

    git(project, "init", "-q", "-b", "main")
    code, said = golive(project)
    assert code == 1 and "to do  GitHub remote (origin): Create an empty repository on GitHub" in said, said
    assert said.rstrip().splitlines()[-1].startswith("Next: Create an empty repository")  # the first thing left

    git(project, "remote", "add", "origin", str(tmp_path / "elsewhere.git"))
    code, said = golive(project)
    assert "not a GitHub repository" in line(said, "GitHub remote (origin)"), said

    git(project, "remote", "set-url", "origin", "https://github.com/anaruiz/low-season.git")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Our film")
    code, said = golive(project)
    assert "done  GitHub remote (origin): anaruiz/low-season" in said and "committed" not in said, said
    assert "done  site address: https://lowseason.film" in said
    assert "CNAME record for lowseason.film pointing to anaruiz.github.io" in line(said, "domain (CNAME)")
    assert "No network is set up" in line(said, "networks")
    assert 'set MARQUEE_EDITOR "repo" to "anaruiz/low-season"' in line(said, "editor")

    edit_publish_settings(
        project,
        MARQUEE_EDITOR={"repo": "someone/else"},
        MARQUEE_SYNDICATION={
            "ledger": "data/syndication.json",
            "since": "2026-11-01",
            "mastodon": {"instance": "https://mastodon.example", "account": "lowseason"},
        },
    )
    (project / ".github" / "workflows" / "publish.yml").unlink()
    code, said = golive(project)
    assert "publish.yml is missing" in line(said, "publish workflow"), said
    mastodon = line(said, "mastodon secrets")
    assert mastodon.startswith("to do") and "New repository secret: MARQUEE_MASTODON_TOKEN" in mastodon
    assert "make them the same" in line(said, "editor")

    shutil.copy(ROOT / ".github" / "workflows" / "publish.yml", project / ".github" / "workflows" / "publish.yml")
    edit_publish_settings(project, MARQUEE_EDITOR={"repo": "anaruiz/low-season"})
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Networks")
    code, said = golive(project, MARQUEE_MASTODON_TOKEN="a-token-only-this-test-knows")
    assert code == 0, said
    assert "to do" not in said and "Actions → Publish → Run workflow" in said
    assert "a-token-only-this-test-knows" not in said  # a secret is named, never shown
    assert sorted(p.name for p in project.iterdir()) == sorted([*before, ".git"])  # golive changed nothing


def test_a_placeholder_address_is_not_live(tmp_path):
    project = project_copy(tmp_path)
    assert run_init(project, *FLAGS, "--yes").returncode == 0  # https://lowseason.example
    code, said = golive(project)
    assert code == 1 and "is a placeholder, not an address anyone can visit" in line(said, "site address"), said


@settings(max_examples=300, deadline=None)
@given(
    site_url=st.one_of(
        st.text(max_size=40),
        st.sampled_from(
            [
                "https://[::1",
                "https://[v1.x]/",
                "https://lowseason.film:99999/",
                "https://user:pw@lowseason.film",
                "https://LOWSEASON.FILM",
                "https://lowseason.film.",
                "https://xn--nxa.film",
                "https://lowseason.github.io/film",
                "https://localhost",
                "https://lowseason.example",
            ]
        ),
        st.text(max_size=20).map(lambda tail: "https://" + tail),
    ),
    deploy=st.dictionaries(
        st.sampled_from(["target", "cname", "branch"]),
        st.one_of(st.just("github-pages"), st.text(max_size=20), st.none(), st.integers(), st.lists(st.text())),
        max_size=3,
    ),
    repository=st.one_of(st.just(""), st.just("anaruiz/low-season"), st.text(max_size=20)),
)
def test_any_site_address_and_deploy_settings_give_plain_steps(site_url, deploy, repository):
    """Whatever data/site.json holds for the address and the deploy: steps in plain words, one line
    each, never a traceback."""
    from marquee.commands.going_live import _address

    for step in _address(site_url, deploy, repository):
        assert step.name and step.said and isinstance(step.done, bool)
        assert "\n" not in step.said and "Traceback" not in step.said


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.text(max_size=60), st.from_regex(r"(https://github\.com/|git@github\.com:)[\w.-]{1,9}/[\w./-]{1,12}"))
)
def test_any_remote_is_a_github_repository_or_named_as_not_one(url):
    from marquee.commands.going_live import GITHUB_REMOTE

    found = GITHUB_REMOTE.match(url)
    if found:
        owner, name = found[1], found[2]
        assert "/" not in owner + name and owner and name and not name.endswith(".git")
