"""The results service's judging rules without a hub: what a page sends is re-marked and checked
against the content (tests/fixture_content), and every invented score, pass, answer or rating is
refused in words."""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any

import pytest

from tests.emodule_helpers import LEARNER, ratings, right_answer, wrong_answer
from widgets.content import Content, load_content
from widgets.content.quiz import Quiz
from widgets.emodule.attempts import marked_rows
from widgets.emodule.drawing import AttemptPlan, attempt_items, drawn_items
from widgets.emodule.progress import Attempt, LearnerRecord
from widgets.errors import Refused
from widgets.results.drafts import flatten
from widgets.results.submission import ItemResponse
from widgets.results_service.judge import (SUBMITTED_AT, NotYours, Stored, judge_assessment, judge_confidence, judge_quiz,
                                           refuse_record_change, stored_certificate)
from widgets.results_service.people import from_groups

PLAN = AttemptPlan("6b1f9a3c-5d2e-4f8a-9c7b-1a2b3c4d5e6f", 424242)


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


@pytest.fixture(scope="module")
def quiz(content: Content) -> Quiz:
    return content.quizzes["lundy"]  # draws 6 of 9: the draw is checked too


def begun(quiz: Quiz) -> LearnerRecord:
    record = LearnerRecord(LEARNER)
    record.module(quiz.module).plan = PLAN
    return record


def honest(quiz: Quiz, right: bool = True) -> tuple[list[ItemResponse], dict[str, Any]]:
    """What the page sends for an attempt at PLAN: its rows and its record change."""
    asked = attempt_items(quiz, PLAN)
    rows, score = marked_rows(asked, {item.id: (right_answer if right else wrong_answer)(item) for item in asked})
    attempt = Attempt(PLAN.attempt_id, SUBMITTED_AT, score, quiz.max_score, quiz.passes(score))
    return list(rows), flatten({"modules": {quiz.module: {"attempts": {PLAN.attempt_id: asdict(attempt)}}}})


def test_an_honest_attempt_is_stored_as_the_service_marks_it(quiz: Quiz) -> None:
    sent, claimed = honest(quiz)
    rows, values = judge_quiz(quiz, begun(quiz), PLAN.attempt_id, sent, claimed)
    assert [row.item_id for row in rows] == [item.id for item in drawn_items(quiz, PLAN.seed)]
    assert sum(row.score or 0 for row in rows) == quiz.max_score and values == claimed
    sent, claimed = honest(quiz, right=False)
    _, values = judge_quiz(quiz, begun(quiz), PLAN.attempt_id, sent, claimed)
    assert values[f"modules.{quiz.module}.attempts.{PLAN.attempt_id}.passed"] is False


def test_a_claimed_score_or_pass_that_is_not_the_marking_is_refused(quiz: Quiz) -> None:
    sent, claimed = honest(quiz, right=False)
    inflated = [replace(row, score=1.0) for row in sent]
    with pytest.raises(Refused, match="score sent for question"):
        judge_quiz(quiz, begun(quiz), PLAN.attempt_id, inflated, claimed)
    key = f"modules.{quiz.module}.attempts.{PLAN.attempt_id}"
    with pytest.raises(Refused, match="pass or fail sent"):
        judge_quiz(quiz, begun(quiz), PLAN.attempt_id, sent, {**claimed, f"{key}.passed": True})
    with pytest.raises(Refused, match="score sent for this attempt"):
        judge_quiz(quiz, begun(quiz), PLAN.attempt_id, sent, {**claimed, f"{key}.score": quiz.max_score})
    with pytest.raises(Refused, match="only its own place"):
        judge_quiz(quiz, begun(quiz), PLAN.attempt_id, sent, {**claimed, "modules.why-voice.step": 3})


