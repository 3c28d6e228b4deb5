"""Cut rendered Markdown into its h2 sections; turn a little HTML into plain text."""

from __future__ import annotations

import html
import re

_SECTION = re.compile(r"(?=<h2[\s>])")
_HEADING = re.compile(r"<h2[^>]*>(.*?)</h2>", re.S)


def strip_tags(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def split_sections(markup: str, names: tuple[str, ...]) -> tuple[str, dict[str, str]]:
    """The HTML without the h2 sections titled `names` (any case), and those sections' bodies."""
    kept, lifted = [], {}
    for chunk in _SECTION.split(markup):
        heading = _HEADING.match(chunk)
        name = strip_tags(heading[1]).strip().lower().replace("\u2019", "'") if heading else ""
        if name in names:
            lifted[name] = chunk[heading.end() :].strip()
        else:
            kept.append(chunk)
    return "".join(kept), lifted


def to_text(markup: str) -> str:
    """Paragraphs, list items and table rows as lines of plain text."""
    markup = re.sub(r"</(p|li|tr|h\d)>", "\n", markup)
    markup = re.sub(r"</t[dh]>\s*<t[dh][^>]*>", ": ", markup)
    lines = (line.strip() for line in strip_tags(markup).splitlines())
    return "\n".join(line for line in lines if line)
