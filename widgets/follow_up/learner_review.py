"""One learner's impact review, apart from how it looks: where they stand (not every module
passed yet, not due yet, open, sent), and sending it once.

Sending is safe to repeat: the submission id is chosen when the review is opened, so a second
press, a retry after an error or a reload of the same tab stores it once; a review already sent
under the learner's code (another tab, another day) is given back instead of a second one.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timezone
from enum import Enum
from typing import TYPE_CHECKING

from widgets.content import Content
from widgets.emodule import LearnerSession
from widgets.follow_up.review import KIND, due_on, last_pass, review_submission

if TYPE_CHECKING:  # the store loads when the review is sent, not with the page
    from widgets.results import SavedSubmission
    from widgets.results.service_client import PageStore


class Standing(str, Enum):
    NOT_PASSED = "not every module passed yet"
    NOT_DUE = "not due yet"
    OPEN = "open"
    SENT = "sent"


@dataclass
class LearnerReview:
    session: LearnerSession
    store: PageStore
    today: date

    def __post_init__(self) -> None:
        self.submission_id = str(uuid.uuid4())

    @property
    def content(self) -> Content:
        return self.session.content

    @property
    def passed_all_on(self) -> datetime | None:
        return last_pass(self.session.record, [m.id for m in self.content.modules])

    @property
    def due(self) -> date | None:
        passed = self.passed_all_on
        if passed is None:
            return None
        return due_on(passed.astimezone(timezone.utc).date(), self.content.site.follow_up.months_after_last_pass)

    def sent(self) -> SavedSubmission | None:
        """The review this learner already sent, if any (the first, should there be two)."""
        return next((s for s in self.store.learner_submissions(self.session.code) if s.rows[0]["kind"] == KIND), None)

    def standing(self) -> Standing:
        if self.sent() is not None:
            return Standing.SENT
        due = self.due
        if due is None:
            return Standing.NOT_PASSED
        return Standing.OPEN if due <= self.today else Standing.NOT_DUE

    def send(self, ratings: dict[str, int], used: dict[str, str], example: str) -> SavedSubmission:
        """Check and store the review, once (see the module's note)."""
        submission = review_submission(self.content, self.session.learner, ratings, used, example)
        return self.sent() or self.store.save(submission, submission_id=self.submission_id, learner=self.session.code)