def test_answers_to_questions_or_options_that_do_not_exist_are_refused(quiz: Quiz) -> None:
    sent, claimed = honest(quiz)
    single = next(i for i, row in enumerate(sent) if row.response and ";" not in row.response and "=" not in row.response)
    with pytest.raises(Refused, match="not one of this question's options"):
        judge_quiz(quiz, begun(quiz), PLAN.attempt_id, [*sent[:single], replace(sent[single], response="zz"), *sent[single + 1:]], claimed)
    with pytest.raises(Refused, match="has no question 'made-up'"):
        judge_quiz(quiz, begun(quiz), PLAN.attempt_id, [*sent, ItemResponse("made-up", "a", 1, 1)], claimed)
    sorting = next(i for i, row in enumerate(sent) if "=" in row.response)
    with pytest.raises(Refused, match="not one of this question's situations"):
        judge_quiz(quiz, begun(quiz), PLAN.attempt_id,
                   [*sent[:sorting], replace(sent[sorting], response=sent[sorting].response + ";s99=space"), *sent[sorting + 1:]], claimed)


def test_only_the_questions_the_attempt_drew_are_marked(quiz: Quiz) -> None:
    sent, claimed = honest(quiz)
    not_drawn = next(item for item in quiz.items if item.id not in {row.item_id for row in sent})
    swapped = [*sent[:-1], ItemResponse(not_drawn.id, not_drawn.encode(right_answer(not_drawn)), 1, 1)]
    with pytest.raises(Refused, match="was not drawn for this attempt"):
        judge_quiz(quiz, begun(quiz), PLAN.attempt_id, swapped, claimed)
    with pytest.raises(Refused, match="still to answer"):
        judge_quiz(quiz, begun(quiz), PLAN.attempt_id, sent[:-1], claimed)
    with pytest.raises(Refused, match="not begun"):
        judge_quiz(quiz, LearnerRecord(LEARNER), PLAN.attempt_id, sent, claimed)  # no attempt begun: no seed to check by
    with pytest.raises(Refused, match="not begun"):
        judge_quiz(quiz, begun(quiz), "0a1f9a3c-5d2e-4f8a-9c7b-1a2b3c4d5e6f", sent, claimed)


def test_attempts_confidence_rounds_and_details_are_not_changed_through_the_record() -> None:
    refuse_record_change({"modules.lundy.step": 3, "modules.lundy.plan.seed": 5})  # what pages write themselves
    with pytest.raises(Stored):
        refuse_record_change({f"modules.lundy.attempts.{PLAN.attempt_id}.passed": True})
    with pytest.raises(Stored):
        refuse_record_change({"confidence.after": PLAN.attempt_id})
    with pytest.raises(NotYours, match="come from your sign-in"):
        refuse_record_change({"learner.name": "Someone Else"})
    with pytest.raises(Refused, match="one value per answer"):  # attempts brought in as a module's whole part
        refuse_record_change({"modules.lundy": {"attempts": {PLAN.attempt_id: {"passed": True}}}})


def test_a_confidence_round_needs_every_outcome_on_the_scale_once(content: Content) -> None:
    sent = [ItemResponse(key, str(value)) for key, value in ratings(content, 4).items()]
    record = LearnerRecord(LEARNER)
    rows, values = judge_confidence(content, "confidence-before", record, PLAN.attempt_id, sent, {"confidence.before": PLAN.attempt_id})
    assert [row.response for row in rows] == ["4"] * len(sent) and values == {"confidence.before": PLAN.attempt_id}
    with pytest.raises(Refused, match="still to rate"):
        judge_confidence(content, "confidence-before", record, PLAN.attempt_id, [replace(sent[0], response="9"), *sent[1:]], None)
    with pytest.raises(Refused, match="not a rating"):
        judge_confidence(content, "confidence-before", record, PLAN.attempt_id, [replace(sent[0], response="lots"), *sent[1:]], None)
    with pytest.raises(Refused, match="not one of the e-module's learning outcomes"):
        judge_confidence(content, "confidence-before", record, PLAN.attempt_id, [*sent, ItemResponse("made-up", "3")], None)
    record.confidence["before"] = "0a1f9a3c-5d2e-4f8a-9c7b-1a2b3c4d5e6f"
    with pytest.raises(Stored, match="stored already"):
        judge_confidence(content, "confidence-before", record, PLAN.attempt_id, sent, None)


