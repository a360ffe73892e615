"""Shared fixtures. Every test, notebook run and server writes results to a temporary folder,
never to the project's results/."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from widgets.results import ResultsStore
from widgets.settings import RESULTS_DIR_VARIABLE

# Set before any nbval kernel or Voila server starts, so they inherit it.
os.environ[RESULTS_DIR_VARIABLE] = tempfile.mkdtemp(prefix="viw-test-results-")


@pytest.fixture
def results_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh results folder that the code under test uses by default."""
    folder = tmp_path / "results"
    folder.mkdir()
    monkeypatch.setenv(RESULTS_DIR_VARIABLE, str(folder))
    return folder


@pytest.fixture
def store(results_folder: Path) -> ResultsStore:
    return ResultsStore(results_folder)
