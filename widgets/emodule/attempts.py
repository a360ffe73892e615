"""A whole quiz attempt: score every answer with its question's own rule, save the attempt
(kind ``quiz``, one row per question asked, its response in option ids) and judge it with the
quiz's one pass rule."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from widgets.content.quiz import Quiz
from widgets.emodule.learner import Learner
from widgets.emodule.progress import Attempt
from widgets.quiz_items import Marked, QuizItem
from widgets.results import ItemResponse, Submission
from widgets.errors import Refused

if TYPE_CHECKING:
    from widgets.results.service_client import PageStore


def mark_all(items: Sequence[QuizItem], responses: Mapping[str, Any]) -> dict[str, Marked]:
    """Score each question asked; an unanswered one is refused, naming how many are left."""
    missing = [item for item in items if item.id not in responses]
    if missing:
        raise Refused(f"Answer every question before finishing: {len(missing)} still to answer.")
    return {item.id: item.score(responses[item.id]) for item in items}


def marked_rows(asked: Sequence[QuizItem], responses: Mapping[str, Any]) -> tuple[tuple[ItemResponse, ...], float]:
    """The attempt's rows (responses in option ids, each with its mark) and its total: the one
    marking the page and the results service both use."""
    marks = mark_all(asked, responses)
    rows = tuple(
        ItemResponse(item.id, item.encode(responses[item.id]), marks[item.id].score, marks[item.id].max_score)
        for item in asked
    )
    return rows, sum(mark.score for mark in marks.values())


def save_attempt(quiz: Quiz, learner: Learner, responses: Mapping[str, Any], store: PageStore | None = None,
                 learner_code: str | None = None, record: Callable[[Attempt], Mapping[str, Any]] | None = None,
                 submission_id: str | None = None, items: Sequence[QuizItem] | None = None) -> Attempt:
    """Score and store one attempt at ``items``, the questions it drew (every item of a quiz
    that draws them all, when not given); answers to questions not asked are not part of it.
    Every attempt is kept, passed or not. ``record`` gives the learner record's values for the
    attempt, saved in the same transaction as its rows."""
    from widgets.results import save_submission  # the store loads on the first save, not with the page

    asked = list(quiz.items if items is None else items)
    if len(asked) != quiz.per_attempt:
        raise ValueError(f"An attempt at quiz {quiz.id} asks {quiz.per_attempt} questions, not {len(asked)}")
    rows, score = marked_rows(asked, responses)

    def attempt(submission_id: str, submitted_at: str) -> Attempt:
        return Attempt(submission_id, submitted_at, score, quiz.max_score, quiz.passes(score))

    saved = save_submission(
        Submission("quiz", quiz.id, quiz.version, learner.organisation, learner.team, learner.name, learner.role, rows),
        store, learner=learner_code, record=(lambda sid, at: record(attempt(sid, at))) if record else None,
        submission_id=submission_id,
    )
    if saved.earlier:  # saved before (another window, or a retry): what counts is what was stored
        stored = sum(float(row["score"] or 0) for row in saved.rows)
        return Attempt(saved.submission_id, saved.submitted_at, stored, quiz.max_score, quiz.passes(stored))
    return attempt(saved.submission_id, saved.submitted_at)
