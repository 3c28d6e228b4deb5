"""`invoke init`: make the site yours in one step. The film's facts and the site's address go into
data/site.json (written whole; the settings files read it, init never edits Python); the example film's
posts, images, audio and data (ledger, conversations, wall snapshots) go; the pages that tell the
film's facts (About, Cast & crew, Press kit) render them from the settings; the icons are drawn
from the poster or the film's colour. What is left builds and passes `invoke check`.

Everything given is checked first, fully (the poster decoded, the font parsed, the language known
to Babel, the address strict, every text one line of valid text); then the new project is written
beside the old one and swapped in, so on any failure the project is as it was, byte for byte."""

from __future__ import annotations

import ast
import datetime as dt
import json
import os
import re
import shutil
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PIL import Image, ImageDraw, ImageFont, ImageOps

from .content import typeface as typefaces
from .content.palette import contrast, from_colour
from .net.policy import web_url
from .settings import site_file

SECTIONS = ("diary", "interviews", "events", "press", "contests")
ICON_COLOUR = "#1d3557"  # the icons' background when the film has neither poster nor colour


@dataclass(frozen=True)
class Film:
    title: str
    domain: str  # https://lowseason.example
    director: str = ""
    year: int | None = None
    logline: str = ""
    cast: tuple[str, ...] = ()
    company: str = ""  # who the site is by (AUTHOR); default: the director
    timezone: str = "UTC"
    language: str = "en"
    colour: str = ""  # the film's colour: its palette (checked for contrast) and the icons' background
    typeface: str = ""  # a typeface the theme offers, or a .woff2 file to copy into content/fonts/
    poster: Path | None = None
    poster_alt: str = ""
    key_art: Path | None = None  # wide, across the home page; without it the poster is shown whole
    key_art_alt: str = ""
    trailer: str = ""  # a YouTube or Vimeo address
    genre: str = ""
    runtime_minutes: int | None = None

    @property
    def host(self) -> str:
        return urlsplit(self.domain).hostname or ""


class InitError(ValueError):
    """Every problem with what was given, at once."""


MAX_POSTER_PIXELS = 40_000_000
# Characters no one-line fact may hold: controls, line and paragraph separators (Python's
# splitlines() and YAML break lines there), bidirectional overrides, and lone surrogates (a byte
# that was not UTF-8 on the command line).
_NOT_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _text_problems(film: Film) -> list[str]:
    problems = []
    texts = {
        "title": film.title,
        "director": film.director,
        "logline": film.logline,
        "company": film.company,
        "poster-alt": film.poster_alt,
        "key-art-alt": film.key_art_alt,
        "trailer": film.trailer,
        "genre": film.genre,
        "domain": film.domain,
        "timezone": film.timezone,
        "language": film.language,
        "colour": film.colour,
        "typeface": film.typeface,
        **{f"cast {n}": name for n, name in enumerate(film.cast, 1)},
    }
    for name, value in texts.items():
        if found := _NOT_ONE_LINE.search(value):
            what = "a byte that is not UTF-8" if "\ud800" <= found[0] <= "\udfff" else f"U+{ord(found[0]):04X}"
            problems.append(f"{name}: {value[:60]!r} holds {what} (expected one line of text)")
    return problems


def _domain_problem(domain: str) -> str:
    expected = f'domain: "{domain}" is not a site address (expected https://yourfilm.example)'
    try:
        parts = urlsplit(domain)
        port = parts.port
    except ValueError:
        return expected
    host = parts.hostname or ""
    ok = (
        web_url(domain)
        and parts.scheme == "https"
        and parts.path in ("", "/")
        and not parts.query
        and not parts.fragment
        and not parts.username
        and not parts.password
        and "@" not in parts.netloc
        and port in (None, 443)
        and "." in host.strip(".")
        and all(re.fullmatch(r"(?!-)[a-z0-9-]{1,63}(?<!-)", label) for label in _ascii_host(host).split("."))
    )
    return "" if ok else expected


