"""The notebook tests (nbval) fail when a page cannot build, and people still see the panel.

A notebook whose content folder has a broken file (the likeliest failure: a trainer's edit) is
run as pytest runs notebooks/ (pyproject's --nbval-lax --nbval-current-env). With the test
session's VIW_PAGE_ERRORS=raise the cell raises and the run fails; without it, as on a real
server, the page shows the friendly panel and nbval alone would see nothing wrong."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.session_env import FIXTURE_CONTENT
from widgets.settings import CONTENT_DIR_VARIABLE, PROJECT_ROOT, RESULTS_DIR_VARIABLE
from widgets.ui.page_guard import PAGE_ERRORS_VARIABLE, RAISE

NOTEBOOK = PROJECT_ROOT / "notebooks" / "staff" / "02_lundy.ipynb"
PROBLEM = "content/quizzes/lundy.yaml: line 3: the file could not be read"
COLOURS = re.compile(r"\x1b\[[0-9;]*m")  # nbval prints the cell's traceback in colour


@pytest.fixture
def broken_content(tmp_path: Path) -> Path:
    """The fixture content with an unreadable quiz file, as a slip in an editor leaves it."""
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, folder)
    (folder / "quizzes" / "lundy.yaml").write_text("id: lundy\nitems: [unclosed\n", encoding="utf-8")
    return folder


def run_nbval(content: Path, results: Path, page_errors: str | None) -> subprocess.CompletedProcess[str]:
    """pytest on one notebook with pyproject's nbval options. --noconftest: the kernel gets
    exactly this environment (the conftests would set the session's own)."""
    env = {**os.environ, CONTENT_DIR_VARIABLE: str(content), RESULTS_DIR_VARIABLE: str(results), "PYTHONPATH": str(PROJECT_ROOT)}
    env.pop(PAGE_ERRORS_VARIABLE, None)
    if page_errors is not None:
        env[PAGE_ERRORS_VARIABLE] = page_errors
    command = [sys.executable, "-m", "pytest", "--noconftest", "-p", "no:cacheprovider", "-q", str(NOTEBOOK)]
    run = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300)
    run.stdout = COLOURS.sub("", run.stdout)
    return run


def test_nbval_fails_a_notebook_whose_page_cannot_build(broken_content: Path, tmp_path: Path) -> None:
    run = run_nbval(broken_content, tmp_path / "results", page_errors=RAISE)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "1 failed" in run.stdout and "ContentError" in run.stdout and PROBLEM in run.stdout


def test_without_the_signal_nbval_cannot_tell(broken_content: Path, tmp_path: Path) -> None:
    """Why the signal exists: the panel is a successful cell, so the same run passes."""
    run = run_nbval(broken_content, tmp_path / "results", page_errors=None)
    assert run.returncode == 0, run.stdout + run.stderr


def test_without_the_signal_the_page_shows_the_panel_and_no_traceback(
    broken_content: Path, results_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CONTENT_DIR_VARIABLE, str(broken_content))
    monkeypatch.delenv(PAGE_ERRORS_VARIABLE)  # the kernel inherits this process's environment
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert [output.output_type for output in outputs] == ["execute_result"]  # no error, no traceback
    state = notebook.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    shown = state[outputs[0].data["application/vnd.jupyter.widget-view+json"]["model_id"]]["state"]
    assert "viw-page-error" in shown["_dom_classes"]
    texts = " ".join(state[child.removeprefix("IPY_MODEL_")]["state"].get("value", "") for child in shown["children"])
    assert "This page cannot open yet" in texts and PROBLEM in texts and "Traceback" not in json.dumps(state)
