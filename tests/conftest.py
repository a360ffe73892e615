"""Shared fixtures. Every test, notebook run and server writes results to a temporary folder,
never to the project's results/, reads the fixture content (tests/fixture_content/), not the
shipped content/, and a page that cannot build raises (see tests/session_env.py)."""

from __future__ import annotations

# Before anything else, and before any nbval kernel or Voila server starts, so they inherit it.
from tests import session_env

session_env.prepare()

from pathlib import Path  # noqa: E402
from typing import Iterator  # noqa: E402

import pytest  # noqa: E402
from playwright.sync_api import Browser  # noqa: E402

from tests.pg_server import PostgresServer  # noqa: E402
from widgets.results import ResultsStore  # noqa: E402
from widgets.results.database import DATABASE_URL_VARIABLE  # noqa: E402
from widgets.settings import RESULTS_DIR_VARIABLE  # noqa: E402

ENGINES = ("sqlite", "postgresql")


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


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One real PostgreSQL server for the whole run, started on first use."""
    server = PostgresServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=ENGINES)
def database_url(request: pytest.FixtureRequest, results_folder: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each engine in turn: the built-in SQLite file, then a fresh PostgreSQL database. Set as
    the installation's setting, so code (and processes) that open the default store use it."""
    if request.param == "sqlite":
        url = f"sqlite:///{results_folder / 'results.sqlite'}"
    else:
        url = request.getfixturevalue("postgres").new_database()
    monkeypatch.setenv(DATABASE_URL_VARIABLE, url)
    return url


@pytest.fixture
def any_store(results_folder: Path, database_url: str) -> ResultsStore:
    """The store on each engine in turn (the store tests run on both)."""
    return ResultsStore(results_folder, database_url)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the whole run: a process can hold one sync Playwright at a time (a second,
    started while the first runs, fails with "Sync API inside the asyncio loop")."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
