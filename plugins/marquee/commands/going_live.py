"""`invoke golive`: from this folder to a live site, one checked step at a time.

Each step checks what can be checked here (git, the settings, the workflow file, the secrets
this terminal has) and, when it is not done, says the next thing to do in plain words. Nothing
is changed and nothing leaves this machine: GitHub's own settings (Pages, the repository's
secrets) cannot be read from here, so those steps say where to set them."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .project import Project

WORKFLOW = Path(".github") / "workflows" / "publish.yml"
# Names that stand for an address, not one: RFC 2606 and 6761, and the example film's.
NOT_REAL = (".example", ".test", ".invalid", ".localhost", ".local")
GITHUB_REMOTE = re.compile(
    r"(?:https://github\.com/|git@github\.com:|ssh://git@github\.com/)([\w.-]+)/([\w.-]+?)(?:\.git)?/?$"
)


@dataclass(frozen=True)
class Step:
    name: str
    done: bool
    said: str  # what was found, or the next thing to do


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _repository(root: Path, remote: str) -> tuple[list[Step], str]:
    """The git steps, and the GitHub owner/name of the remote ("" when there is none)."""
    if _git(root, "rev-parse", "--is-inside-work-tree") != "true":
        return [
            Step(
                "git repository",
                False,
                'This folder is not a git repository yet. Run: git init -b main && git add -A && git commit -m "Our film\'s site"',
            )
        ], ""
    steps = [Step("git repository", True, f"on branch {_git(root, 'branch', '--show-current') or '?'}")]
    url = _git(root, "remote", "get-url", remote)
    found = GITHUB_REMOTE.match(url or "")
    if url is None:
        steps.append(
            Step(
                f"GitHub remote ({remote})",
                False,
                "Create an empty repository on GitHub (https://github.com/new, no README), then run: "
                f"git remote add {remote} https://github.com/YOUR-NAME/YOUR-FILM.git && git push -u {remote} main",
            )
        )
    elif not found:
        steps.append(
            Step(
                f"GitHub remote ({remote})",
                False,
                f"{remote} is {url}, not a GitHub repository: Pages and the workflow need one",
            )
        )
    else:
        steps.append(Step(f"GitHub remote ({remote})", True, f"{found[1]}/{found[2]}"))
    if _git(root, "status", "--porcelain"):
        steps.append(
            Step(
                "committed", False, 'Changes are not committed yet. Run: git add -A && git commit -m "Ready to go live"'
            )
        )
    return steps, f"{found[1]}/{found[2]}" if found else ""


def _one_line(value) -> str:
    """A value from the settings as one line of text (what a producer wrote, its controls escaped)."""
    text = value if isinstance(value, str) else "" if value is None else str(value)
    return text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text


def _address(site_url: str, deploy: dict, repository: str) -> list[Step]:
    site_url = _one_line(site_url)
    try:
        parts = urlsplit(site_url)
        host, scheme, _ = parts.hostname or "", parts.scheme, parts.port  # .port: a bad one raises here
    except ValueError:  # "https://[::1": not an address at all
        host = scheme = ""
    if scheme != "https" or not host:
        return [
            Step(
                "site address",
                False,
                f'publishconf\'s SITEURL is "{site_url}": run invoke init --domain https://yourfilm.com (or set SITEURL in data/site.json, "publish")',
            )
        ]
    if host.endswith(NOT_REAL) or host == "localhost":
        return [
            Step(
                "site address",
                False,
                f"{site_url} is a placeholder, not an address anyone can visit: run invoke init --domain with your film's real domain, or use https://YOUR-NAME.github.io/YOUR-FILM",
            )
        ]
    steps = [Step("site address", True, site_url)]
    if deploy.get("target") == "github-pages":
        owner = repository.split("/")[0].lower() if repository else "YOUR-NAME"
        if host.endswith(".github.io"):
            steps.append(Step("domain", True, "GitHub's own address: no domain to set up"))
        elif _one_line(deploy.get("cname", "")) != host:
            steps.append(
                Step(
                    "domain (CNAME)",
                    False,
                    f'MARQUEE_DEPLOY "cname" is "{_one_line(deploy.get("cname", ""))}", not {host}: set it to {host} in data/site.json ("publish")',
                )
            )
        else:
            steps.append(
                Step(
                    "domain (CNAME)",
                    True,
                    f"{host}: at your domain's DNS provider, add a CNAME record for {host} pointing to {owner}.github.io "
                    "(for a bare domain, GitHub's four A records: docs.github.com, 'Managing a custom domain')",
                )
            )
    return steps


def _workflow(root: Path, needed: list[str]) -> list[Step]:
    file = root / WORKFLOW
    if not file.is_file():
        return [
            Step(
                "publish workflow",
                False,
                f"{WORKFLOW} is missing: copy it back from Marquee (git checkout -- {WORKFLOW})",
            )
        ]
    text = file.read_text(encoding="utf-8", errors="replace")
    unpassed = [name for name in needed if f"secrets.{name}" not in text]
    if unpassed:
        return [
            Step(
                "publish workflow",
                False,
                f"{WORKFLOW} does not pass {', '.join(unpassed)} to the publish step: add each under env:",
            )
        ]
    return [
        Step(
            "publish workflow",
            True,
            f"{WORKFLOW} publishes every hour. On GitHub: Settings → Pages → Source: Deploy from a branch, gh-pages; "
            "Settings → Actions → General → Workflow permissions: Read and write",
        )
    ]


def _secrets(marquee, environ: dict) -> tuple[list[Step], list[str]]:
    from ..networks import NETWORKS as REGISTERED
    from ..syndication.channels import CHANNELS

    settings = marquee.syndication
    needed: dict[str, list[str]] = {}
    for network in REGISTERED:
        for account in settings.accounts(network):
            needed.setdefault(network, []).extend(CHANNELS[network].environment(account))
    if not needed:
        return [
            Step(
                "networks",
                False,
                "No network is set up in publishconf yet: see the docs' chapter on each network (Mastodon first)",
            )
        ], []
    steps = []
    for network, names in needed.items():
        here = [name for name in names if environ.get(name)]
        missing = [name for name in names if not environ.get(name)]
        where = "On GitHub: Settings → Secrets and variables → Actions → New repository secret"
        if missing:
            steps.append(
                Step(
                    f"{network} secrets",
                    False,
                    f"{where}: {', '.join(names)} (not set in this terminal: {', '.join(missing)})",
                )
            )
        else:
            steps.append(
                Step(f"{network} secrets", True, f"{', '.join(here)} set here; {where.lower()} with the same values")
            )
    return steps, [name for names in needed.values() for name in names]


def _editor(marquee, repository: str) -> list[Step]:
    repo = marquee.editor.repo
    if not repo:
        target = repository or "YOUR-NAME/YOUR-FILM"
        return [
            Step(
                "editor",
                False,
                f'The editor at /admin/ needs the repository: set MARQUEE_EDITOR "repo" to "{target}" in data/site.json ("publish")',
            )
        ]
    if repository and repo.lower() != repository.lower():
        return [
            Step(
                "editor",
                False,
                f'MARQUEE_EDITOR "repo" is "{repo}", but this folder\'s GitHub remote is {repository}: make them the same',
            )
        ]
    return [Step("editor", True, f"/admin/ commits to {repo}")]


def steps(project: Project, environ: dict) -> list[Step]:
    """Every step to a live site, in order, each checked."""
    marquee = project.marquee_settings(str(project.root / project.settings_publish))
    deploy = marquee.deploy or {}
    found, repository = _repository(project.root, deploy.get("remote", "origin"))
    secret_steps, needed = _secrets(marquee, environ)
    ledger = Path(marquee.syndication.ledger)
    ledger = ledger if ledger.is_absolute() else project.root / ledger
    found += _address(marquee.feed_base_url or "", deploy, repository)
    if not deploy:
        found.append(
            Step(
                "deploy", False, 'publishconf has no MARQUEE_DEPLOY: run invoke init, or set {"target": "github-pages"}'
            )
        )
    found += _workflow(project.root, needed)
    found += secret_steps
    found.append(
        Step(
            "syndication ledger",
            ledger.is_file(),
            str(ledger.relative_to(project.root))
            if ledger.is_file()
            else "missing: run invoke init, or invoke publish --new-ledger once",
        )
    )
    found += _editor(marquee, repository)
    return found


def golive(project: Project, environ: dict) -> None:
    """Print each step, done or with what to do next; exit 1 while one is left."""
    from invoke import Exit
    from rich.console import Console
    from rich.markup import escape

    console = Console()
    found = steps(project, environ)
    for step in found:
        mark = "[green]done[/green]" if step.done else "[yellow]to do[/yellow]"
        console.print(f"{mark}  [bold]{escape(step.name)}[/bold]: {escape(step.said)}", highlight=False)
    left = [s for s in found if not s.done]
    if left:
        console.print(f"\nNext: {escape(left[0].said)}", highlight=False)
        raise Exit(code=1)
    console.print(
        "\nEverything checkable here is ready. Push (git push), then on GitHub: Actions → Publish → Run workflow;"
        " your site is live at the address above a few minutes later.",
        highlight=False,
    )
