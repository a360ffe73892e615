"""The settings every test run works under, set in this process's environment before any
nbval kernel or Voila server starts, so they inherit them.

- Results go to a temporary folder, never to the project's results/.
- Content is read from tests/fixture_content/, not the shipped content/, so a trainer's
  ordinary edit to content/ does not change what the behaviour tests see. The content tests
  (tests/content/) name SHIPPED_CONTENT themselves: they are how a broken edit is caught.

Called by tests/conftest.py and by notebooks/conftest.py (`pytest notebooks` alone does not
read tests/conftest.py).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from widgets.settings import CONTENT_DIR_VARIABLE, PROJECT_ROOT, RESULTS_DIR_VARIABLE

FIXTURE_CONTENT = Path(__file__).resolve().parent / "fixture_content"
SHIPPED_CONTENT = PROJECT_ROOT / "content"

_prepared = False


def prepare() -> None:
    """Set the session's environment (once per process)."""
    global _prepared
    if _prepared:
        return
    os.environ[RESULTS_DIR_VARIABLE] = tempfile.mkdtemp(prefix="viw-test-results-")
    os.environ[CONTENT_DIR_VARIABLE] = str(FIXTURE_CONTENT)
    _prepared = True

