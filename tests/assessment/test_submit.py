"""Submitting a self-assessment: stored once per draft, compared with last round only when the
person has last round's code (never because they typed an organisation's name), by indexed
lookups without reading the whole store."""

from __future__ import annotations

import pytest

from tests.assessment.helpers import small_instrument
from tests.assessment.test_model import filled
from widgets.assessment.drafts import Autosave
from widgets.assessment.model import Assessment
from widgets.assessment.previous_round import NO_CODE
from widgets.assessment.report_html import report_html
from widgets.assessment.submit import Submitted, submit
from widgets.errors import Refused
from widgets.results import ResultsStore
from widgets.results.drafts import DraftStore


def submitted_round(store: ResultsStore, assessment: Assessment | None = None) -> tuple[Autosave, Submitted]:
    """One round as the page makes it: a draft saved as the person goes, then submitted."""
    autosave = Autosave(small_instrument(), DraftStore("assessment", store=store))
    assessment = assessment or filled()
    code = autosave.save(assessment)
    return autosave, submit(assessment, store, draft=code)


def test_typing_an_organisation_s_name_shows_none_of_its_earlier_scores(store: ResultsStore) -> None:
    submitted_round(store)
    stranger = filled()  # anyone at all, typing the same organisation's name
    report = submit(stranger, store).report
    assert report.previous is None and report.comparison_note == NO_CODE
    assert "Not compared with an earlier round" in report_html(report)


def test_a_new_round_started_from_last_round_s_report_is_compared_with_it(store: ResultsStore) -> None:
    autosave, first = submitted_round(store)
    autosave_code_before = autosave.code
    later = filled()
    later.set_detail("organisation", "NORTH  iv ")  # the same organisation, typed differently
    later.set_answer("c", "rating", 3)
    code = autosave.new_round(later)
    assert later.previous_round == autosave_code_before  # carried over from the submitted round
    second = submit(later, store, draft=code)
    assert second.report.previous is not None and second.report.previous.submission_id == first.saved.submission_id


def test_last_round_s_code_typed_in_compares_only_the_same_self_assessment_of_the_same_organisation(store: ResultsStore) -> None:
    autosave, first = submitted_round(store)
    assert autosave.code is not None
    same = filled()
    same.set_previous_round(autosave.code.lower().replace("-", " "))  # typed as people type codes
    assert submit(same, store).report.previous is not None
    elsewhere = filled()
    elsewhere.set_detail("organisation", "South IV")
    elsewhere.set_previous_round(autosave.code)
    report = submit(elsewhere, store).report
    assert report.previous is None and "another organisation" in report.comparison_note


def test_a_code_that_was_never_submitted_compares_with_nothing_and_says_so(store: ResultsStore) -> None:
    store.create_draft("assessment", "K7QX-9MZD", {})
    assessment = filled()
    assessment.set_previous_round("K7QX-9MZD")
    report = submit(assessment, store).report
    assert report.previous is None and "not a submitted self-assessment" in report.comparison_note
    with pytest.raises(Refused, match="codes are 8 letters"):
        assessment.set_previous_round("North IV")


def test_submitting_never_reads_the_whole_store(store: ResultsStore, monkeypatch: pytest.MonkeyPatch) -> None:
    autosave, _ = submitted_round(store)
    later = filled()
    later.set_previous_round(autosave.code or "")

    def whole_store(*_: object, **__: object) -> None:
        raise AssertionError("a staff kernel read every stored row")

    monkeypatch.setattr("widgets.results.bulk_read.read_all", whole_store)
    monkeypatch.setattr(ResultsStore, "rows", whole_store)
    assert submit(later, store).report.previous is not None


def test_a_draft_submitted_again_gives_back_the_first_submission(store: ResultsStore) -> None:
    store.create_draft("assessment", "K7QX-9MZD", {})
    first = submit(filled(), store, draft="K7QX-9MZD")
    again = submit(filled(), store, draft="K7QX-9MZD")
    assert again.saved.earlier and again.saved.submission_id == first.saved.submission_id
    assert len(store.rows()) == len(first.saved.rows)
