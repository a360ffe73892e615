"""One learner's session: the facade the pages call and tests drive without a browser.

Each change reloads the saved record first and saves only what it changed, answer by answer,
so a second tab or a reload never works from stale progress and never undoes another tab's
change; a quiz attempt or confidence round goes into the record in the same transaction as
its rows. Nothing is held only in widgets.
"""

from __future__ import annotations

import os

from dataclasses import asdict
from typing import Any, Callable, Mapping

from widgets.content import Content, load_content
from widgets.content.module import Module
from widgets.content.quiz import Quiz
from widgets.emodule.attempts import save_attempt
from widgets.emodule.certificate import Certificate, issued_certificate
from widgets.emodule.drawing import AttemptPlan, attempt_items
from widgets.emodule.confidence import save_confidence
from widgets.emodule.learner import Learner
from widgets.emodule.progress import Attempt, LearnerRecord, Status
from widgets.emodule.returning import ConfidenceChange, confidence_change, last_result
from widgets.results.drafts import DraftStore, Opened, flatten, parse_code
from widgets.errors import Refused
from widgets.resume_guard import checked_code
from widgets.settings import RESULTS_SERVICE_VARIABLE

DRAFT_KIND = "learner"
STARTED_BEFORE = (
    "Someone with this name and organisation has started the training already. If that is you, type your "
    "resume code in the box above and press Continue where I left off. Lost your code? You can start a new record instead: "
    "you begin again with nothing passed, and your trainer still sees the earlier one."
)


class StartedBefore(Refused):
    """A learner with the same name and organisation has a record already."""


def started_before(learner: Learner, drafts: DraftStore) -> bool:
    """Whether a learner record with this name and organisation exists (case aside). Says
    nothing else about it: its code and progress are for whoever holds the code."""
    from widgets.results.store import ResultsStore  # at sign-up, not while the page is built

    if not isinstance(drafts.store, ResultsStore):  # the results service: the hub says who the learner is, one record each
        return False
    return bool(drafts.store.drafts_holding(drafts.kind, {"learner.name": learner.name,
                                                           "learner.organisation": learner.organisation}))


