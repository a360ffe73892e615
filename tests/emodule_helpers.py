"""Answers and learners for e-module tests: right and wrong responses built from a quiz's key
(which only the test, never the page, reads)."""

from __future__ import annotations

from typing import Any

from widgets.content import Content
from widgets.content.quiz import Quiz
from widgets.emodule import Learner, LearnerSession
from widgets.emodule.confidence import learning_outcomes

LEARNER = Learner("Ann Example", "Shire Children and Family Service", "North team", "Social worker")


def right_answer(item: Any) -> Any:
    if item.type == "single_choice":
        return item.correct
    if item.type == "multiple_choice":
        return frozenset(item.correct)
    return {scenario.id: scenario.correct for scenario in item.scenarios}


def wrong_answer(item: Any) -> Any:
    if item.type == "single_choice":
        return next(o.id for o in item.options if o.id != item.correct)
    if item.type == "multiple_choice":
        return frozenset(o.id for o in item.options if o.id not in item.correct) or frozenset([item.options[0].id])
    first = item.categories[0].id
    second = item.categories[1].id
    return {s.id: (second if s.correct == first else first) for s in item.scenarios}


def right_answers(quiz: Quiz) -> dict[str, Any]:
    return {item.id: right_answer(item) for item in quiz.items}


def wrong_answers(quiz: Quiz) -> dict[str, Any]:
    return {item.id: wrong_answer(item) for item in quiz.items}


def ratings(content: Content, value: int = 3) -> dict[str, int]:
    return {outcome.id: value for outcome in learning_outcomes(content)}


def complete_everything(session: LearnerSession, rate_after: bool = True) -> None:
    """Rate before, pass every module (each after one failed attempt), rate after (unless told not to)."""
    session.rate_confidence("before", ratings(session.content, 2))
    for module in session.content.modules:
        quiz = session.content.quiz_for(module)
        session.finish_attempt(quiz, wrong_answers(quiz))
        session.finish_attempt(quiz, right_answers(quiz))
    if rate_after:
        session.rate_confidence("after", ratings(session.content, 4))
