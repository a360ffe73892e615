"""Submitting a self-assessment: stored once per draft, compared with the organisation's
previous submission, found by an indexed lookup without reading the whole store."""

from __future__ import annotations

import pytest

from tests.assessment.test_model import filled
from widgets.assessment.submit import submit
from widgets.results import ResultsStore


def test_the_report_compares_with_the_organisations_previous_submission(store: ResultsStore) -> None:
    first = submit(filled(), store)
    assert first.report.previous is None
    later = filled()
    later.set_detail("organisation", "NORTH  iv ")  # the same organisation, typed differently
    later.set_answer("c", "rating", 3)
    second = submit(later, store)
    assert second.report.previous is not None and second.report.previous.submission_id == first.saved.submission_id


def test_submitting_never_reads_the_whole_store(store: ResultsStore, monkeypatch: pytest.MonkeyPatch) -> None:
    submit(filled(), store)

    def whole_store(*_: object, **__: object) -> None:
        raise AssertionError("a staff kernel read every stored row")

    monkeypatch.setattr("widgets.results.bulk_read.read_all", whole_store)
    monkeypatch.setattr(ResultsStore, "rows", whole_store)
    assert submit(filled(), store).report.previous is not None


def test_a_draft_submitted_again_gives_back_the_first_submission(store: ResultsStore) -> None:
    store.create_draft("assessment", "K7QX-9MZD", {})
    first = submit(filled(), store, draft="K7QX-9MZD")
    again = submit(filled(), store, draft="K7QX-9MZD")
    assert again.saved.earlier and again.saved.submission_id == first.saved.submission_id
    assert len(store.rows()) == len(first.saved.rows)
