"""`invoke init`: ask for the film's facts (or take them from flags), check them all, then
marquee.init makes the site the producer's own."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from invoke import Exit

from .. import init as start
from ..content import typeface as typefaces
from .project import Project

YEAR = re.compile(r"[0-9]{4}")  # ASCII: "²".isdigit() is True


def init(project: Project, flags: dict, yes: bool = False) -> None:
    """`flags`: the command's options (title, director, year, domain, logline, cast, company,
    timezone, language, colour, typeface, poster, poster_alt), "" where not given."""
    asking = not yes and sys.stdin.isatty()
    if not yes and not asking:
        raise Exit("invoke init: without a terminal to ask in, give the facts as flags and --yes", code=1)

    def ask(label, value, default=""):
        if value or not asking:
            return value or default
        answer = input(f"{label}{f' [{default}]' if default else ''}: ").strip()
        return answer or default

    site = project.pelican_settings()
    theme = project.root / "theme"
    title = ask("Title of the film", flags["title"])
    year = ask("Release year", str(flags["year"] or ""))
    film = start.Film(
        title=title,
        director=ask("Director", flags["director"]),
        domain=ask("Site address (https://…)", flags["domain"]),
        year=int(year) if YEAR.fullmatch(str(year)) else None,
        logline=ask("Logline", flags["logline"]),
        cast=tuple(n.strip() for n in ask("Cast, comma-separated", flags["cast"]).split(",") if n.strip()),
        company=flags["company"],
        timezone=ask("Time zone", flags["timezone"], site.get("TIMEZONE") or "UTC"),
        language=ask("Language", flags["language"], site.get("DEFAULT_LANG") or "en"),
        colour=ask("The film's colour (#rrggbb; empty: the theme's)", flags["colour"]),
        typeface=ask(
            f"Typeface for titles ({', '.join(typefaces.offered(theme))}, a .woff2 file, or empty)", flags["typeface"]
        ),
        poster=Path(flags["poster"]) if flags["poster"] else None,
        poster_alt=flags["poster_alt"],
    )
    bad_year = year and not YEAR.fullmatch(str(year))
    problems = start.check(film, theme) + ([f'year: "{year}" is not a year (expected e.g. 2028)'] if bad_year else [])
    if problems:
        raise Exit("invoke init:\n  " + "\n  ".join(problems), code=1)
    if not yes:
        go_on = input(f'This removes the example film and makes the site "{film.title}". Go on? [y/N] ')
        if go_on.strip().lower() != "y":
            raise Exit("invoke init: nothing changed", code=1)
    today = dt.datetime.now(ZoneInfo(film.timezone)).date()
    try:
        done = start.init(project.root, film, today)
    except start.InitError as error:
        raise Exit("invoke init:\n  " + str(error).replace("\n", "\n  ") + "\nnothing changed", code=1) from None
    except OSError as error:
        raise Exit(f"invoke init: {error}; nothing changed", code=1) from None
    for line in done:
        print(f"- {line}")
    print("Done. Build it with `make site` (or `invoke livereload`), write your first post with `invoke new`.")
