"""One submission on its own as a results file: the same bytes the store wrote for it."""

from __future__ import annotations

from tests.builders import quiz_submission
from widgets.results import ResultsStore, read_results, save_submission, submission_csv


def test_one_submission_downloads_as_exactly_the_stores_rows(store: ResultsStore) -> None:
    save_submission(quiz_submission("Other"), store)
    saved = save_submission(quiz_submission("Sam", evidence="=SUM(A1)"), store)
    data = submission_csv(saved)
    header, *stored = store.path.read_bytes().split(b"\r\n")
    assert data.split(b"\r\n") == [header, *stored[2:]]  # header, then only this submission's rows
    rows = read_results([("one.csv", data)]).rows
    assert rows["submission_id"].tolist() == [saved.submission_id] * 2
    assert rows["evidence"].tolist() == ["=SUM(A1)"] * 2  # neutralised in the file, restored on reading
    assert b"'=SUM(A1)" in data
