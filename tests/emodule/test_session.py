"""A learner's session against the fixture content and a temporary results folder: every
attempt and rating is stored in the results format, progress survives a new session, and the
certificate waits for every module and the after-ratings (what it says: test_certificate.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.emodule_helpers import LEARNER, complete_everything, ratings, right_answers, wrong_answers
from widgets.content import load_content
from widgets.emodule import Learner, LearnerSession, Status
from widgets.emodule.certificate_pdf import certificate_pdf
from widgets.emodule.drawing import AttemptPlan, attempt_items, bank_fingerprint
from widgets.results import ResultsStore, read_results


@pytest.fixture
def session(results_folder: Path) -> LearnerSession:
    return LearnerSession.register(LEARNER, load_content())


def stored(results_folder: Path):
    result = read_results([("results.csv", ResultsStore(results_folder).path)])
    assert all(report.ok for report in result.reports), [r.summary() for r in result.reports]
    return result.rows


def test_every_attempt_is_saved_with_scores_and_the_pass_rule(session: LearnerSession, results_folder: Path) -> None:
    quiz = session.content.quizzes["lundy"]
    failed = session.finish_attempt(quiz, wrong_answers(quiz))
    passed = session.finish_attempt(quiz, right_answers(quiz))
    assert (failed.passed, failed.score) == (False, 0)
    assert (passed.passed, passed.score, passed.max_score) == (True, quiz.max_score, quiz.max_score)
    rows = stored(results_folder)
    assert set(rows["submission_id"]) == {failed.submission_id, passed.submission_id}
    mine = rows[rows["submission_id"] == passed.submission_id]
    assert quiz.per_attempt < len(quiz.items)  # the fixture's Lundy bank is bigger than an attempt
    assert len(mine) == quiz.per_attempt and set(mine["item_id"]) <= {item.id for item in quiz.items}
    assert set(mine["kind"]) == {"quiz"} and set(mine["instrument"]) == {"lundy"}
    assert set(mine["respondent"]) == {"Ann Example"} and set(mine["team"]) == {"North team"}
    assert mine["score"].sum() == quiz.max_score
    assert session.record.status("lundy") is Status.PASSED


def test_an_unfinished_attempt_is_not_saved(session: LearnerSession, results_folder: Path) -> None:
    quiz = session.content.quizzes["lundy"]
    answers = right_answers(quiz)
    answers.pop(attempt_items(quiz, session.attempt_plan(quiz))[-1].id)
    with pytest.raises(ValueError, match="1 still to answer"):
        session.finish_attempt(quiz, answers)
    assert not ResultsStore(results_folder).path.exists()


def test_progress_is_kept_for_a_new_session_with_the_code(session: LearnerSession) -> None:
    session.visit("treseder", 4)
    quiz = session.content.quizzes["lundy"]
    session.finish_attempt(quiz, right_answers(quiz))
    again = LearnerSession.resume(session.code.lower().replace("-", " "))
    assert again.learner == LEARNER
    assert again.step("treseder") == 4 and again.step("co-production") == 1
    statuses = {module.id: status for module, status in again.statuses()}
    assert statuses == {"why-voice": Status.NOT_STARTED, "lundy": Status.PASSED, "treseder": Status.IN_PROGRESS,
                        "co-production": Status.NOT_STARTED, "practice": Status.NOT_STARTED,
                        "safe-participation": Status.NOT_STARTED}


def test_an_unknown_code_is_explained(results_folder: Path) -> None:
    with pytest.raises(ValueError, match="No saved progress has the code ABCD-EFGH"):
        LearnerSession.resume("abcd-efgh")


def test_two_tabs_do_not_undo_each_other(session: LearnerSession) -> None:
    other_tab = LearnerSession.resume(session.code)
    quiz = session.content.quizzes["lundy"]
    session.finish_attempt(quiz, right_answers(quiz))
    other_tab.visit("practice", 2)  # works from the saved record, not its stale copy
    assert LearnerSession.resume(session.code).record.status("lundy") is Status.PASSED


def test_confidence_rounds_are_saved_per_learning_outcome(session: LearnerSession, results_folder: Path) -> None:
    with pytest.raises(ValueError, match="still to rate"):
        session.rate_confidence("before", {})
    session.rate_confidence("before", ratings(session.content, 2))
    rows = stored(results_folder)
    assert set(rows["kind"]) == {"confidence"} and set(rows["instrument"]) == {"confidence-before"}
    assert len(rows) == 13 and set(rows["response"]) == {"2"} and rows["score"].isna().all()
    assert session.confidence_done("before") and not session.confidence_done("after")


def test_certificate_waits_for_every_module_and_the_after_ratings(session: LearnerSession) -> None:
    with pytest.raises(ValueError, match="6 still to pass"):
        session.certificate()
    for module in session.content.modules:
        quiz = session.content.quiz_for(module)
        session.finish_attempt(quiz, right_answers(quiz))
    with pytest.raises(ValueError, match="Rate your confidence once more"):
        session.certificate()


def test_a_retried_attempt_and_a_round_rated_twice_are_stored_once(session: LearnerSession, results_folder: Path) -> None:
    first = session.rate_confidence("before", ratings(session.content, 3))
    other_tab = LearnerSession.resume(session.code)
    assert other_tab.rate_confidence("before", ratings(session.content, 4)) == first  # another tab, or a second press
    quiz = session.content.quizzes["lundy"]
    plan = session.attempt_plan(quiz)
    attempt = session.finish_attempt(quiz, right_answers(quiz), plan)
    again = session.finish_attempt(quiz, right_answers(quiz), plan)  # Check pressed again
    assert again == attempt and attempt.submission_id == plan.attempt_id
    rows = stored(results_folder)
    assert rows["submission_id"].nunique() == 2 and len(rows[rows["kind"] == "quiz"]) == quiz.per_attempt
    assert len(LearnerSession.resume(session.code).record.modules["lundy"].attempts) == 1


def test_a_second_tab_finishing_an_attempt_saved_already_is_told_what_was_saved(session: LearnerSession) -> None:
    """Both tabs show the same attempt (its plan is kept); the first to finish saves it. The
    other tab's answers store nothing, and it must not say "passed" for a fail that was stored."""
    quiz = session.content.quizzes["lundy"]
    other_tab = LearnerSession.resume(session.code)
    plan = session.attempt_plan(quiz)
    assert other_tab.attempt_plan(quiz) == plan
    failed = session.finish_attempt(quiz, wrong_answers(quiz), plan)
    told = other_tab.finish_attempt(quiz, right_answers(quiz), plan)
    assert not failed.passed and told == failed


