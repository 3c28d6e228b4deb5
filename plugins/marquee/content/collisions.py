"""Two things that would be written to one output file: found before anything is written.

Pelican finds a collision only while writing (a half-written output) and names the output path.
Here every post, page, section, tag and Marquee page is mapped to its file first, and each clash
is a problem naming both sources.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict

from .fields import Problem
from .validate import relative_source


def outputs(generators, content_path, extra: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """output file -> [(source or description, field)], for everything the build will write."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for generator in generators:
        for name in (
            "articles",
            "translations",
            "drafts",
            "drafts_translations",
            "pages",
            "hidden_pages",
            "draft_pages",
            "hidden_translations",
        ):
            for post in getattr(generator, name, None) or []:
                if post.save_as:
                    found[_norm(post.save_as)].append((relative_source(post.source_path, content_path), "Slug"))
        for category, _ in getattr(generator, "categories", None) or []:
            if category.save_as:
                found[_norm(category.save_as)].append((f'the section page of "{category}"', ""))
        for tag in getattr(generator, "tags", None) or {}:
            if tag.save_as:
                found[_norm(tag.save_as)].append((f'the page of tag "{tag}"', ""))
    for path, what in extra.items():
        found[_norm(path)].append((what, ""))
    return found


def problems(generators, content_path, extra: dict[str, str]) -> list[Problem]:
    result = []
    for path, sources in sorted(outputs(generators, content_path, extra).items()):
        if len(sources) < 2:
            continue
        files = [s for s, _ in sources if s.startswith("content")] or [sources[0][0]]
        others = [s for s, _ in sources if s != files[0]]
        result.append(
            Problem(
                files[0],
                "Slug" if files[0].startswith("content") else "",
                f"{path} would also be written by {' and '.join(others)} "
                "(expected a slug of its own: rename the file or set Slug)",
            )
        )
    return result


def _norm(path: str) -> str:
    return posixpath.normpath(path.replace("\\", "/"))
