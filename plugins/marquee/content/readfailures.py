"""Say why Pelican could not read a file.

Pelican logs "Could not process <file>" and keeps the reason for its debug mode. A filter on its
generators' logger runs inside Pelican's except block, so it can read the exception and put the
reason in the message: for a file that is not UTF-8, the byte and its offset.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

_BAD_DATE = re.compile(r"'(.*)' is not a valid date")


def reason(error: BaseException, source: Path | None = None) -> str:
    if isinstance(error, UnicodeDecodeError):
        byte = error.object[error.start : error.start + 1].hex()
        return (
            f"not UTF-8 text: byte 0x{byte} at offset {error.start} cannot be read "
            "(expected UTF-8; save the file as UTF-8)"
        )
    text = str(error).strip() or type(error).__name__
    bad_date = _BAD_DATE.search(text)
    if bad_date:  # Pelican's own Date/Modified parser: say which field
        return f'{_date_field(source, bad_date[1])}: "{bad_date[1]}" is not a date (expected YYYY-MM-DD or YYYY-MM-DD HH:MM)'
    return f"{type(error).__name__}: {text}"


def _date_field(source: Path | None, value: str) -> str:
    try:
        for line in source.read_text(encoding="utf-8").splitlines():
            name, _, rest = line.partition(":")
            if name.strip().lower() in ("date", "modified") and rest.strip() == value:
                return name.strip().title()
    except (AttributeError, OSError, UnicodeDecodeError):
        pass
    return "Date"


class ExplainReadFailures(logging.Filter):
    def __init__(self, content_path: Path):
        super().__init__()
        self.content_path = content_path

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg == "Could not process %s":
            error = sys.exc_info()[1]
            if error is not None:
                record.msg = "Could not process %s: %s"
                record.args = (*record.args, reason(error, self.content_path / str(record.args[0])))
        return True


def install(pelican) -> None:
    """One filter, for this build's content folder (connected to initialized)."""
    logger = logging.getLogger("pelican.generators")
    for old in [f for f in logger.filters if isinstance(f, ExplainReadFailures)]:
        logger.removeFilter(old)
    logger.addFilter(ExplainReadFailures(Path(pelican.settings["PATH"])))
