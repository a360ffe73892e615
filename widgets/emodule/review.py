"""The review of a scored attempt: every question with the learner's answer and the right one.

Answers stay hidden while the attempt is under way ("Check" says only right or wrong, and why);
the quiz file's ``review`` setting says when they are shown after it is scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from widgets.content.quiz import Review
from widgets.quiz_items import Marked, QuizItem


@dataclass(frozen=True)
class ReviewedQuestion:
    prompt: str
    yours: str
    marked: Marked
    key: tuple[str, ...]  # the right answer(s) in words, then why


def review_open(setting: Review, passed: bool | None) -> bool:
    """Whether the right answers may be shown; ``passed`` is None while the attempt is not scored."""
    if passed is None:
        return False
    return setting == "after_attempt" or (setting == "after_pass" and passed)


def reviewed(items: list[QuizItem], responses: Mapping[str, Any], marks: Mapping[str, Marked]) -> list[ReviewedQuestion]:
    return [ReviewedQuestion(item.prompt, item.describe(responses[item.id]), marks[item.id], item.key()) for item in items]