class LearnerSession:
    def __init__(self, opened: Opened, record: LearnerRecord, content: Content, drafts: DraftStore):
        self.opened = opened
        self.record = record
        self.content = content
        self._drafts = drafts

    @property
    def code(self) -> str:
        return self.opened.code

    @classmethod
    def register(cls, learner: Learner, content: Content | None = None, drafts: DraftStore | None = None,
                 knowingly: bool = False) -> "LearnerSession":
        """Start a new learner and give them a resume code. Someone with the same name and
        organisation started before: ``StartedBefore`` is raised, so the page offers to continue
        that record with its code; ``knowingly`` starts a second record all the same (the code
        is lost: the earlier record stays as it was, for the trainer to see)."""
        drafts = drafts or DraftStore(DRAFT_KIND)
        if not knowingly and started_before(learner, drafts):
            raise StartedBefore(STARTED_BEFORE)
        record = LearnerRecord(learner)
        return cls(drafts.create(record.to_dict()), record, content or load_content(), drafts)

    @classmethod
    def resume(cls, code_text: str, content: Content | None = None, drafts: DraftStore | None = None) -> "LearnerSession":
        """Continue with a code a person typed or a link carried; Refused says what is wrong.
        The one place a resume code is checked: every page (module, start page, sign-in) comes here."""
        drafts = drafts or DraftStore(DRAFT_KIND)
        code = parse_code(code_text)
        opened = checked_code(drafts.load, code)
        if opened is None:
            raise Refused(f"No saved progress has the code {code}. Check it, or start afresh below.")
        return cls(opened, LearnerRecord.from_dict(opened.data), content or load_content(), drafts)

    @classmethod
    def signed_in(cls, content: Content | None = None, drafts: DraftStore | None = None) -> "LearnerSession | None":
        """Under JupyterHub a person is known by their sign-in, not a code: their session (their
        record is made on first use, with their name and organisation from the hub); None on a
        server of its own, where people sign up or resume with a code."""
        if drafts is None and not os.environ.get(RESULTS_SERVICE_VARIABLE):
            return None  # a server of its own: its store need not open while the page is built
        from widgets.results.service_client import ResultsService

        drafts = drafts or DraftStore(DRAFT_KIND)
        if not isinstance(drafts.store, ResultsService):
            return None
        return cls.resume(drafts.store.me()["learner_code"], content, drafts)

    @property
    def learner(self) -> Learner:
        return self.record.learner

    def statuses(self) -> list[tuple[Module, Status]]:
        return [(module, self.record.status(module.id)) for module in self.content.modules]

    def all_passed(self) -> bool:
        return self.record.all_passed([m.id for m in self.content.modules])

    def step(self, module_id: str) -> int:
        """The step to reopen a module at (1 when never opened)."""
        return max(1, self.record.modules[module_id].step) if module_id in self.record.modules else 1

    def last_result(self, quiz: Quiz) -> str | None:
        """The module's quiz so far, in a sentence (None when never tried)."""
        return last_result(self.record.modules.get(quiz.module), quiz)

    def confidence_change(self) -> list[ConfidenceChange]:
        """The learner's own ratings before and after, once both are in."""
        return confidence_change(self.record, self.content, self._drafts.store)

    def confidence_done(self, when: str) -> bool:
        return when in self.record.confidence

    def visit(self, module_id: str, step: int) -> None:
        self._update(lambda record: setattr(record.module(module_id), "step", step))

    def attempt_plan(self, quiz: Quiz) -> AttemptPlan:
        """The attempt the learner is on: the one begun (kept in the record, so a reload or a
        second tab shows the same questions), or, once that one is saved, a new draw."""
        self._reload()
        progress = self.record.modules.get(quiz.module)
        if progress is not None and progress.plan is not None and not progress.finished(progress.plan):
            return progress.plan
        plan = AttemptPlan.new()
        self._update(lambda record: setattr(record.module(quiz.module), "plan", plan))
        return plan

    def finish_attempt(self, quiz: Quiz, responses: dict[str, Any], plan: AttemptPlan | None = None) -> Attempt:
        """Score, store and remember one quiz attempt: the questions its plan drew (by default
        the attempt begun). The same plan again (a retry after a failed save, a second press)
        stores nothing new."""
        plan = plan or self.attempt_plan(quiz)

        def recorded(attempt: Attempt) -> Mapping[str, Any]:
            return flatten({"modules": {quiz.module: {"attempts": {attempt.submission_id: asdict(attempt)}}}})

        attempt = save_attempt(quiz, self.learner, responses, self._drafts.store, self.code, recorded,
                               plan.attempt_id, attempt_items(quiz, plan))
        self._reload()
        return attempt

    def rate_confidence(self, when: str, ratings: dict[str, int]) -> str:
        """Store a confidence round, once: a round already in the record (a second press, another
        tab) is not stored again. Returns its submission id."""
        self._reload()
        if when in self.record.confidence:
            return self.record.confidence[when]
        saved = save_confidence(self.content, self.learner, when, ratings, self._drafts.store, self.code,
                                lambda submission_id, _at: flatten({"confidence": {when: submission_id}}))
        self._reload()
        return saved.submission_id

    def certificate(self) -> Certificate:
        """Ready once every module is passed and the after-ratings are in. Under JupyterHub the
        results service says so from the person's stored attempts, not from the page's record."""
        from widgets.results.service_client import ResultsService

        if isinstance(self._drafts.store, ResultsService):
            return self._drafts.store.certificate()
        return issued_certificate(self.record, self.content)

    def _reload(self) -> None:
        self.opened = self._drafts.load(self.code) or self.opened
        self.record = LearnerRecord.from_dict(self.opened.data)

    def _update(self, change: Callable[[LearnerRecord], None]) -> None:
        self._reload()
        record = LearnerRecord.from_dict(self.opened.data)
        change(record)
        self.opened = self._drafts.save(self.opened, record.to_dict())
        self.record = record
