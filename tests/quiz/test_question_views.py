"""Question views, driven headless: one view per type; the answer key and the feedback reach
the page only after the learner checks; a missing answer is explained, not a traceback."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as ipw
import pytest

from tests.emodule_helpers import LEARNER, right_answer, wrong_answer
from widgets.content import load_content
from widgets.emodule.attempts import save_attempt
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
        for option_id, box in view._boxes.items():
            box.value = option_id in response
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
    assert html.escape(item.feedback) in state and ("Not quite." in state or "placed correctly" in state)
    view.reset()
    give(view, right_answer(item))
    view.submit()
    assert view.marked.correct and "✔" in view._feedback.value


def test_the_sort_key_is_not_in_the_page() -> None:
    item = next(i for i in QUIZ.items if i.type == "sort")
    view = question_view(item, 1, 1, lambda _: None)
    for scenario in item.scenarios:
        assert scenario.feedback not in page_state(view)


def test_checking_without_an_answer_says_what_to_do() -> None:
    view = question_view(QUIZ.items[0], 1, 1, lambda _: None)
    view._check.click()
    assert "Choose an answer first." in view._status.value and view.marked is None


def test_quiz_saves_when_the_last_question_is_checked_and_can_be_retried(results_folder: Path) -> None:
    saved = []

    ids = []

    def save(responses: dict[str, Any], attempt_id: str):
        ids.append(attempt_id)
        saved.append(save_attempt(QUIZ, LEARNER, responses, submission_id=attempt_id))
        return saved[-1]

    quiz = QuizView(QUIZ, save)
    for view in quiz.questions:
        give(view, wrong_answer(view.item))
        view.submit()
    assert len(saved) == 1 and not saved[0].passed
    assert "Not passed yet" in quiz.result.value
    quiz._retry.click()
    assert not any(view.answered for view in quiz.questions)
    assert all(control.value == view.blank and not control.disabled for view in quiz.questions for control in view.controls)
    for view in quiz.questions:
        give(view, right_answer(view.item))
        view.submit()
    assert len(saved) == 2 and saved[1].passed and "You passed" in quiz.result.value
    assert ids[0] != ids[1]  # a retry is a new attempt; the same attempt keeps its id until saved


def test_the_focus_goes_to_the_feedback_and_on_a_retry_to_the_first_question(results_folder: Path) -> None:
    quiz = QuizView(QUIZ, lambda responses, attempt_id: save_attempt(QUIZ, LEARNER, responses, submission_id=attempt_id))
    first = quiz.questions[0]
    first._check.click()  # no answer: the Check button stays, and so does the focus
    assert ATTRIBUTE not in first._feedback.value + first._status.value
    for view in quiz.questions:
        give(view, wrong_answer(view.item))
        view._check.click()
        assert view._check.disabled and view._feedback.value.startswith(f"<div {ATTRIBUTE}")
    assert "role=" not in first._feedback.value  # read out when it takes the focus, not announced twice
    quiz._retry.click()  # the button hides itself
    assert first._prompt.value.startswith(f"<h3 {ATTRIBUTE}") and "Question 1 of" in first._prompt.value
