"""Question views, driven headless: one view per type; the answer key and the feedback reach
the page only after the learner checks, and for a wrong answer the right option only in the
review of the scored attempt; a missing answer is explained, not a traceback."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as ipw
import pytest

from tests.emodule_helpers import LEARNER, right_answer, wrong_answer
from widgets.content import load_content
from widgets.emodule.attempts import save_attempt
from widgets.emodule.drawing import AttemptPlan, attempt_items
from widgets.quiz import VIEWS, QuestionView, question_view
from widgets.quiz.quiz_view import QuizView
from widgets.quiz_items import QUESTION_TYPES
from widgets.ui.focus import ATTRIBUTE

QUIZ = load_content().quizzes["lundy"]


def page_state(widget: ipw.Widget) -> str:
    """Everything the browser would receive for a widget tree."""
    parts = [repr(widget.get_state())]
    for child in getattr(widget, "children", ()):
        parts.append(page_state(child))
    return "".join(parts)


def give(view: QuestionView, response: Any) -> None:
    """Put an answer in the view's inputs as a learner would."""
    if view.item.type == "single_choice":
        view._choice.value = response
    elif view.item.type == "multiple_choice":
        view._boxes.value = tuple(response)
    else:
        for scenario_id, place in view._places.items():
            place.value = response[scenario_id]


def test_there_is_a_view_for_every_question_type() -> None:
    assert set(VIEWS) == set(QUESTION_TYPES)


@pytest.mark.parametrize("item", QUIZ.items, ids=lambda i: i.type + "-" + i.id)
def test_feedback_reaches_the_page_only_after_checking(item) -> None:
    checked = []
    view = question_view(item, 1, 1, checked.append)
    assert item.feedback not in page_state(view)
    give(view, wrong_answer(item))
    view._check.click()
    state = page_state(view)
    assert checked == [view] and view.marked is not None and not view.marked.correct
    assert "Not quite." in state or "placed correctly" in state
    assert html.escape(item.feedback) not in state  # why the right answer is right waits for the review
    view = question_view(item, 1, 1, checked.append)  # a new attempt draws its questions afresh
    give(view, right_answer(item))
    view.submit()
    assert view.marked.correct and "✔" in view._feedback.value and html.escape(item.feedback) in page_state(view)


def test_the_sort_key_is_not_in_the_page() -> None:
    item = next(i for i in QUIZ.items if i.type == "sort")
    view = question_view(item, 1, 1, lambda _: None)
    for scenario in item.scenarios:
        assert scenario.feedback not in page_state(view)


def test_checking_without_an_answer_says_what_to_do() -> None:
    view = question_view(QUIZ.items[0], 1, 1, lambda _: None)
    view._check.click()
    assert "Choose an answer first." in view._status.value and view.marked is None


def save(quiz, saved: list | None = None):
    """What the module page does with a finished attempt (without a learner's record)."""
    def saving(responses: dict[str, Any], plan: AttemptPlan):
        attempt = save_attempt(quiz, LEARNER, responses, submission_id=plan.attempt_id, items=attempt_items(quiz, plan))
        if saved is not None:
            saved.append((plan, attempt))
        return attempt
    return saving


def test_quiz_saves_when_the_last_question_is_checked_and_a_retry_draws_again(results_folder: Path) -> None:
    saved: list = []
    quiz = QuizView(QUIZ, AttemptPlan.new(QUIZ), save(QUIZ, saved))
    asked = [view.item.id for view in quiz.questions]
    assert len(asked) == QUIZ.draw < len(QUIZ.items)
    assert quiz._intro.value.count(" ".join(asked)) == 1  # data-viw-items, for tests to see what was drawn
    for view in quiz.questions:
        give(view, wrong_answer(view.item))
        view.submit()
    assert len(saved) == 1 and not saved[0][1].passed
    assert "Not passed yet" in quiz.result.value
    quiz._retry.click()
    assert not any(view.answered for view in quiz.questions) and quiz.review.value == ""
    assert all(not control.disabled and control.value in (None, ()) for view in quiz.questions for control in view.controls)
    for view in quiz.questions:
        give(view, right_answer(view.item))
        view.submit()
    assert len(saved) == 2 and saved[1][1].passed and "You passed" in quiz.result.value
    assert saved[0][0] != saved[1][0]  # a retry is a new attempt, with its own draw


def test_the_review_after_the_attempt_shows_every_right_answer(results_folder: Path) -> None:
    quiz = QuizView(QUIZ, AttemptPlan.new(QUIZ), save(QUIZ))
    for view in quiz.questions:
        assert quiz.review.value == ""  # nothing is revealed while the attempt is under way
        give(view, wrong_answer(view.item))
        view.submit()
    for view in quiz.questions:
        for line in view.item.key():
            assert html.escape(line) in quiz.review.value


@pytest.mark.parametrize(("setting", "passing", "shown"), [("after_pass", False, False), ("after_pass", True, True), ("never", True, False)])
def test_the_review_setting_decides_when_the_answers_show(results_folder: Path, setting: str, passing: bool, shown: bool) -> None:
    bank = QUIZ.model_copy(update={"review": setting})
    quiz = QuizView(bank, AttemptPlan.new(bank), save(bank))
    for view in quiz.questions:
        give(view, (right_answer if passing else wrong_answer)(view.item))
        view.submit()
    assert ("Review: the right answers" in quiz.review.value) is shown


def test_the_focus_goes_to_the_feedback_and_on_a_retry_to_the_first_question(results_folder: Path) -> None:
    quiz = QuizView(QUIZ, AttemptPlan.new(QUIZ), save(QUIZ))
    first = quiz.questions[0]
    first._check.click()  # no answer: the Check button stays, and so does the focus
    assert ATTRIBUTE not in first._feedback.value + first._status.value
    for view in quiz.questions:
        give(view, wrong_answer(view.item))
        view._check.click()
        assert view._check.disabled and view._feedback.value.startswith(f"<div {ATTRIBUTE}")
    assert "role=" not in first._feedback.value  # read out when it takes the focus, not announced twice
    quiz._retry.click()  # the button hides itself; the retry draws a new set
    first = quiz.questions[0]
    assert first._prompt.value.startswith(f"<h3 {ATTRIBUTE}") and "Question 1 of" in first._prompt.value
