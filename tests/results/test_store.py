"""The store: one header, no lost or split rows with many writers, safe after a killed writer,
and spreadsheet formulas neutralised yet restored on reading."""

from __future__ import annotations

import csv
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.builders import quiz_submission
from widgets.results import COLUMNS, ResultsStore, read_results, save_submission
from widgets.settings import PROJECT_ROOT


def read_back(store: ResultsStore):
    return read_results([("results.csv", store.path)])


def test_rows_have_the_documented_columns_in_order(store: ResultsStore) -> None:
    saved = save_submission(quiz_submission(items=3), store)
    with store.path.open(newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(COLUMNS)
    assert rows[0][:16] == [
        "schema_version", "submission_id", "submitted_at", "kind", "instrument", "instrument_version",
        "organisation", "team", "respondent", "role", "item_id", "response", "score", "max_score",
        "evidence", "action",
    ]
    assert len(rows) == 4
    assert {row[1] for row in rows[1:]} == {saved.submission_id}
    assert rows[1][2].endswith("Z") and rows[1][3] == "quiz"


@pytest.mark.parametrize("text", ["=1+1", "+44 7700", "-2", "@SUM(A1)", "\tTAB", "\rCR", "'quoted", "''twice", "=HYPERLINK(\"x\")"])
def test_formula_like_text_is_neutralised_in_the_file_and_restored_on_reading(store: ResultsStore, text: str) -> None:
    save_submission(quiz_submission(respondent=text, items=1, evidence=text), store)
    with store.path.open(newline="") as handle:
        row = list(csv.DictReader(handle))[0]
    assert row["respondent"] == "'" + text and row["evidence"] == "'" + text
    result = read_back(store)
    assert result.rows.loc[0, "respondent"] == text
    assert result.rows.loc[0, "evidence"] == text


def test_free_text_with_commas_quotes_and_line_breaks_round_trips(store: ResultsStore) -> None:
    text = 'She said, "we want a say"\nand then: more'
    save_submission(quiz_submission(items=1, evidence=text, action="Ask, then act"), store)
    rows = read_back(store).rows
    assert rows.loc[0, "evidence"] == text and rows.loc[0, "action"] == "Ask, then act"


def test_a_submission_breaking_the_format_is_refused_with_a_reason(store: ResultsStore) -> None:
    with pytest.raises(ValueError, match="organisation is empty"):
        save_submission(quiz_submission(organisation="  "), store)
    assert not store.path.exists() or store.path.read_text().count("\n") <= 1


def _write_rows(folder: str, writer: int, count: int) -> None:
    store = ResultsStore(Path(folder))
    for number in range(count):
        save_submission(quiz_submission(respondent=f"writer{writer}-row{number}", items=1), store)


def test_eight_processes_writing_200_rows_each_give_1600_rows_and_one_header(store: ResultsStore) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_rows, args=(str(store.folder), w, 200)) for w in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=240)
        assert worker.exitcode == 0
    text = store.path.read_text()
    assert text.count("schema_version,submission_id") == 1
    result = read_back(store)
    assert result.reports[0].rejected == [] and result.reports[0].duplicates == 0
    assert len(result.rows) == 1600
    expected = {f"writer{w}-row{n}" for w in range(8) for n in range(200)}
    assert set(result.rows["respondent"]) == expected


def test_rows_cut_off_by_a_crash_are_moved_aside_and_later_rows_stay_whole(store: ResultsStore) -> None:
    save_submission(quiz_submission(respondent="before", items=2), store)
    good = store.path.read_bytes()
    # A writer dies mid-row, inside a quoted field that holds a line break.
    with store.path.open("ab") as handle:
        handle.write(b'1,0b7c,2026-11-23T10:00:00Z,quiz,lundy,1,Org,Team,Half,role,q1,a,1,1,"started\nbut never')
    result = read_back(store)  # a reader in between sees every complete row
    assert len(result.rows) == 2 and len(result.reports[0].rejected) == 1
    save_submission(quiz_submission(respondent="after", items=2), store)
    result = read_back(store)
    assert result.reports[0].rejected == []
    assert list(result.rows["respondent"]) == ["before", "before", "after", "after"]
    assert store.path.read_bytes().startswith(good)
    [kept] = list(store.folder.glob("results.csv.incomplete-*"))
    assert b"started\nbut never" in kept.read_bytes()


WRITER_SCRIPT = """
import sys
from pathlib import Path
from tests.builders import quiz_submission
from widgets.results import ResultsStore, save_submission
store = ResultsStore(Path(sys.argv[1]))
print("ready", flush=True)
number = 0
while True:
    save_submission(quiz_submission(respondent=f"row{number}", items=5, evidence="x" * 2000), store)
    number += 1
"""


def test_a_writer_killed_while_writing_leaves_every_complete_row_readable(store: ResultsStore) -> None:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    for _ in range(3):
        writer = subprocess.Popen([sys.executable, "-c", WRITER_SCRIPT, str(store.folder)], env=env, stdout=subprocess.PIPE)
        assert writer.stdout is not None and writer.stdout.readline() == b"ready\n"
        time.sleep(0.4)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        save_submission(quiz_submission(respondent="survivor", items=1), store)
    result = read_back(store)
    report = result.reports[0]
    assert report.rejected == [], report.rejected[:3]
    assert (result.rows["respondent"] == "survivor").sum() == 3
    assert len(result.rows) > 3
    assert (result.rows["evidence"].isin(["x" * 2000, ""])).all()


def test_the_version_changes_with_every_append_so_readers_know_to_read_again(store: ResultsStore) -> None:
    assert store.version() is None
    save_submission(quiz_submission(items=1), store)
    first = store.version()
    assert first is not None and first[0] == store.path.stat().st_size
    save_submission(quiz_submission(items=1), store)
    assert store.version() != first
