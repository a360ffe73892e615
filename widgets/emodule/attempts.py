"""A whole quiz attempt: score every answer with its question's own rule, save the attempt
(kind ``quiz``, one row per question) and judge it with the quiz's one pass rule."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Mapping

from widgets.content.quiz import Quiz
from widgets.emodule.learner import Learner
from widgets.emodule.progress import Attempt
from widgets.quiz_items import Marked
from widgets.results import ItemResponse, Submission
from widgets.errors import Refused

if TYPE_CHECKING:
    from widgets.results.service_client import PageStore


def mark_all(quiz: Quiz, responses: dict[str, Any]) -> dict[str, Marked]:
    """Score each answer; an unanswered question raises ValueError naming how many are left."""
    missing = [item for item in quiz.items if item.id not in responses]
    if missing:
        raise Refused(f"Answer every question before finishing: {len(missing)} still to answer.")
    return {item.id: item.score(responses[item.id]) for item in quiz.items}


def save_attempt(quiz: Quiz, learner: Learner, responses: dict[str, Any], store: PageStore | None = None,
                 learner_code: str | None = None, record: Callable[[Attempt], Mapping[str, Any]] | None = None,
                 submission_id: str | None = None) -> Attempt:
    """Score and store one attempt; every attempt is kept, passed or not. ``record`` gives the
    learner record's values for the attempt, saved in the same transaction as its rows."""
    from widgets.results import save_submission  # the store loads on the first save, not with the page

    marks = mark_all(quiz, responses)
    items = tuple(
        ItemResponse(item.id, item.encode(responses[item.id]), marks[item.id].score, marks[item.id].max_score)
        for item in quiz.items
    )
    score = sum(mark.score for mark in marks.values())

    def attempt(submission_id: str, submitted_at: str) -> Attempt:
        return Attempt(submission_id, submitted_at, score, quiz.max_score, quiz.passes(score))

    saved = save_submission(
        Submission("quiz", quiz.id, quiz.version, learner.organisation, learner.team, learner.name, learner.role, items),
        store, learner=learner_code, record=(lambda sid, at: record(attempt(sid, at))) if record else None,
        submission_id=submission_id,
    )
    return attempt(saved.submission_id, saved.submitted_at)
