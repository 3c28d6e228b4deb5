"""Refresh the theme's catalogs after changing its words:

    .venv/bin/python theme/translations/update.py

extracts every word of the templates and feed titles into messages.pot (theme/babel.cfg) and
merges it into each language's messages.po: new words arrive untranslated (shown in English until
translated), changed ones fuzzy. Then translate the empty msgstr lines of each messages.po.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PYBABEL = str(Path(sys.executable).with_name("pybabel"))

subprocess.run(
    [
        PYBABEL,
        "extract",
        "-F",
        str(ROOT / "theme" / "babel.cfg"),
        "-k",
        "_",
        "-k",
        "gettext",
        "-k",
        "ngettext:1,2",
        "--no-location",
        "--sort-output",
        "--omit-header",
        "-o",
        str(HERE / "messages.pot"),
        str(ROOT),
    ],
    check=True,
)
for po in sorted(HERE.glob("*/LC_MESSAGES/messages.po")):
    subprocess.run(
        [
            PYBABEL,
            "update",
            "-i",
            str(HERE / "messages.pot"),
            "-o",
            str(po),
            "-l",
            po.parent.parent.name,
            "--no-location",
            "--omit-header",
            "--width",
            "100",
        ],
        check=True,
    )
