"""Autosave and resume for one page: the draft behind a self-assessment in progress.

No draft is made until the first change, so opening a page (or running it headless) leaves
nothing behind; from then on each change saves the answers that changed, under the same code.
"""

from __future__ import annotations

from dataclasses import replace

from widgets.assessment.model import Assessment
from widgets.content.instrument import Instrument
from widgets.results import StoreError
from widgets.results.drafts import DraftStore, Opened, parse_code
from widgets.errors import Refused
from widgets.resume_guard import checked_code

DRAFT_KIND = "assessment"
NOT_SAVED_YET = (
    "Your latest change could not be saved just now. It is still on this page and will be saved with your "
    "next change; if this message stays, keep the page open and tell whoever runs the workbook."
)


class Autosave:
    """Keeps one assessment's draft; ``code`` is None until something has been saved.
    ``changed_elsewhere`` lists answers another window had changed that the last save replaced."""

    def __init__(self, instrument: Instrument, drafts: DraftStore | None = None):
        self.instrument = instrument
        self.drafts = drafts or DraftStore(DRAFT_KIND)
        self.opened: Opened | None = None

    @property
    def code(self) -> str | None:
        return self.opened.code if self.opened else None

    @property
    def changed_elsewhere(self) -> tuple[str, ...]:
        return self.opened.changed_elsewhere if self.opened else ()

    @property
    def submitted_at(self) -> str | None:
        """When this draft became a submission (None while it is still a draft)."""
        return self.opened.submitted_at if self.opened else None

    @property
    def submission_id(self) -> str | None:
        """The submission this draft became (None while it is still a draft)."""
        return self.opened.submission_id if self.opened else None

    def save(self, assessment: Assessment) -> str:
        """Save what changed. If it cannot be saved, the change stays on the page (and in the
        model) and goes with the next save: the message says so."""
        data = assessment.to_draft()
        try:
            self.opened = self.drafts.create(data) if self.opened is None else self.drafts.save(self.opened, data)
        except StoreError as error:
            raise StoreError(NOT_SAVED_YET) from error
        return self.opened.code

    def submitted(self, submission_id: str, submitted_at: str) -> None:
        """Note that the draft has become this submission (the store has noted it too)."""
        if self.opened is not None:
            self.opened = replace(self.opened, submission_id=submission_id, submitted_at=submitted_at)

    def new_round(self, assessment: Assessment) -> str:
        """Start a new draft, under a new code, from these answers (next year's round): the
        submitted draft stays as it was submitted, and is what the new round is compared with."""
        if self.code is not None:
            assessment.previous_round = self.code
        assessment.reviews = {}  # what was reported on the round before that one stays with its submission
        self.opened = self.drafts.create(assessment.to_draft())
        return self.opened.code

    def resume(self, typed: str) -> Assessment:
        """Open the draft with this code (as typed, or from a link); later saves go to it."""
        code = parse_code(typed)
        opened = checked_code(self.drafts.load, code)
        if opened is None:
            raise Refused(f"No saved work has the code {code}. Check it against the one you noted.")
        assessment = Assessment.from_draft(self.instrument, opened.data)
        self.opened = opened
        return assessment
