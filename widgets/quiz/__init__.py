"""Question views: one per question type in ``widgets.quiz_items``, chosen by the item's type,
and the quiz view that runs a whole attempt."""

from __future__ import annotations

from typing import Any, Callable

from widgets.quiz.base import QuestionView
from widgets.quiz.multiple_choice import MultipleChoiceView
from widgets.quiz.single_choice import SingleChoiceView
from widgets.quiz.sort import SortView

VIEWS: dict[str, type[QuestionView]] = {
    "single_choice": SingleChoiceView,
    "multiple_choice": MultipleChoiceView,
    "sort": SortView,
}


def question_view(item: Any, number: int, total: int, on_checked: Callable[[QuestionView], None],
                  wrong_note: str = "") -> QuestionView:
    return VIEWS[item.type](item, number, total, on_checked, wrong_note)


__all__ = ["QuestionView", "VIEWS", "question_view"]