def _ascii_host(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return "-"


def _poster_problem(path: Path, name: str = "poster") -> str:
    """Why the poster (or key art: `name`) cannot be used ("" when it can): decoded in full, within a pixel cap."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                if image.width * image.height > MAX_POSTER_PIXELS:
                    return f'{name}: "{path}" is {image.width}x{image.height} pixels (expected at most {MAX_POSTER_PIXELS // 1_000_000} megapixels)'
                image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return f'{name}: "{path}" is larger than {MAX_POSTER_PIXELS // 1_000_000} megapixels (expected a smaller image)'
    except (OSError, ValueError, SyntaxError) as error:
        return (
            f'{name}: "{path}" is not an image Marquee can read ({type(error).__name__}; expected a JPEG, PNG or WebP)'
        )
    return ""


def _font_problem(path: Path) -> str:
    problem = typefaces.woff2_problem(path)
    return f'typeface: "{path}" {problem.replace("is not a WOFF2 font", "is not a WOFF2 font file")}' if problem else ""


def _language_problem(language: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return f'language: "{language}" is not a language Marquee can write in (expected e.g. en, es, pt-BR)'
    return ""


def check(film: Film, theme: Path) -> list[str]:
    problems = _text_problems(film)
    if not film.title.strip():
        problems.append("title: missing (expected the film's title)")
    if problem := _domain_problem(film.domain):
        problems.append(problem)
    if film.year is not None and not 1888 <= film.year <= 2200:
        problems.append(f'year: "{film.year}" is not a year (expected e.g. 2028)')
    try:
        ZoneInfo(film.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f'timezone: "{film.timezone}" is not a time zone (expected an IANA name such as Europe/Madrid)')
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", film.language):
        problems.append(f'language: "{film.language}" is not a language tag (expected e.g. en, es, pt-BR)')
    elif problem := _language_problem(film.language):
        problems.append(problem)
    if film.colour and not re.fullmatch(r"#[0-9a-fA-F]{6}", film.colour):
        problems.append(f'colour: "{film.colour}" is not a colour (expected #rrggbb)')
    if film.typeface.lower().endswith(".woff2"):
        path = Path(film.typeface)
        if not path.is_file():
            problems.append(f'typeface: "{film.typeface}" is not a WOFF2 font file')
        elif problem := _font_problem(path):
            problems.append(problem)
    elif film.typeface and film.typeface not in (offered := typefaces.offered(theme)):
        problems.append(
            f'typeface: "{film.typeface}" is not a typeface the theme offers (expected one of {", ".join(offered)}, or a .woff2 file)'
        )
    for name, image, alt in (("poster", film.poster, film.poster_alt), ("key-art", film.key_art, film.key_art_alt)):
        if image is None:
            continue
        if not image.is_file():
            problems.append(f'{name}: "{image}" is not a file')
        elif problem := _poster_problem(image, name):
            problems.append(problem)
        if not alt.strip():
            problems.append(
                f"{name}-alt: missing (required with the {name.replace('-', ' ')}; expected a sentence describing it)"
            )
    if film.trailer and _trailer_problem(film.trailer):
        problems.append(_trailer_problem(film.trailer))
    if film.runtime_minutes is not None and not 1 <= film.runtime_minutes <= 1000:
        problems.append(f'runtime: "{film.runtime_minutes}" is not a running time (expected minutes, e.g. 97)')
    return problems


def _trailer_problem(url: str) -> str:
    from .content.interviews import video

    expected = f'trailer: "{url}" is not a YouTube or Vimeo address (expected e.g. https://www.youtube.com/watch?v=…)'
    try:
        return "" if video(url).provider in ("youtube", "vimeo") else expected
    except ValueError:  # the field's Invalid
        return expected


def is_portrait(path: Path) -> bool:
    """Whether the image is taller than wide, as shown (its EXIF orientation applied)."""
    with Image.open(path) as image:
        width, height = image.size
        if image.getexif().get(0x0112, 1) in (5, 6, 7, 8):  # turned a quarter: upright, it is the other way
            width, height = height, width
    return height > width


# What init replaces, relative to the project: written into a staging folder, then swapped in.
REPLACED = ("content", "data", "theme/static/favicon.svg")
SETTINGS_FILES = {"pelicanconf.py": "site", "publishconf.py": "publish"}  # each reads its part of data/site.json


def init(project: Path, film: Film, today: dt.date) -> list[str]:
    """Turn the project at `project` into `film`'s site; returns what was done, line by line.
    Nothing in the project changes unless every step succeeded."""
    if problems := check(film, project / "theme"):
        raise InitError("\n".join(problems))
    for name, section in SETTINGS_FILES.items():
        try:
            text = (project / name).read_text(encoding="utf-8")
            ast.parse(text)
        except (OSError, SyntaxError, UnicodeDecodeError) as error:
            raise InitError(
                f"{name}: cannot be read as Python ({error}); restore it from git (git checkout -- {name})"
            ) from None
        if f'_site_file(__file__, "{section}")' not in text:
            raise InitError(
                f"{name} does not read data/site.json, where init writes the film's settings: end it with\n"
                f"    from marquee.settings.site_file import read as _site_file\n"
                f'    globals().update(_site_file(__file__, "{section}"))'
            )
    staging = Path(tempfile.mkdtemp(prefix=".init-", dir=project))
    try:
        for name in REPLACED:
            source, copy = project / name, staging / name
            copy.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, copy, symlinks=True)
            elif source.exists():
                shutil.copy2(source, copy)
        (staging / "theme" / "static").mkdir(parents=True, exist_ok=True)
        staging_theme = staging / "theme"
        done = _make(staging, staging_theme, film, today)
        site_file.read(staging / "pelicanconf.py", "site")  # what was written must load
        _swap(project, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return done


def _swap(project: Path, staging: Path) -> None:
    """Each replaced path moved aside, the staged one moved in; on any failure, every one moved back."""
    aside = staging / ".before"
    aside.mkdir()
    moved: list[str] = []
    try:
        for name in REPLACED:
            (aside / name).parent.mkdir(parents=True, exist_ok=True)
            if (project / name).exists():
                os.replace(project / name, aside / name)
            moved.append(name)
            os.replace(staging / name, project / name)
    except BaseException:
        for name in reversed(moved):
            if (project / name).exists() and (aside / name).exists():
                shutil.rmtree(project / name) if (project / name).is_dir() else (project / name).unlink()
            if (aside / name).exists():
                os.replace(aside / name, project / name)
        raise


def _make(project: Path, theme: Path, film: Film, today: dt.date) -> list[str]:
    """Write the new film's project into `project` (the staging copy)."""
    done = []
    content, data = project / "content", project / "data"
    for section in SECTIONS:
        _empty(content / section)
    for folder in ("images", "audio", "videos", "pages", "fonts"):
        _empty(content / folder)
    done.append("removed the example film's posts, pages, images and audio from content/")
    for path in (data / "walls", data / "backfeed", data / "tiles"):  # tiles: the example's map tiles
        shutil.rmtree(path, ignore_errors=True)
    (data / "backfeed.json").unlink(missing_ok=True)
    data.mkdir(exist_ok=True)
    created = dt.datetime.combine(today, dt.time(), dt.UTC).isoformat()
    (data / "syndication.json").write_text(
        json.dumps({"version": 1, "created": created, "entries": []}, indent=2) + "\n"
    )
    done.append(
        "started a new syndication ledger; removed the example's conversations, wall snapshots and map tiles from data/"
    )
    poster = _copy_image(content, film.poster, "poster")
    key_art = _copy_image(content, film.key_art, "key-art")
    _icons(content / "extra", theme / "static", film)
    done.append(
        ("drew favicon.ico from the poster" if poster else f"drew favicon.ico in {film.colour or ICON_COLOUR}")
        + " and theme/static/favicon.svg"
    )
    _pages(content / "pages", film)
    face = _typeface(content, film)
    done.append("wrote the About, Cast & crew, Press kit and 404 pages (their facts come from the settings)")
    site_file.write(
        project / site_file.NAME, _site_settings(film, poster, face, key_art), _publish_settings(film, today)
    )
    done.append(
        "wrote the film's settings and its address into data/site.json (pelicanconf.py and publishconf.py read it)"
    )
    return done


def _empty(folder: Path) -> None:
    if folder.is_dir():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)


