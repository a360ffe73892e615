"""results.csv beside the SQLite database: in step after every commit, rebuilt when missing or
cut short, and never harmed by, or read from, a copy someone opened and saved in Excel."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Iterator

import pytest

from tests.builders import quiz_submission, result_row
from widgets.results import COLUMNS, ResultsStore, read_results, save_submission


def in_csv(store: ResultsStore) -> list[dict[str, str]]:
    result = read_results([("results.csv", store.path)])
    assert result.reports[0].ok, result.reports[0].summary()
    return result.rows.astype(str).to_dict("records")


def keys(rows: list[dict[str, str]]) -> list[tuple[str, str]]:
    return [(row["submission_id"], row["item_id"]) for row in rows]


def test_results_csv_follows_every_commit_in_order(store: ResultsStore) -> None:
    assert not store.path.exists()  # nothing stored, no file
    ids = [save_submission(quiz_submission(respondent=f"p{n}", items=2), store).submission_id for n in range(3)]
    assert [k[0] for k in keys(in_csv(store))] == [i for i in ids for _ in range(2)]
    assert store.path.read_bytes().count(b"schema_version,submission_id") == 1


def test_a_missing_results_csv_is_rebuilt_with_every_row(store: ResultsStore) -> None:
    save_submission(quiz_submission(items=2), store)
    store.path.unlink()
    save_submission(quiz_submission(items=2), store)
    assert len(in_csv(store)) == 4 and not list(store.folder.glob("results.csv.edited-*"))


def test_a_results_csv_cut_short_by_a_crash_is_completed_without_an_edited_copy(store: ResultsStore) -> None:
    save_submission(quiz_submission(items=2), store)
    data = store.path.read_bytes()
    save_submission(quiz_submission(items=2), store)
    store.path.write_bytes(store.path.read_bytes()[: len(data) + 40])  # the append was cut off mid-row
    assert store.sync_csv() is None
    assert len(in_csv(store)) == 4 and not list(store.folder.glob("results.csv.edited-*"))


def excel_save(path: Path) -> bytes:
    """What Excel does to a CSV it opens and saves: a byte-order mark, CRLF, the columns in
    another order, and here a row typed in by hand."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    order = ["team", "organisation"] + [c for c in COLUMNS if c not in ("team", "organisation")]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=order, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows + [result_row(respondent="Typed in by hand", organisation="Org Typed")])
    data = "\ufeff".encode() + buffer.getvalue().encode("utf-8")
    path.write_bytes(data)
    return data


def test_a_results_csv_saved_in_excel_is_kept_aside_and_rebuilt_and_the_database_is_unharmed(store: ResultsStore) -> None:
    first = [save_submission(quiz_submission(respondent=f"Siân {n}", organisation="North IV", items=2), store)
             for n in range(2)]
    edited = excel_save(store.path)
    later = save_submission(quiz_submission(respondent="after Excel", organisation="North IV", items=2), store)
    [kept] = list(store.folder.glob("results.csv.edited-*"))
    assert kept.read_bytes() == edited  # the edited copy, exactly as saved
    rows = in_csv(store)
    assert keys(rows) == keys([r for saved in (*first, later) for r in saved.rows])
    assert {(r["organisation"], r["team"]) for r in rows} == {("North IV", "Team 1")}  # never swapped
    assert "Typed in by hand" not in {r["respondent"] for r in rows}  # the typed row is not read as results
    assert len(store.rows()) == 6
    [notice] = store.notices()
    assert kept.name in notice and "changed outside the workbook" in notice
    save_submission(quiz_submission(items=1), store)
    assert len(in_csv(store)) == 7 and len(list(store.folder.glob("results.csv.edited-*"))) == 1


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o7777


def test_a_private_folder_keeps_the_database_and_results_csv_private(tmp_path: Path) -> None:
    tmp_path.chmod(0o700)
    store = ResultsStore(tmp_path)
    save_submission(quiz_submission(items=1), store)
    store.create_draft("learner", "K7QX-9MZD", {"learner.name": "x"})
    files = [tmp_path / name for name in ("results.sqlite", "results.sqlite-wal", "results.sqlite-shm", "results.csv")]
    assert {path.name: mode(path) for path in files} == {path.name: 0o600 for path in files}


