"""The downloadable press kit: a zip of the poster, the stills and the synopsis text.

Entries are sorted and stamped with a fixed time so that unchanged content gives a
byte-identical zip.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .htmlparts import split_sections, to_text

FIXED_TIME = (2000, 1, 1, 0, 0, 0)
TEXT_SECTIONS = ("short synopsis", "long synopsis", "director's statement", "technical specifications", "key credits")


def synopsis_text(film_title: str, press_kit_html: str) -> str:
    """The press kit page's text sections, as plain text."""
    html = re.sub(r"<thead>.*?</thead>", "", press_kit_html, flags=re.S)  # column headings add nothing
    _, sections = split_sections(html, TEXT_SECTIONS)
    parts = [film_title.upper(), ""]
    for name in TEXT_SECTIONS:
        if name in sections:
            parts += [name.upper(), to_text(sections[name]), ""]
    return "\n".join(parts)


def write(out: Path, files: dict[str, Path], texts: dict[str, str]) -> None:
    """Write `out` with `files` (name in zip -> file) and `texts` (name in zip -> text)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    entries = {name: path.read_bytes() for name, path in files.items()}
    entries |= {name: text.encode("utf-8") for name, text in texts.items()}
    with zipfile.ZipFile(out, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name])
