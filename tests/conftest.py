"""Shared fixtures. Every test, notebook run and server writes results to a temporary folder,
never to the project's results/."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

from tests.pg_server import PostgresServer
from widgets.results import ResultsStore
from widgets.results.database import DATABASE_URL_VARIABLE
from widgets.settings import RESULTS_DIR_VARIABLE

ENGINES = ("sqlite", "postgresql")

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