@pytest.fixture
def read_only_copy(tmp_path: Path) -> Iterator[Path]:
    """A copy of a results folder, copied while its server ran (its -wal holds the newest rows),
    on a read-only mount: a trainer's laptop copy or a read-only share. Not even root may write."""
    original = tmp_path / "results"
    save_submission(quiz_submission(items=2), ResultsStore(original))
    copy, mounted = tmp_path / "copy", tmp_path / "read-only"
    copy.mkdir()
    mounted.mkdir()
    for file in original.iterdir():
        shutil.copy(file, copy / file.name)
    if subprocess.run(["mount", "--bind", str(copy), str(mounted)], capture_output=True).returncode:
        pytest.skip("a read-only mount cannot be made here")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(mounted)], check=True, capture_output=True)
        yield mounted
    finally:
        subprocess.run(["umount", "-l", str(mounted)], check=False)


def test_a_read_only_copy_of_the_results_opens_for_reading(read_only_copy: Path) -> None:
    files = sorted(p.name for p in read_only_copy.iterdir())
    assert "results.sqlite-wal" in files
    store = ResultsStore(read_only_copy)
    assert store.database.read_only
    assert len(store.rows()) == 2 and store.version() is not None
    assert store.previous("quiz", "lundy", "Org A", "2100") is not None
    with pytest.raises(ValueError):
        save_submission(quiz_submission(items=1), store)
    assert sorted(p.name for p in read_only_copy.iterdir()) == files  # nothing written


def test_a_consistent_copy_for_a_laptop_opens_on_its_own(store: ResultsStore, tmp_path: Path) -> None:
    from widgets.results.__main__ import main

    save_submission(quiz_submission(items=2), store)
    laptop = tmp_path / "laptop"
    laptop.mkdir()
    out = io.StringIO()
    assert main(["--results-dir", str(store.folder), "copy", "--out", str(laptop / "results.sqlite")], out) == 0
    assert len(ResultsStore(laptop).rows()) == 2
    assert main(["--results-dir", str(store.folder), "copy", "--out", str(laptop / "results.sqlite")], out) == 1  # never overwritten


def test_a_results_folder_from_before_the_database_is_moved_in_once_when_the_server_starts(tmp_path: Path) -> None:
    from tests.aggregate import known_results as known
    from widgets.results.importer import upgrade

    folder = tmp_path / "results"
    folder.mkdir()
    (folder / "results.csv").write_bytes(known.csv_bytes(known.store_rows()))
    (folder / ".results.csv.complete-bytes").write_text("123")
    out = io.StringIO()
    assert upgrade(ResultsStore(folder), out) == 0
    assert "12 rows added" in out.getvalue()
    store = ResultsStore(folder)
    assert len(store.rows()) == 12 and len(in_csv(store)) == 12 and store.notices() == []
    assert upgrade(store, io.StringIO()) is None  # once only
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    assert upgrade(ResultsStore(fresh), io.StringIO()) is None and list(fresh.iterdir()) == []  # nothing to upgrade, nothing made


def test_a_writer_waiting_too_long_for_its_turn_is_told_it_was_not_saved_and_the_retry_works(store: ResultsStore, monkeypatch: pytest.MonkeyPatch) -> None:
    import fcntl

    from widgets.results import StoreError

    save_submission(quiz_submission(items=1), store)
    monkeypatch.setattr("widgets.results.database.BUSY_TIMEOUT_SECONDS", 0.3)
    holder = os.open(store.folder / "results.sqlite-writers", os.O_RDONLY)  # another server, stuck mid-write
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        with pytest.raises(StoreError, match="busy or cannot be written to"):
            save_submission(quiz_submission(items=1), store, submission_id="0b7c3f4e-1d2a-4b5c-8d9e-0f1a2b3c4d5e")
    finally:
        os.close(holder)
    save_submission(quiz_submission(items=1), store, submission_id="0b7c3f4e-1d2a-4b5c-8d9e-0f1a2b3c4d5e")
    assert len(store.rows()) == 2
