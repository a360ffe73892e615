"""The test session's settings (tests/session_env.py) reach everything it runs: unit tests,
the nbval notebook runs (also `pytest notebooks` alone) and, without the raise signal, the
servers the browser tests start."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.session_env import FIXTURE_CONTENT, SHIPPED_CONTENT, server_environment
from widgets.settings import CONTENT_DIR_VARIABLE, PROJECT_ROOT, RESULTS_DIR_VARIABLE, content_dir, results_dir
from widgets.ui.page_guard import PAGE_ERRORS_VARIABLE, RAISE

SETTINGS = (RESULTS_DIR_VARIABLE, CONTENT_DIR_VARIABLE, PAGE_ERRORS_VARIABLE)


def test_the_behaviour_tests_read_the_fixture_content_not_the_shipped_content() -> None:
    assert content_dir() == FIXTURE_CONTENT
    assert FIXTURE_CONTENT.resolve() != SHIPPED_CONTENT.resolve()
    assert os.environ[PAGE_ERRORS_VARIABLE] == RAISE
    assert results_dir().resolve() != (PROJECT_ROOT / "results").resolve()


def test_a_run_of_notebooks_alone_gets_the_same_settings_before_any_kernel_starts() -> None:
    """notebooks/conftest.py: `pytest notebooks` does not read tests/conftest.py."""
    probe = ("import json, os, pytest; "
             "pytest.main(['--collect-only', '-q', '-p', 'no:cacheprovider', 'notebooks/staff/index.ipynb']); "
             f"print(json.dumps({{name: os.environ.get(name) for name in {SETTINGS!r}}}))")
    env = {name: value for name, value in os.environ.items() if name not in SETTINGS}
    run = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=True)
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen[CONTENT_DIR_VARIABLE] == str(FIXTURE_CONTENT) and seen[PAGE_ERRORS_VARIABLE] == RAISE
    assert seen[RESULTS_DIR_VARIABLE] and "viw-test-results-" in seen[RESULTS_DIR_VARIABLE]


def test_servers_people_use_get_the_settings_but_never_the_raise_signal() -> None:
    given = server_environment(dict(os.environ))
    assert given[CONTENT_DIR_VARIABLE] == str(FIXTURE_CONTENT)
    assert PAGE_ERRORS_VARIABLE not in given