def _copy_image(content: Path, source: Path | None, name: str) -> str:
    """The image copied into content/images/ as `name`; its path there ("" without one)."""
    if source is None:
        return ""
    from .media.location import scrub

    target = content / "images" / f"{name}{source.suffix.lower()}"
    shutil.copyfile(source, target)
    try:  # content/ is committed: the camera's GPS and make never go in with it
        scrub(target)
    except (OSError, ValueError, SyntaxError):
        pass  # a picture only Pillow's decoder accepts: invoke check names it if it says where it was taken
    return f"images/{target.name}"


def _typeface(content: Path, film: Film) -> str:
    """The typeface as the settings name it: a theme's name, or the producer's file under content/."""
    if not film.typeface.lower().endswith(".woff2"):
        return film.typeface
    target = content / "fonts" / Path(film.typeface).name
    shutil.copyfile(film.typeface, target)
    return f"fonts/{target.name}"


def _icons(extra: Path, theme_static: Path, film: Film) -> None:
    """favicon.ico (16–64 px, content/extra/) and the theme's favicon.svg: the poster's centre, or
    the title's initial on the colour. (An SVG is the theme's: content/ publishes none.)"""
    extra.mkdir(parents=True, exist_ok=True)
    initial = next((c for c in film.title if c.isalnum()), "·").upper()
    if film.poster is not None:
        with Image.open(film.poster) as source:
            square = ImageOps.fit(ImageOps.exif_transpose(source).convert("RGB"), (64, 64))
    else:
        square = Image.new("RGB", (64, 64), film.colour or ICON_COLOUR)
        draw = ImageDraw.Draw(square)
        font = ImageFont.load_default(size=44)
        draw.text((32, 33), initial, fill=_ink(film.colour or ICON_COLOUR), font=font, anchor="mm")
    square.save(extra / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64)])
    (theme_static / "favicon.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<rect width="64" height="64" rx="10" fill="{film.colour or ICON_COLOUR}"/>'
        f'<text x="32" y="46" font-family="system-ui, sans-serif" font-size="40" font-weight="700" '
        f'text-anchor="middle" fill="{_ink(film.colour or ICON_COLOUR)}">{_xml(initial)}</text></svg>\n',
        encoding="utf-8",
    )


