"""``python -m widgets.results``: import an older installation (results.csv and drafts) so
upgrading loses nothing, and export the database to a results file, on both engines."""

from __future__ import annotations

import io
import json
from pathlib import Path

from tests.aggregate import known_results as known
from widgets.results import ResultsStore, read_results
from widgets.results.__main__ import main
from widgets.results.drafts import DraftStore


def run(arguments: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    return main(arguments, out), out.getvalue()


def older_installation(folder: Path) -> Path:
    """A results folder as the workbook kept it before the database: results.csv and drafts."""
    folder.mkdir()
    (folder / "results.csv").write_bytes(known.csv_bytes(known.store_rows()))
    learner = folder / "drafts" / "learner" / "K7QX-9MZD.json"
    learner.parent.mkdir(parents=True)
    learner.write_text(json.dumps({"learner": {"name": "Siân Llŷr", "organisation": "Org A"},
                                   "modules": {"lundy": {"step": 2, "attempts": [
                                       {"submission_id": "s1", "submitted_at": "2026-11-01T10:00:00Z", "score": 5,
                                        "max_score": 6, "passed": True}]}}, "confidence": {"before": "s0"}}))
    return folder


def test_an_older_installation_is_imported_whole_and_a_second_import_adds_nothing(tmp_path: Path, database_url: str) -> None:
    old = older_installation(tmp_path / "old")
    new = tmp_path / "new"
    code, printed = run(["--results-dir", str(new), "--database", database_url, "import", str(old)])
    assert code == 0, printed
    assert "12 rows added, 0 already stored" in printed and "1 drafts added" in printed
    store = ResultsStore(new, database_url)
    assert len(store.rows()) == 12
    record = DraftStore("learner", store=store).load("K7QX-9MZD")
    assert record is not None and record.data["learner"]["name"] == "Siân Llŷr"
    code, printed = run(["--results-dir", str(new), "--database", database_url, "import", str(old)])
    assert code == 0 and "0 rows added, 12 already stored" in printed and "0 drafts added, 1 already stored" in printed
    assert len(store.rows()) == 12


def test_rejected_rows_and_unreadable_files_are_reported_with_their_exit_status(tmp_path: Path, database_url: str) -> None:
    (tmp_path / "service-c.csv").write_bytes(known.service_c_with_bad_rows())
    (tmp_path / "picture.csv").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    arguments = ["--results-dir", str(tmp_path / "results"), "--database", database_url, "import"]
    code, printed = run([*arguments, str(tmp_path / "service-c.csv")])
    assert code == 3 and "rejected" in printed and "line " in printed
    code, printed = run([*arguments, str(tmp_path / "picture.csv"), str(tmp_path / "missing.csv")])
    assert code == 2 and "not UTF-8" in printed and "missing.csv: not found" in printed


def test_export_writes_every_row_as_a_results_file(tmp_path: Path, database_url: str) -> None:
    store = ResultsStore(known.write_store(tmp_path / "results"), database_url)
    target = tmp_path / "for-the-network.csv"
    code, printed = run(["--results-dir", str(store.folder), "--database", database_url, "export", "--out", str(target)])
    assert code == 0 and "12 rows written" in printed
    exported = read_results([("x", target)])
    assert exported.reports[0].ok and len(exported.rows) == 12


def test_a_store_that_cannot_be_used_is_explained_in_a_sentence(tmp_path: Path) -> None:
    code, printed = run(["--database", "mysql://nowhere/x", "export"])
    assert code == 1 and "must be a sqlite:/// or postgresql:// address" in printed
