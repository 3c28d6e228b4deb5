"""Say why Pelican could not read a file.

Pelican logs "Could not process <file>" and keeps the reason for its debug mode. A filter on its
generators' logger runs inside Pelican's except block, so it can read the exception and put the
reason in the message: for a file that is not UTF-8, the byte and its offset.
"""

from __future__ import annotations

import logging
import sys


def reason(error: BaseException) -> str:
    if isinstance(error, UnicodeDecodeError):
        byte = error.object[error.start : error.start + 1].hex()
        return (f"not UTF-8 text: byte 0x{byte} at offset {error.start} cannot be read "
                "(expected UTF-8; save the file as UTF-8)")  # fmt: skip
    text = str(error).strip() or type(error).__name__
    return f"{type(error).__name__}: {text}"


class ExplainReadFailures(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg == "Could not process %s":
            error = sys.exc_info()[1]
            if error is not None:
                record.msg = "Could not process %s: %s"
                record.args = (*record.args, reason(error))
        return True


def install() -> None:
    logger = logging.getLogger("pelican.generators")
    if not any(isinstance(f, ExplainReadFailures) for f in logger.filters):
        logger.addFilter(ExplainReadFailures())
