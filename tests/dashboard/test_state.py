"""What the dashboard knows about its own freshness: a preheated page built before anyone
asked must notice rows saved since, and re-read them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.aggregate import known_results as known
from tests.dashboard.test_page import find
from widgets.dashboard.page import dashboard_page
from widgets.dashboard.state import DashboardState
from widgets.dashboard.viewer import EVERYONE, Viewer
from widgets.results import ResultsStore

LATE = known.late_attempt()


def test_rows_saved_after_reading_mark_the_store_changed_until_read_again(tmp_path: Path) -> None:
    store = ResultsStore(known.write_store(tmp_path / "results"))
    state = DashboardState(store, known.content(tmp_path))
    assert state.read_at is None
    state.load()
    assert not state.store_changed() and state.read_at is not None
    store.import_rows(LATE, origin="late")
    assert state.store_changed()
    state.load()
    assert not state.store_changed()
    assert "Org Late" in set(state.report.summaries["completion"].table["organisation"])


def test_an_empty_store_is_unchanged_until_its_first_row(tmp_path: Path) -> None:
    store = ResultsStore(tmp_path / "results")
    state = DashboardState(store, known.content(tmp_path))
    state.load()
    assert not state.store_changed()
    store.import_rows(LATE, origin="late")
    assert state.store_changed()


def test_a_manager_is_not_told_of_other_organisations_rows_or_the_trainers_files(tmp_path: Path) -> None:
    store = ResultsStore(known.write_store(tmp_path / "results"))
    manager = DashboardState(store, known.content(tmp_path), Viewer("mo", frozenset({"Org B"})))
    manager.load()
    store.import_rows(LATE, origin="late")  # Org Late's rows
    DashboardState(store, known.content(tmp_path), EVERYONE).add_uploads(known.uploads(), "Tina")
    assert not manager.store_changed()


def test_the_page_says_when_it_read_the_local_store(tmp_path: Path) -> None:
    page = dashboard_page(known.write_store(tmp_path / "results"), known.content(tmp_path))
    assert "The results database was read at " in find(page, "viw-validation").value


def test_a_preheated_page_reads_rows_saved_while_it_waited_for_the_trainer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = known.write_store(tmp_path / "results")
    # While the preheated kernel waits for a visitor, someone finishes a quiz.
    monkeypatch.setattr("widgets.dashboard.page.wait_for_visitor", lambda: ResultsStore(folder).import_rows(LATE, origin="late"))
    page = dashboard_page(folder, known.content(tmp_path))
    assert "Org Late" in find(find(page, "viw-summary-completion"), "viw-summary-table").value
    assert "are in every view now" in find(page, "viw-status").value


def test_an_unchanged_store_is_not_read_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[int] = []
    original = DashboardState.load
    monkeypatch.setattr(DashboardState, "load", lambda self: (reads.append(1), original(self))[1])
    page = dashboard_page(known.write_store(tmp_path / "results"), known.content(tmp_path))
    assert len(reads) == 1 and find(page, "viw-status").value == ""


def test_a_results_csv_edited_outside_the_workbook_is_reported_on_the_sources_view(tmp_path: Path) -> None:
    folder = known.write_store(tmp_path / "results")
    (folder / "results.csv").write_bytes("\ufeff".encode() + (folder / "results.csv").read_bytes().replace(b"\r\n", b"\n"))
    page = dashboard_page(folder, known.content(tmp_path))
    sources = find(page, "viw-validation").value
    assert "Notes from the results store" in sources and "results.csv.edited-" in sources
    assert "changed outside the workbook" in sources


def test_files_another_trainer_added_since_reading_mark_it_changed(tmp_path: Path) -> None:
    folder = known.write_store(tmp_path / "results")
    waiting = DashboardState(ResultsStore(folder), known.content(tmp_path))  # a preheated page, built earlier
    waiting.load()
    other = DashboardState(ResultsStore(folder), known.content(tmp_path))
    other.add_uploads(known.uploads()[:1], "Bo Trainer")
    assert waiting.store_changed()
    waiting.load()
    assert not waiting.store_changed() and "upload: service-b.csv" in {r.name for r in waiting.loaded.reports}
