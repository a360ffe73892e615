"""Confidence ratings before and after the e-module, one per learning outcome, so a trainer
can show the change. Saved as kind ``confidence`` (instrument confidence-before/-after)."""

from __future__ import annotations

from widgets.content import Content
from widgets.content.module import LearningOutcome
from widgets.emodule.learner import Learner
from typing import TYPE_CHECKING, Mapping

from widgets.results import ItemResponse, Submission
from widgets.errors import Refused

if TYPE_CHECKING:
    from widgets.results import SavedSubmission
    from widgets.results.service_client import PageStore
    from widgets.results.store import RecordChange

ROUNDS = {"before": "confidence-before", "after": "confidence-after"}
VERSION = "1"
SCALE = {
    1: "1 - not at all confident",
    2: "2 - a little confident",
    3: "3 - fairly confident",
    4: "4 - confident",
    5: "5 - very confident",
}


def learning_outcomes(content: Content) -> list[LearningOutcome]:
    """Every module's outcomes, in teaching order: the items of both rounds."""
    return [outcome for module in content.modules for outcome in module.learning_outcomes]


def confidence_rows(content: Content, ratings: Mapping[str, int]) -> tuple[ItemResponse, ...]:
    """One row per learning outcome, each rated on the scale (the page and the results service
    both check a round with this)."""
    outcomes = learning_outcomes(content)
    unrated = [o for o in outcomes if ratings.get(o.id) not in SCALE]
    if unrated:
        raise Refused(f"Please rate every statement: {len(unrated)} still to rate.")
    return tuple(ItemResponse(item_id=o.id, response=str(ratings[o.id])) for o in outcomes)


def save_confidence(content: Content, learner: Learner, when: str, ratings: dict[str, int],
                    store: PageStore | None = None, learner_code: str | None = None,
                    record: RecordChange | None = None) -> SavedSubmission:
    """Check every outcome has a rating of 1 to 5, then store the round; ``record`` gives the
    learner record's values for it, saved in the same transaction."""
    from widgets.results import save_submission  # the store loads on the first save, not with the page

    if when not in ROUNDS:
        raise Refused(f"'{when}' is not a confidence round")
    items = confidence_rows(content, ratings)
    return save_submission(
        Submission("confidence", ROUNDS[when], VERSION, learner.organisation, learner.team, learner.name, learner.role, items),
        store, learner=learner_code, record=record,
    )
