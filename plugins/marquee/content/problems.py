"""The build's problems that no single content type finds: settings that cannot be read, a
placeholder left in a body, a language the site does not have; and no traceback for a content error."""

from __future__ import annotations

import logging
from dataclasses import replace

from .. import settings as marquee_settings
from . import htmlparts
from .fields import Problem
from .validate import ContentError, ErrorCount, report

log = logging.getLogger("marquee.content")


class NoTracebackForContentErrors(logging.Filter):
    """Pelican logs a failed build with its traceback; for content errors the list says it all."""

    def filter(self, record):
        if record.exc_info and isinstance(record.exc_info[1], ContentError):
            record.exc_info = None
        return True


def start_counting_errors(generator) -> None:
    counter = ErrorCount()
    logging.getLogger("pelican").addHandler(counter)
    generator.context["marquee_errors"] = counter


def check_settings(pelican) -> None:
    """initialized: settings that cannot be read stop the build before anything is read or written,
    each named (not a traceback)."""
    found = [Problem("pelicanconf.py", "", message) for message in marquee_settings.problems(pelican.settings)]
    if found:
        report(in_settings_files(found, pelican.settings))


def in_settings_files(problems: list, settings: dict) -> list:
    """A settings problem names the file the setting is in: data/site.json for the film's own."""
    from ..settings.site_file import source

    moved = []
    for problem in problems:
        if problem.source == "pelicanconf.py":
            name = (problem.field or problem.message).split(" ", 1)[0].split(":", 1)[0]
            problem = replace(problem, source=source(settings, name))
        moved.append(problem)
    return moved


PLACEHOLDER_LEFT = 'the body still has the template\'s text "{sentence}": write the post, or set Status: draft'


MIN_PIECE = 10  # a beginning and an end of a template sentence this long, in order, are its leftover


def leftover(text: str, sentences) -> str:
    """The template sentence `text` still holds, whole or cut in two by typing into its middle
    ("What happened tod… We moved … ay, in your own words."), or "". Linear in the text: each
    beginning is looked for once, and the end only after it (marquee-editor.js does the same)."""
    for sentence in sentences:
        if sentence in text:
            return sentence
        for cut in range(MIN_PIECE, len(sentence) - MIN_PIECE + 1):
            start = text.find(sentence[:cut])
            if start >= 0 and text.find(sentence[cut:], start + cut) >= 0:
                return sentence
    return ""


def unfinished(article, source: str, publishing: bool) -> list[Problem]:
    """A post whose body still has `invoke new`'s placeholder text, whole or cut in two: an error
    when the build is the public site (it would be published and syndicated as it is), a warning
    in a preview."""
    from ..scaffold import PLACEHOLDERS  # here: scaffold is for the command line

    left = leftover(" ".join(htmlparts.strip_tags(article._content or "").split()), PLACEHOLDERS)
    if not left:
        return []
    return [Problem(source, "", PLACEHOLDER_LEFT.format(sentence=left), level="error" if publishing else "warning")]


def language_problems(originals, posts, source, settings) -> list[Problem]:
    """A post in a language the site does not have, and a translation with no original (Pelican
    would list it among the default language's posts, in its feeds, unlinked)."""
    codes = [language.code for language in settings.languages]
    default = codes[0]
    found = []
    for post in posts:
        lang = getattr(post, "lang", default)
        if lang not in codes:
            found.append(
                Problem(
                    source(post),
                    "Lang",
                    f'"{lang}" is not one of the site\'s languages (expected one of '
                    f"{', '.join(codes)}; a new language is added in MARQUEE_LANGUAGES)",
                )
            )
    for post in originals:
        lang = getattr(post, "lang", default)
        if lang != default and lang in codes:
            found.append(
                Problem(
                    source(post),
                    "Lang",
                    (
                        f'"{lang}": no {settings.languages[0].name} post has the slug "{post.slug}", so this translation has no '
                        "original (expected the original's slug: the same file name with ."
                        f"{lang}.md, or Slug: <the original's slug>)"
                    ),
                )
            )
    return found
