"""`invoke init`: ask for the film's facts (or take them from flags), check them all, then
marquee.init makes the site the producer's own."""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from invoke import Exit
from PIL import Image

from .. import init as start
from ..content import typeface as typefaces
from .project import Project

YEAR = re.compile(r"[0-9]{4}")  # ASCII: "²".isdigit() is True
MINUTES = re.compile(r"[0-9]{1,4}")


def _portrait(path: Path) -> bool:
    """Whether a poster is portrait; False when it cannot be read (init's check says why)."""
    try:
        return start.is_portrait(path)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return False


def init(project: Project, flags: dict, yes: bool = False) -> None:
    """`flags`: the command's options (title, director, year, domain, logline, cast, company,
    timezone, language, colour, typeface, poster, poster_alt, key_art, key_art_alt, trailer, genre,
    runtime), "" where not given. Asked in a producer's order: the facts, then what the home page shows."""
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
    )
    genre = ask("Genre (e.g. Drama)", flags["genre"])
    runtime = ask("Running time in minutes", flags["runtime"])
    trailer = ask("The trailer's YouTube or Vimeo address (empty: none yet)", flags["trailer"])
    poster = ask("The poster: an image file (empty: none yet)", flags["poster"])
    poster_alt = ask("What the poster shows, in a sentence", flags["poster_alt"]) if poster else flags["poster_alt"]
    key_art = flags["key_art"]
    if not key_art and poster and _portrait(Path(poster)):
        key_art = ask("The poster is portrait: a wide key art for the home page (empty: the poster, shown whole)", "")
    key_art_alt = (
        ask("What the key art shows, in a sentence", flags["key_art_alt"]) if key_art else flags["key_art_alt"]
    )
    film = replace(
        film,
        genre=genre,
        runtime_minutes=int(runtime) if MINUTES.fullmatch(runtime) else None,
        trailer=trailer,
        poster=Path(poster) if poster else None,
        poster_alt=poster_alt,
        key_art=Path(key_art) if key_art else None,
        key_art_alt=key_art_alt,
    )
    bad_year = year and not YEAR.fullmatch(str(year))
    problems = start.check(film, theme) + ([f'year: "{year}" is not a year (expected e.g. 2028)'] if bad_year else [])
    if runtime and not MINUTES.fullmatch(runtime):
        problems.append(f'runtime: "{runtime}" is not a running time (expected minutes, e.g. 97)')
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
