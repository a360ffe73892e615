"""Where the workbook finds its content and keeps its results.

Both folders can be moved with environment variables, so a service can keep results on a
shared drive and tests can use a temporary folder. Nothing a person types decides a path.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

RESULTS_DIR_VARIABLE = "VIW_RESULTS_DIR"
CONTENT_DIR_VARIABLE = "VIW_CONTENT_DIR"


def results_dir() -> Path:
    """The folder that holds results.csv and saved drafts (created on first use)."""
    folder = Path(os.environ.get(RESULTS_DIR_VARIABLE) or PROJECT_ROOT / "results")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def content_dir() -> Path:
    """The folder of trainer-editable content files."""
    return Path(os.environ.get(CONTENT_DIR_VARIABLE) or PROJECT_ROOT / "content")


def trainer_notebooks_dir() -> Path:
    """The trainer dashboard: served by its own server, outside the staff server's root."""
    return PROJECT_ROOT / "notebooks" / "trainer"


def staff_notebooks_dir() -> Path:
    """The pages the staff server shows (the trainer dashboard lives elsewhere)."""
    return PROJECT_ROOT / "notebooks" / "staff"