def test_two_tabs_taking_the_quiz_keep_both_attempts(session: LearnerSession) -> None:
    other_tab = LearnerSession.resume(session.code)
    quiz = session.content.quizzes["lundy"]
    session.finish_attempt(quiz, wrong_answers(quiz))
    other_tab.finish_attempt(quiz, right_answers(quiz))
    record = LearnerSession.resume(session.code).record
    assert [a.passed for a in record.modules["lundy"].attempts] == [False, True]


def test_an_attempt_begun_is_the_same_after_a_reload_and_a_new_one_is_drawn_after_saving(session: LearnerSession,
                                                                                       results_folder: Path) -> None:
    quiz = session.content.quizzes["lundy"]
    plan = session.attempt_plan(quiz)
    reloaded = LearnerSession.resume(session.code)  # a reload, or a second tab
    assert reloaded.attempt_plan(quiz) == plan
    first = reloaded.finish_attempt(quiz, right_answers(quiz))
    assert first.submission_id == plan.attempt_id
    rows = stored(results_folder)
    assert set(rows["item_id"]) == {item.id for item in attempt_items(quiz, plan)}  # what was shown is what is stored
    retake = session.attempt_plan(quiz)
    assert retake != plan and retake.seed != plan.seed
    assert LearnerSession.resume(session.code).attempt_plan(quiz) == retake


def test_an_attempt_begun_on_a_quiz_the_trainer_changed_since_is_drawn_afresh(session: LearnerSession) -> None:
    """A reload after an edit shows the new bank: the plan begun names the old one (its
    fingerprint), so the page begins a new attempt rather than sending the new draw under it."""
    quiz = session.content.quizzes["lundy"]
    plan = session.attempt_plan(quiz)
    assert plan.drew_from(quiz) and plan.bank == bank_fingerprint(quiz)
    edited = quiz.model_copy(update={"items": [*quiz.items[1:], quiz.items[0]]})
    assert bank_fingerprint(edited) != plan.bank
    again = LearnerSession.resume(session.code).attempt_plan(edited)
    assert again.attempt_id != plan.attempt_id and again.drew_from(edited)
    assert LearnerSession.resume(session.code).record.modules["lundy"].plan == again  # kept beside the seed


def test_a_saved_plan_that_cannot_be_read_draws_afresh() -> None:
    assert AttemptPlan.from_dict({"attempt_id": "x"}) is None and AttemptPlan.from_dict({"attempt_id": "x", "seed": "7"}) == AttemptPlan("x", 7)
    assert AttemptPlan.from_dict({"attempt_id": "x", "seed": 7, "bank": "ab12"}) == AttemptPlan("x", 7, "ab12")
