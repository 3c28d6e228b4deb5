"""Publishing and what comes back: syndicate, publish, networks, accounts, backfeed, report, plan.

The syndication, backfeed and plan packages are imported when a command runs, not before:
`invoke --list` stays quick."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

from invoke import Exit

from .project import Project


def syndicate(
    project, settings_file, output, dry_run=False, only=None, retry_failed=False, new_ledger=False, built=False
) -> None:
    """Exit 2 when something is left for the next run (failed, waiting or skipped). A dry run
    builds the site with `settings_file` into a temporary folder itself (unless `built`: then it
    reads `output`), so it shows what the public site would send."""
    from rich.console import Console

    from ..syndication import run, show
    from ..syndication.ledger import LedgerError
    from ..syndication.posts import BuiltElsewhere, FeedError

    console = Console(stderr=True)
    marquee = project.marquee_settings(settings_file)
    # Only a dry run builds into a folder of its own: a real run (which a kill may stop anywhere)
    # leaves nothing behind in the temporary directory.
    building = dry_run and not built
    with tempfile.TemporaryDirectory(prefix="marquee-dry-run-") if building else contextlib.nullcontext() as staging:
        if building:
            console.print(f"Building the site with {settings_file} into a temporary folder (nothing is deployed) …")
            output = staging
            done = subprocess.run(
                [sys.executable, "-m", "pelican", "-q", "-s", settings_file, "-o", output], cwd=project.root
            )
            if done.returncode != 0:
                raise Exit("invoke syndicate: the build failed (above); nothing was shown or sent", code=1)
        try:
            outcomes = run(
                marquee,
                Path(output),
                dry_run=dry_run,
                only=only,
                retry_failed=retry_failed,
                new_ledger=new_ledger,
                console=console,
            )
        except BuiltElsewhere as error:
            build = shlex.join(["pelican", "content", "-s", settings_file, "-o", str(output)])
            raise Exit(f"invoke syndicate: {error}. Build it for the public site first:\n  {build}", code=1) from None
        except (FeedError, LedgerError, ValueError) as error:
            raise Exit(f"invoke syndicate: {error}", code=1) from None
    if dry_run:
        show.dry_run(outcomes, Console())
        return
    show.summary(outcomes, console)
    if any(o.state in ("failed", "waiting", "skipped") for o in outcomes):
        raise Exit(code=2)  # posted what it could; the rest is in the ledger for the next run


def publish(project: Project, run, settings_file: str, output: str, new_ledger: bool = False) -> None:
    """Build, deploy, syndicate, and rebuild and redeploy when new copies' links came back.
    `run` runs a shell command and stops on failure (invoke's c.run)."""
    from ..deploy import DeployError, deploy
    from ..media.location import located
    from ..syndication import ledger

    marquee = project.marquee_settings(settings_file)
    if not marquee.deploy:
        raise Exit("invoke publish: set MARQUEE_DEPLOY in publishconf.py (see docs/guide/publishing.md)", code=1)
    try:
        if marquee.syndication.channels_configured or marquee.webmention.send:
            ledger.usable(marquee.syndication.ledger, new_ledger)
    except ledger.LedgerError as error:  # before the build: nothing is deployed, nothing sent
        raise Exit(f"invoke publish: {error}", code=1) from None
    if located_photos := located(project.root / project.pelican_settings(settings_file)["PATH"]):
        raise Exit("invoke publish: nothing was built or sent:\n  " + "\n  ".join(located_photos), code=1)
    build = shlex.join(
        [sys.executable, "-m", "pelican", "-s", settings_file, "-o", output, "--delete-output-directory"]
    )
    run(build)  # a content error stops here: nothing is deployed
    for problem in account_problems(marquee):  # a token about to expire: say so before it stops a run
        print(f"warning: {problem}", file=sys.stderr)
    try:
        print(f"Deployed to {deploy(Path(output), marquee.deploy)}")
        before = _posted(ledger.read_entries(marquee.syndication.ledger))
        try:
            syndicate(project, settings_file, output, new_ledger=new_ledger)
        finally:
            if _posted(ledger.read_entries(marquee.syndication.ledger)) != before:
                run(build)  # now the pages carry their "Also on" links
                print(f"Redeployed with syndication links to {deploy(Path(output), marquee.deploy)}")
    except DeployError as error:
        raise Exit(f"invoke publish: {error}", code=1) from None


def networks() -> None:
    from ..settings.syndication import networks_table

    print(networks_table(), end="")


def accounts(project: Project, settings_file: str) -> None:
    problems = account_problems(project.marquee_settings(settings_file), show_table=True)
    if problems:
        raise Exit("\n".join(f"invoke accounts: {problem}" for problem in problems), code=1)
    print("Every account is ready.")


def account_problems(marquee, show_table: bool = False) -> list[str]:
    """What needs the producer's attention in the configured accounts, with every secret masked."""
    from rich.console import Console

    from ..syndication.accounts import check_all, table
    from ..syndication.channels import secrets

    healths = check_all(marquee.syndication, os.environ)
    now = dt.datetime.now(dt.UTC)
    if show_table:
        Console().print(table(healths, now))
    problems = [problem for health in healths for problem in health.problems(now)]
    for secret in secrets(marquee.syndication, os.environ):
        problems = [problem.replace(secret, "[secret]") for problem in problems]
    return problems


def _posted(entries) -> set:
    return {ident for ident, entry in entries.items() if entry.state == "posted"}


def backfeed(project: Project, settings_file: str) -> None:
    from rich.console import Console

    from ..backfeed import run
    from ..backfeed.model import BackfeedDataError
    from ..syndication.ledger import LedgerError

    console = Console(stderr=True)
    try:
        warnings = run(project.marquee_settings(settings_file), console=console)
    except (BackfeedDataError, LedgerError) as error:
        raise Exit(f"invoke backfeed: {error}", code=1) from None
    console.print(f"Backfeed done{f', {len(warnings)} warning(s)' if warnings else ''}. Rebuild to show it.")


def report(project: Project, settings_file: str, format: str = "table", html: str | None = None) -> None:
    from rich.console import Console

    from ..backfeed import report as engagement

    if html:
        from ..backfeed.report.page import write

        try:
            path = write(settings_file, Path(html))
        except ValueError as error:
            raise Exit(f"invoke report: {error}", code=1) from None
        print(f"Wrote {path}: open it in a browser. It names fans: keep it off the site.")
        return
    try:
        result, text = engagement.for_settings(project.marquee_settings(settings_file), format)
    except ValueError as error:
        raise Exit(f"invoke report: {error}", code=1) from None
    if text is not None:
        sys.stdout.write(text)
        return
    engagement.show(result, Console())


def plan(project: Project, settings_file: str, ics: str | None = None, html: str | None = None) -> None:
    from rich.console import Console

    from .. import plan as editorial

    try:
        found = editorial.from_build(settings_file)
    except Exception as error:  # noqa: BLE001 - a content error was listed above
        raise Exit(f"invoke plan: the build failed ({error}); `invoke check` lists every problem", code=1) from None
    site = project.marquee_settings(settings_file).film.title
    editorial.show(found, Console())
    target = Path(ics or Path(project.pelican_settings().get("CACHE_PATH") or "cache") / "editorial-calendar.ics")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(editorial.ics(found, site))
    print(f"Wrote {target}: subscribe to it in the team's calendar (it is never deployed).")
    if html:
        Path(html).write_text(editorial.page(found, site), encoding="utf-8")
        print(f"Wrote {html}.")
