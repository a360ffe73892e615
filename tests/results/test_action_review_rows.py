"""Last round's actions reviewed in a self-assessment: rows of kind action_review inside its
submission, on both engines, through the CSV and back, and held to the format like every row."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.builders import result_row
from widgets.errors import Refused
from widgets.results import ResultsStore, read_results, submission_csv
from widgets.results.submission import ItemResponse, Submission

NOTE = "Printed 500 and left them in every waiting room. " * 100  # 5,000 characters, kept whole


def with_reviews() -> Submission:
    return Submission("assessment", "iv", "1", "Org A", "Team 1", "Mo", "Manager", (
        ItemResponse("iv-leaflets", "3", 3, 3),
        ItemResponse("action-review.iv-leaflets", "done", evidence=NOTE, action="Print leaflets", action_owner="Ann",
                     action_due="2025-06-01", kind="action_review"),
        ItemResponse("action-review.iv-voice", "", action="Hold a panel", action_owner="Bo", kind="action_review"),
    ))


def test_reviews_are_rows_of_their_kind_in_the_self_assessment_s_submission(any_store: ResultsStore, tmp_path: Path) -> None:
    saved = any_store.save(with_reviews())
    assert [(r["kind"], r["item_id"], r["response"]) for r in saved.rows] == [
        ("assessment", "iv-leaflets", "3"), ("action_review", "action-review.iv-leaflets", "done"),
        ("action_review", "action-review.iv-voice", "")]
    assert {r["submission_id"] for r in saved.rows} == {saved.submission_id}
    assert saved.rows[1]["evidence"] == NOTE and saved.rows[1]["action_due"] == "2025-06-01"
    # The submission is a self-assessment: the next round finds it as its previous one.
    found = any_store.previous("assessment", "iv", "org a", before="2999-01-01T00:00:00Z", team="team 1")
    assert found is not None and found.submission_id == saved.submission_id and len(found.rows) == 3
    # Through the CSV and into another store, whole.
    loaded = read_results([("sent.csv", submission_csv(saved))], typed=False)
    assert loaded.reports[0].ok and loaded.rows["kind"].tolist() == ["assessment", "action_review", "action_review"]
    other = ResultsStore(tmp_path / "other", f"sqlite:///{tmp_path / 'other.sqlite'}")
    assert other.import_rows(loaded.rows, origin="test").added == 3
    again = other.previous("assessment", "iv", "Org A", before="2999-01-01T00:00:00Z", team="Team 1")
    assert again is not None and [r["evidence"] for r in again.rows] == ["", NOTE, ""]


def test_a_file_listing_reviews_first_is_still_a_self_assessment(store: ResultsStore, tmp_path: Path) -> None:
    rows = [dict(r) for r in store.save(with_reviews()).rows]
    other = ResultsStore(tmp_path / "other", f"sqlite:///{tmp_path / 'other.sqlite'}")
    other.import_rows([rows[2], rows[0], rows[1]], origin="test")
    assert other.previous("assessment", "iv", "Org A", before="2999-01-01T00:00:00Z", team="Team 1") is not None


def test_a_review_that_breaks_the_format_is_refused_by_store_and_reader(store: ResultsStore) -> None:
    wrong = Submission("assessment", "iv", "1", "Org A", "", "Mo", "", (
        ItemResponse("iv-leaflets", "3", 3, 3), ItemResponse("action-review.iv-voice", "finished", kind="action_review")))
    with pytest.raises(Refused, match="an action's status must be done, partly, not-started, no-longer-needed or empty"):
        store.save(wrong)
    quiz = Submission("quiz", "lundy", "1", "Org A", "", "Mo", "", (ItemResponse("action-review.q1", "done", kind="action_review"),))
    with pytest.raises(Refused, match="cannot be part of a quiz submission"):
        store.save(quiz)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(result_row()))
    writer.writeheader()
    writer.writerows([result_row(kind="action_review", item_id="action-review.iv-voice", response="finished", score="", max_score=""),
                      result_row(kind="action_review", item_id="iv-voice", response="done", score="", max_score=""),
                      result_row(kind="action_review", item_id="action-review.iv-voice", response="partly", score="", max_score="")])
    report = read_results([("sent.csv", buffer.getvalue().encode())]).reports[0]
    assert report.rejected == [(2, "an action's status must be done, partly, not-started, no-longer-needed or empty"),
                               (3, "an action_review row's item_id must start with action-review.")]
    assert report.accepted == 1


def test_the_results_service_takes_an_item_s_kind_from_the_page() -> None:
    from widgets.results_service.api import _items  # what the service makes of the items a page posts

    items = _items([{"item_id": "iv-leaflets", "response": "3", "score": 3, "max_score": 3},
                    {"item_id": "action-review.iv-leaflets", "response": "done", "action": "Print leaflets", "kind": "action_review"}])
    assert [(i.item_id, i.kind) for i in items] == [("iv-leaflets", ""), ("action-review.iv-leaflets", "action_review")]
