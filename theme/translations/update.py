"""Refresh the theme's catalogs after changing its words:

    .venv/bin/python theme/translations/update.py

extracts every word of the templates and feed titles into messages.pot (theme/babel.cfg) and
merges it into each language's messages.po: new words arrive untranslated (shown in English until
translated), changed ones fuzzy. Then translate the empty msgstr lines of each messages.po.
"""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

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
        "-k",
        "N_",
        "-k",
        "pgettext:1c,2",
        "--no-location",
        "--sort-output",
        "--omit-header",
        "-o",
        str(HERE / "messages.pot"),
        str(ROOT),
    ],
    check=True,
)
# Merged with Babel's API, not `pybabel update`: that keeps each catalog's header (its plural
# forms) and writes no locations, as the template has none.
for po in sorted(HERE.glob("*/LC_MESSAGES/messages.po")):
    with po.open("rb") as file:
        catalog = read_po(file, locale=po.parent.parent.name)
    with (HERE / "messages.pot").open("rb") as file:
        catalog.update(read_po(file), no_fuzzy_matching=True)
    catalog.obsolete.clear()
    with po.open("wb") as file:
        write_po(file, catalog, width=100, no_location=True, sort_output=True)
