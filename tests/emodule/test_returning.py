"""Coming back: signing up again with the same name and organisation is refused in favour of the
record (continued with its code), unless started anew knowingly; a module's last result in
words; the learner's own confidence before and after."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.emodule_helpers import LEARNER, complete_everything, ratings, right_answers, wrong_answers
from widgets.content import load_content
from widgets.emodule import Learner, LearnerSession
from widgets.emodule.session import StartedBefore


def test_the_same_name_and_organisation_again_is_asked_for_the_code_not_given_a_second_record(results_folder: Path) -> None:
    first = LearnerSession.register(LEARNER, load_content())
    again = Learner.from_form("  ann  EXAMPLE ", "shire children and family service", "Another team")
    with pytest.raises(StartedBefore, match="type your resume code") as refused:
        LearnerSession.register(again, load_content())
    assert first.code not in str(refused.value)  # the message gives nothing of the record away
    assert LearnerSession.resume(first.code).learner == LEARNER  # the code continues the record


def test_a_learner_who_lost_the_code_can_knowingly_start_a_new_record(results_folder: Path) -> None:
    first = LearnerSession.register(LEARNER, load_content())
    second = LearnerSession.register(LEARNER, load_content(), knowingly=True)
    assert second.code != first.code and LearnerSession.resume(first.code).learner == LEARNER


def test_another_name_or_organisation_is_a_new_learner(results_folder: Path) -> None:
    LearnerSession.register(LEARNER, load_content())
    LearnerSession.register(Learner(LEARNER.name, "Another Council"), load_content())
    LearnerSession.register(Learner("Ann Examples", LEARNER.organisation), load_content())


def test_the_last_result_says_how_far_off_then_the_pass(results_folder: Path) -> None:
    session = LearnerSession.register(LEARNER, load_content())
    quiz = session.content.quizzes["lundy"]
    assert session.last_result(quiz) is None
    session.finish_attempt(quiz, wrong_answers(quiz))
    assert session.last_result(quiz) == (f"Last attempt 0 of {quiz.max_score}, you need {quiz.pass_points} to pass "
                                         "(1 attempt so far).")
    session.finish_attempt(quiz, right_answers(quiz))
    session.finish_attempt(quiz, wrong_answers(quiz))  # a weaker retry does not undo the pass
    result = LearnerSession.resume(session.code).last_result(quiz)
    assert result is not None and result.startswith("You passed this module on ")
    assert result.endswith(f"with {quiz.max_score} of {quiz.max_score} (100%).")


def test_the_points_needed_follow_the_pass_rule(results_folder: Path) -> None:
    for quiz in load_content().quizzes.values():
        assert quiz.passes(quiz.pass_points) and not quiz.passes(quiz.pass_points - 1)


def test_the_learner_sees_their_own_confidence_once_both_rounds_are_in(results_folder: Path) -> None:
    session = LearnerSession.register(LEARNER, load_content())
    session.rate_confidence("before", ratings(session.content, 2))
    assert session.confidence_change() == []
    complete_everything(session)  # the before round is kept; after: 4 each
    changes = session.confidence_change()
    outcomes = [o for m in session.content.modules for o in m.learning_outcomes]
    assert [(c.outcome, c.before, c.after) for c in changes] == [(o.text, 2, 4) for o in outcomes]
