"""The rules of an assessment in progress: what counts as answered, what is refused, drafts, rows."""

from __future__ import annotations

import datetime

import pytest

from tests.assessment.helpers import small_instrument
from widgets.assessment.model import UNREADABLE_DATE, Answer, Assessment


def filled() -> Assessment:
    assessment = Assessment(small_instrument())
    assessment.set_detail("organisation", "North IV")
    assessment.set_detail("respondent", "Ann")
    assessment.set_answer("a", "rating", 3)
    assessment.set_answer("a", "evidence", "Panel minutes")
    assessment.set_answer("a", "participation_degree", "Consulted and informed")
    assessment.set_answer("c", "rating", 0)
    assessment.set_answer("c", "action", "Ask the group")
    assessment.set_answer("c", "action_due", datetime.date(2027, 3, 31))
    assessment.set_answer("d", "evidence", "Typed but not rated yet")
    return assessment


def test_progress_counts_rated_items_by_section_and_overall() -> None:
    assessment = filled()
    one, two = assessment.instrument.sections
    assert assessment.progress(one) == (1, 2)
    assert assessment.progress(two) == (1, 2)
    assert assessment.progress() == (2, 4)
    assert [item.id for item in assessment.incomplete()] == ["b", "d"]  # evidence alone is not an answer


def test_a_rating_of_zero_counts_as_answered() -> None:
    assessment = Assessment(small_instrument())
    assessment.set_answer("a", "rating", 0)
    assert assessment.is_answered("a")
    assessment.set_answer("a", "rating", None)
    assert not assessment.is_answered("a")


@pytest.mark.parametrize(
    ("part", "value", "message"),
    [
        ("rating", 7, "not a level"),
        ("rating", True, "not a level"),
        ("rating", "three", "not a level"),
        ("participation_degree", "Tokenism", "not one of the degrees"),
        ("action_due", "31/03/2027", "not a date"),
        ("action_due", "2027-02-30", "date by when for “Item A”: 2027-02-30 is not a real date"),
        ("action_due", "2027-02-31", "not a real date"),
        ("action_due", datetime.date(2, 3, 31), "the year 2 looks like a slip"),
        ("action_due", "20277-01-01", "not a date"),
        ("action_due", UNREADABLE_DATE, "date by when for “Item A” is not a whole, real date. Check the day, month and year"),
        ("evidence", 12, "Only text"),
        ("colour", "red", "not part of an answer"),
    ],
)
def test_values_the_content_does_not_allow_are_refused(part: str, value: object, message: str) -> None:
    assessment = Assessment(small_instrument())
    with pytest.raises(ValueError, match=message):
        assessment.set_answer("a", part, value)
    assert assessment.answer("a") == Answer()


def test_unknown_items_and_details_are_refused() -> None:
    assessment = Assessment(small_instrument())
    with pytest.raises(ValueError, match="not an item"):
        assessment.set_answer("z", "rating", 1)
    with pytest.raises(ValueError, match="not one of the details"):
        assessment.set_detail("password", "x")


def test_free_text_over_the_limit_is_refused_by_name_and_never_cut() -> None:
    assessment = Assessment(small_instrument())
    assessment.set_answer("a", "evidence", "x" * 5000)  # the limit itself fits
    with pytest.raises(ValueError, match="evidence for “Item A” is 5,001 characters long; a box holds 5,000"):
        assessment.set_answer("a", "evidence", "y" * 5001)
    assert assessment.answer("a").evidence == "x" * 5000  # the last version that fitted
    with pytest.raises(ValueError, match="Your name is 201 characters long"):
        assessment.set_detail("respondent", "n" * 201)


def test_a_due_date_already_past_is_kept_with_a_gentle_note_and_a_future_one_without() -> None:
    assessment = Assessment(small_instrument())
    note = assessment.set_answer("c", "action_due", datetime.date(2020, 3, 3))
    assert assessment.answer("c").action_due == "2020-03-03"
    assert note and "3 March 2020" in note and "already past" in note
    assert assessment.set_answer("c", "action_due", datetime.date(2099, 1, 1)) is None


def test_nothing_rated_is_not_a_submission() -> None:
    assessment = Assessment(small_instrument())
    assessment.set_detail("organisation", "North IV")
    assessment.set_detail("respondent", "Ann")
    assessment.set_answer("a", "evidence", "Typed, but nothing rated")
    with pytest.raises(ValueError, match="Nothing is rated yet"):
        assessment.submission()


def test_a_damaged_draft_gives_back_everything_readable_and_lists_the_rest() -> None:
    data = filled().to_draft()
    data["details"]["respondent"] = 12  # damaged
    data["answers"]["a"]["evidence"] = ["not", "text"]
    again = Assessment.from_draft(small_instrument(), data)
    assert again.details["organisation"] == "North IV" and again.answer("a").rating == 3
    assert again.left_out == ["details.respondent", "answers.a.evidence"]
    assert Assessment.from_draft(small_instrument(), {"instrument": "small", "details": "garbage", "answers": []}).left_out == []


def test_draft_round_trip_keeps_everything() -> None:
    assessment = filled()
    again = Assessment.from_draft(assessment.instrument, assessment.to_draft())
    assert again.details == assessment.details
    assert again.answers == assessment.answers


def test_a_draft_from_older_content_keeps_what_still_fits() -> None:
    data = filled().to_draft()
    data["answers"]["gone"] = {"rating": 2}
    data["answers"]["a"]["rating"] = 9  # the scale no longer has this level
    again = Assessment.from_draft(small_instrument(), data)
    assert "gone" not in again.answers
    assert again.answer("a").rating is None
    assert again.answer("a").evidence == "Panel minutes"


def test_a_draft_of_another_instrument_is_refused_plainly() -> None:
    data = filled().to_draft()
    with pytest.raises(ValueError, match="for another self-assessment"):
        Assessment.from_draft(small_instrument(id="other"), data)


def test_submission_has_one_row_per_item_with_blanks_left_blank() -> None:
    submission = filled().submission()
    assert (submission.kind, submission.instrument, submission.instrument_version) == ("assessment", "small", "2")
    assert (submission.organisation, submission.respondent) == ("North IV", "Ann")
    rows = {item.item_id: item for item in submission.items}
    assert list(rows) == ["a", "b", "c", "d"]
    assert (rows["a"].response, rows["a"].score, rows["a"].max_score) == ("3", 3, 3)
    assert rows["a"].participation_degree == "Consulted and informed"
    assert (rows["b"].response, rows["b"].score, rows["b"].max_score) == ("", None, None)
    assert (rows["c"].response, rows["c"].score, rows["c"].action_due) == ("0", 0, "2027-03-31")
    assert rows["d"].evidence == "Typed but not rated yet"


def test_submission_needs_organisation_and_name() -> None:
    assessment = Assessment(small_instrument())
    with pytest.raises(ValueError, match="organisation and your name"):
        assessment.submission()
