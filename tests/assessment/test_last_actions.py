"""Reporting on last round's actions in the model: what is allowed, what a draft keeps, and the
rows a submission gets (one per action listed, answered or not)."""

from __future__ import annotations

import pytest

from tests.assessment.helpers import small_instrument
from widgets.assessment.last_actions import PreviousAction, actions_of
from widgets.assessment.model import MAX_TEXT, Assessment
from widgets.errors import Refused

LEAFLETS = PreviousAction("a", "Item A", "Print leaflets", "Ann", "2025-06-01")
PANEL = PreviousAction("c", "Item C", "Hold a children's panel", "Bo", "")


def filled() -> Assessment:
    assessment = Assessment(small_instrument())
    assessment.set_detail("organisation", "North IV")
    assessment.set_detail("respondent", "Mo")
    assessment.set_answer("a", "rating", 2)
    assessment.last_actions = (LEAFLETS, PANEL)
    return assessment


def test_the_actions_of_a_stored_round_in_item_order_without_its_own_reviews() -> None:
    rows = [{"kind": "assessment", "item_id": "c", "action": "Hold a children's panel", "action_owner": "Bo", "action_due": ""},
            {"kind": "assessment", "item_id": "b", "action": "  ", "action_owner": "", "action_due": ""},
            {"kind": "assessment", "item_id": "a", "action": "Print leaflets", "action_owner": "Ann", "action_due": "2025-06-01"},
            {"kind": "action_review", "item_id": "action-review.d", "action": "Older one", "action_owner": "", "action_due": ""}]
    assert actions_of(small_instrument(), rows) == (LEAFLETS, PANEL)


def test_a_status_and_a_note_per_action_and_only_what_is_allowed() -> None:
    assessment = filled()
    assessment.set_review("a", "status", "done")
    assessment.set_review("a", "note", "Printed 500")
    assessment.set_review("c", "status", "partly")
    assessment.set_review("c", "status", "")  # taken back: not reported
    assert (assessment.review("a").status, assessment.review("a").note, assessment.review("c").status) == ("done", "Printed 500", "")
    assert assessment.reviews_given() == 1
    with pytest.raises(Refused, match="'finished' is not one of the choices"):
        assessment.set_review("a", "status", "finished")
    with pytest.raises(Refused, match="not one of last round's actions"):
        assessment.set_review("b", "status", "done")
    long_note = "x" * (MAX_TEXT + 1)
    with pytest.raises(Refused, match=r"The note on \u201cPrint leaflets\u201d is 5,001 characters long"):
        assessment.set_review("a", "note", long_note)
    assert assessment.review("a").note == "Printed 500"  # the last note that fitted is kept, nothing cut
    assessment.set_review("a", "note", "y" * MAX_TEXT)
    assert len(assessment.review("a").note) == MAX_TEXT


def test_a_draft_keeps_the_reports_and_a_changed_round_does_not_take_them_over() -> None:
    assessment = filled()
    assessment.set_review("a", "status", "not-started")
    assessment.set_review("a", "note", "Waiting for the printer\nsince May")
    data = assessment.to_draft()
    assert data["action_reviews"] == {"a": {"action": "Print leaflets", "status": "not-started", "note": "Waiting for the printer\nsince May"}}
    again = Assessment.from_draft(small_instrument(), data)
    again.last_actions = (LEAFLETS, PANEL)
    assert again.review("a") == assessment.review("a") and again.left_out == []
    # Last round's code changed: item a's action is another one now, so nothing is reported for it.
    again.last_actions = (PreviousAction("a", "Item A", "Translate leaflets", "Cy", ""),)
    assert again.review("a").status == "" and again.reviews_given() == 0
    broken = Assessment.from_draft(small_instrument(), {**data, "action_reviews": {"a": {"action": "Print leaflets", "status": "??"}}})
    assert broken.left_out == ["action_reviews.a"]


def test_the_submission_has_a_row_per_action_listed_answered_or_not() -> None:
    assessment = filled()
    assessment.set_review("a", "status", "done")
    assessment.set_review("a", "note", "Printed 500")
    reviews = [item for item in assessment.submission().items if item.kind]
    assert [(i.item_id, i.kind, i.response, i.evidence, i.action, i.action_owner, i.action_due) for i in reviews] == [
        ("action-review.a", "action_review", "done", "Printed 500", "Print leaflets", "Ann", "2025-06-01"),
        ("action-review.c", "action_review", "", "", "Hold a children's panel", "Bo", ""),
    ]
    first_round = Assessment(small_instrument())
    first_round.set_detail("organisation", "North IV")
    first_round.set_detail("respondent", "Mo")
    first_round.set_answer("a", "rating", 1)
    assert not [item for item in first_round.submission().items if item.kind]  # no round before: nothing to report


def test_a_new_round_asks_afresh_about_the_actions_of_the_round_it_follows(results_folder) -> None:
    from widgets.assessment.drafts import Autosave
    from widgets.results.drafts import DraftStore

    assessment = filled()
    assessment.set_review("a", "status", "partly")
    autosave = Autosave(small_instrument(), DraftStore("assessment", results_folder))
    submitted_code = autosave.save(assessment)
    autosave.new_round(assessment)
    assert assessment.previous_round == submitted_code and assessment.reviews == {}
    assert "action_reviews" not in autosave.drafts.load(autosave.code).data  # type: ignore[union-attr, arg-type]
    assert autosave.drafts.load(submitted_code).data["action_reviews"]["a"]["status"] == "partly"  # type: ignore[union-attr]