def _ink(colour: str) -> str:
    """Black or white, whichever reads better on `colour` (WCAG contrast)."""
    return max(("#000000", "#ffffff"), key=lambda ink: contrast(ink, colour))


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _pages(pages: Path, film: Film) -> None:
    def page(name: str, lines: list[str], body: str = "") -> None:
        (pages / f"{name}.md").write_text("\n".join(lines) + "\n\n" + body, encoding="utf-8")

    summary = (
        _one_line(film.logline) or f"{film.title}, a film" + (f" by {film.director}" if film.director else "") + "."
    )
    page(
        "about",
        ["Title: About the film", f"Summary: {summary}", "Slug: about", "Film-Facts: yes"],
        film.logline.strip() + "\n" if film.logline else "",
    )
    page(
        "cast-and-crew",
        ["Title: Cast & crew", f"Summary: Who made {_one_line(film.title)}.", "Slug: cast-and-crew", "Film-Facts: yes"],
    )
    page(
        "press-kit",
        [
            "Title: Press kit",
            f"Summary: The press kit of {_one_line(film.title)}: facts, stills and key art.",
            "Slug: press-kit",
            "Film-Facts: yes",
        ],
    )
    page(
        "404",
        [
            "Title: Page not found",
            "Summary: This page could not be found.",
            "Slug: 404",
            "Status: hidden",
            "Save_as: 404.html",
            "URL: 404.html",
            "Template: 404",
        ],
        "We could not find that page. It may have moved, or the link may be mistyped.\n",
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _site_settings(film: Film, poster: str, face: str, key_art: str = "") -> dict:
    facts = {
        "title": film.title,
        "logline": _one_line(film.logline),
        "director": film.director,
        "cast": list(film.cast),
        "release_year": film.year,
        "genre": film.genre,
        "runtime_minutes": film.runtime_minutes,
        "trailer": film.trailer,
        "trailer_poster": key_art if film.trailer else "",  # wide: the trailer's picture, nothing fetched for it
        "poster": poster,
        "poster_alt": film.poster_alt if poster else "",
        "key_art": key_art,
        "key_art_alt": film.key_art_alt if key_art else "",
        "accounts": [],
        "colours": from_colour(film.colour) if film.colour else {},
        "typeface": face,
    }
    return {
        "AUTHOR": film.company or film.director or film.title,
        "SITENAME": film.title,
        "SITE_DESCRIPTION": f"{film.title}: production diary, interviews, screenings and press.",
        "TIMEZONE": film.timezone,
        "DEFAULT_LANG": film.language,
        "MARQUEE_FILM": {k: v for k, v in facts.items() if v not in (None, "", [], {}) or k in ("title",)},
        "MARQUEE_ID_PREFIX": f"tag:{film.host},{film.year or dt.date.today().year}:",
        "MARQUEE_OFFLINE": False,
        "MARQUEE_WALLS": [],
        "MARQUEE_NAV_PAGES": ["about", "cast-and-crew", "press-kit"],
        "MARQUEE_LANGUAGES": {},  # the example's Spanish edition goes with its posts (docs/guide/languages.md)
        "MARQUEE_PODCAST": {
            "category": "TV & Film",
            "subcategory": "Film Interviews",
            "explicit": False,
            "owner_name": film.company or film.director or film.title,
            "owner_email": "",
            "author": film.company or film.director or film.title,
        },
    }


def _publish_settings(film: Film, today: dt.date) -> dict:
    tag = re.sub(r"\W", "", film.title.title())
    return {
        "SITEURL": film.domain.rstrip("/"),
        "MARQUEE_DEPLOY": {"target": "github-pages", "remote": "origin", "branch": "gh-pages", "cname": film.host},
        "MARQUEE_SYNDICATION": {
            "ledger": "data/syndication.json",
            "since": today.isoformat(),
            "hashtags": [tag] if tag else [],
        },
        "MARQUEE_WEBMENTION": {},
        "MARQUEE_EDITOR": {},
    }
