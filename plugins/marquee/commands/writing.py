"""Writing: a new post or translation from its template (`invoke new`), and `invoke check`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from invoke import Exit

from ..check import check as problems_of
from ..check import network_note
from ..scaffold import new_post, new_translation
from ..settings.languages import read as read_languages
from .project import Project

EXAMPLE_TITLE = "Salt and Static"  # the example film this repository ships, until `invoke init`


def built_line(settings_file: str = "pelicanconf.py", output: str = "output") -> str:
    """`make site`'s last line: which film was built, and where to look at it."""
    title = Project(Path.cwd()).pelican_settings(settings_file).get("SITENAME") or "the site"
    which = f"the example film, {title} (invoke init makes it yours)" if title == EXAMPLE_TITLE else title
    return (
        f"Built {which} into {output}/. Look at it with: make serve  ->  http://127.0.0.1:8000\n"
        "Marquee's commands (invoke --list) run in the project's environment: source .venv/bin/activate"
    )


def new(project: Project, kind: str, title: str, translation_of: str = "", language: str = "") -> None:
    site = project.pelican_settings()
    zone = site.get("TIMEZONE") or "UTC"
    others = read_languages(site.get("MARQUEE_LANGUAGES"), site.get("DEFAULT_LANG") or "en")[1:]
    languages = {lang.code: lang for lang in others}
    content = Path(site["PATH"])
    try:
        if translation_of or language:
            if language not in languages:
                raise ValueError(
                    f'--language "{language}" is not one of the site\'s other languages '
                    f"(MARQUEE_LANGUAGES: {', '.join(languages) or 'none yet'})"
                )
            path = new_translation(kind, title, content, translation_of, language, languages[language].name)
        else:
            path = new_post(kind, title, content, dt.datetime.now(ZoneInfo(zone)), zone)
    except (ValueError, FileExistsError) as error:
        raise Exit(f"invoke new: {error}", code=1) from None
    print(f"Created {path}. Fill in its fields, then preview with: invoke livereload")


def check(settings_file: str) -> None:
    """Build into a temporary folder; list every warning and error; Exit 1 if there are any.
    What the network could not give is one note, not a problem: offline on location is normal."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    found = problems_of(settings_file)
    problems = [p for p in found if not p.network]
    console = Console(stderr=True)
    if note := network_note(found):
        console.print(f"[yellow]Note:[/yellow] {escape(note)}", highlight=False)
    if not problems:
        console.print("[green]No problems found in the content.[/green]")
        return
    table = Table("Level", "Problem", title=f"{len(problems)} problem(s)", show_lines=True)
    for problem in problems:
        table.add_row(problem.level, problem.message)
    console.print(table)
    raise Exit(code=1)


def scrub(project: Project, files: list[str]) -> None:
    """Remove location and camera metadata from `files` (images under content/), or from every
    image under content/ that carries a location. Every file is checked before any is changed."""
    from ..media.images import RASTER
    from ..media.location import images_under, location_in
    from ..media.location import scrub as scrub_image

    content = (project.root / project.pelican_settings()["PATH"]).resolve()
    if files:
        chosen, problems = [], []
        for name in files:
            path = Path(name).resolve()
            if content not in path.parents:
                problems.append(f"{name}: not under {content} (only the site's own images are changed)")
            elif not path.is_file() or path.suffix.lower() not in RASTER:
                problems.append(f"{name}: not an image file (expected one of {', '.join(sorted(RASTER))})")
            else:
                chosen.append(path)
        if problems:
            raise Exit("invoke scrub: nothing was changed:\n  " + "\n  ".join(problems), code=1)
    else:
        chosen = [path for path in images_under(content) if location_in(path)]
    if not chosen:
        print("No image under content/ carries a location.")
        return
    for number, path in enumerate(chosen, 1):
        try:
            scrub_image(path)
        except (OSError, ValueError, SyntaxError) as error:
            raise Exit(f"invoke scrub: {path.relative_to(content.parent)}: {error} (it is unchanged)", code=1) from None
        print(f"[{number}/{len(chosen)}] {path.relative_to(content.parent)}: location and camera data removed")