def test_a_self_assessment_is_rated_on_its_scale_for_the_person_s_own_organisation(content: Content) -> None:
    instrument = content.instrument("iv-standard-4")
    item = instrument.items[0]
    mo = from_groups("mo", ["manager:Oak Service", "organisation:Oak Service", "organisation:Elm Service", "team:North"])
    top = instrument.scale.max_value
    rows = judge_assessment(instrument, mo, "Elm Service", "", "", [ItemResponse(item.id, str(top), top, top)])
    assert rows[0].score == top and len(rows) == len(instrument.items)
    assert judge_assessment(instrument, mo, "oak service", "North", "", [ItemResponse(item.id, "1", 1, top)])
    with pytest.raises(Refused, match="is not a level"):
        judge_assessment(instrument, mo, "Oak Service", "", "", [ItemResponse(item.id, str(top + 5), top + 5, top)])
    with pytest.raises(Refused, match="not its rating"):
        judge_assessment(instrument, mo, "Oak Service", "", "", [ItemResponse(item.id, "1", top, top)])
    with pytest.raises(Refused, match="no item 'made-up'"):
        judge_assessment(instrument, mo, "Oak Service", "", "", [ItemResponse("made-up", "1", 1, top)])
    with pytest.raises(NotYours, match="own organisation and team only: Elm Service, Oak Service"):
        judge_assessment(instrument, mo, "Ash Service", "", "", [ItemResponse(item.id, "1", 1, top)])
    with pytest.raises(NotYours, match="own organisation and team"):
        judge_assessment(instrument, mo, "Oak Service", "South", "", [ItemResponse(item.id, "1", 1, top)])
    with pytest.raises(NotYours, match="organisation:<your organisation's name>"):
        judge_assessment(instrument, from_groups("ned", ["manager:Oak Service"]), "Oak Service", "", "", [ItemResponse(item.id, "1", 1, top)])


def test_a_certificate_needs_every_module_passed_in_stored_attempts(content: Content) -> None:
    passes = [(f"00000000-0000-4000-8000-{n:012d}", f"2026-12-01T10:{n:02d}:00.000000Z", module.quiz,
               float(content.quizzes[module.quiz].max_score)) for n, module in enumerate(content.modules)]
    rounds = {"before": "b", "after": "a"}
    certificate = stored_certificate(LEARNER, passes, rounds, content)
    assert certificate.verification_id == passes[-1][0] and len(certificate.modules) == len(content.modules)
    failed = [*passes[:-1], (*passes[-1][:3], 0.0)]
    with pytest.raises(Refused, match="1 still to pass"):
        stored_certificate(LEARNER, failed, rounds, content)
    with pytest.raises(Refused, match="Rate your confidence once more"):
        stored_certificate(LEARNER, passes, {"before": "b"}, content)


def test_what_is_reported_on_last_round_s_actions_is_taken_for_the_round_before_only(content: Content) -> None:
    from widgets.assessment.last_actions import PreviousAction

    instrument = content.instrument("iv-standard-4")
    first, second = instrument.items[0], instrument.items[1]
    mo = from_groups("mo", ["manager:Oak Service", "organisation:Oak Service"])
    listed = (PreviousAction(first.id, first.text, "Print leaflets", "Ann", "2026-03-31"),)
    sent = [ItemResponse(first.id, "2", 2, 3),
            ItemResponse(f"action-review.{first.id}", "partly", evidence="Half printed", action="Something else", kind="action_review"),
            ItemResponse(f"action-review.{second.id}", "done", action="Never listed", kind="action_review")]
    reviews = [row for row in judge_assessment(instrument, mo, "Oak Service", "", "", sent, listed) if row.kind]
    assert [(r.item_id, r.response, r.evidence, r.action, r.action_owner, r.action_due) for r in reviews] == [
        (f"action-review.{first.id}", "partly", "Half printed", "Print leaflets", "Ann", "2026-03-31")]  # as the round before listed it
    with pytest.raises(Refused, match="'finished' is not one of the choices"):
        judge_assessment(instrument, mo, "Oak Service", "", "", [
            sent[0], ItemResponse(f"action-review.{first.id}", "finished", kind="action_review")], listed)
    with pytest.raises(Refused, match="kind quiz cannot be part of a self-assessment"):
        judge_assessment(instrument, mo, "Oak Service", "", "", [sent[0], ItemResponse("x", "1", kind="quiz")], listed)
