"""The settings every test run works under, set in this process's environment before any
nbval kernel or Voila server starts, so they inherit them.

- Results go to a temporary folder, never to the project's results/.
- Content is read from tests/fixture_content/, not the shipped content/, so a trainer's
  ordinary edit to content/ does not change what the behaviour tests see. The content tests
  (tests/content/) name SHIPPED_CONTENT themselves: they are how a broken edit is caught.
- The servers tests start keep one preheated kernel per page, the start page and Module 1
  included (VIW_ROOM_POOL_SIZE=1), not a training room's worth: they start in seconds. Their
  pools refill at once (VIW_POOL_REFILL_SECONDS=0), not after a room has arrived: tests visit
  one page after another and wait for the refill between (the room's setting is measured in
  bench/, and tests/test_server.py checks it reaches Voila).
- A page that cannot build raises (VIW_PAGE_ERRORS=raise) instead of showing the friendly
  panel, so an nbval run of a notebook fails. The Voila servers the browser tests start are
  given the environment without it (tests/browser/voila_server.py): people see the panel.

Called by tests/conftest.py and by notebooks/conftest.py (`pytest notebooks` alone does not
read tests/conftest.py).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from widgets.settings import CONTENT_DIR_VARIABLE, POOL_REFILL_VARIABLE, PROJECT_ROOT, RESULTS_DIR_VARIABLE, ROOM_POOL_VARIABLE
from widgets.ui.page_guard import PAGE_ERRORS_VARIABLE, RAISE

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
    os.environ[PAGE_ERRORS_VARIABLE] = RAISE
    os.environ[ROOM_POOL_VARIABLE] = "1"
    os.environ[POOL_REFILL_VARIABLE] = "0"
    _prepared = True


def server_environment(environment: dict[str, str]) -> dict[str, str]:
    """The environment for a server people use: as the session's, but pages that fail show
    the friendly panel (the real server never raises)."""
    return {name: value for name, value in environment.items() if name != PAGE_ERRORS_VARIABLE}
