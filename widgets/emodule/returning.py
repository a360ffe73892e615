"""What a learner coming back sees: the last quiz result of a module (passed, or how far off)
and their own confidence before and after, once both rounds are in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from widgets.assessment.model import spoken_date
from widgets.content import Content
from widgets.content.quiz import Quiz
from widgets.emodule.confidence import SCALE, learning_outcomes
from widgets.emodule.progress import LearnerRecord, ModuleProgress

if TYPE_CHECKING:  # the store loads on the first save, not with the page
    from widgets.results.service_client import PageStore


def last_result(progress: ModuleProgress | None, quiz: Quiz) -> str | None:
    """One sentence on the module's quiz so far, or None when it was never tried. A passed
    module says when and with what score (a later weaker retry does not undo a pass)."""
    if progress is None or not progress.attempts:
        return None
    passed = progress.first_pass
    if passed is not None:
        return (f"You passed this module on {spoken_date(passed.submitted_at)} with {passed.score:g} of "
                f"{passed.max_score:g} ({passed.percent}%).")
    last = progress.attempts[-1]
    tries = len(progress.attempts)
    return (f"Last attempt {last.score:g} of {last.max_score:g}, you need {quiz.pass_points} to pass "
            f"({tries} {'attempt' if tries == 1 else 'attempts'} so far).")


@dataclass(frozen=True)
class ConfidenceChange:
    outcome: str
    before: int
    after: int


def confidence_change(record: LearnerRecord, content: Content, store: PageStore) -> list[ConfidenceChange]:
    """The learner's own ratings, outcome by outcome; empty until both rounds are stored."""
    if not {"before", "after"} <= set(record.confidence):
        return []
    rounds = {}
    for when in ("before", "after"):
        saved = store.submission(record.confidence[when])
        if saved is None:
            return []
        rounds[when] = {row["item_id"]: int(row["response"]) for row in saved.rows if row["response"].isdigit()}
    return [ConfidenceChange(outcome.text, rounds["before"][outcome.id], rounds["after"][outcome.id])
            for outcome in learning_outcomes(content)
            if rounds["before"].get(outcome.id) in SCALE and rounds["after"].get(outcome.id) in SCALE]
