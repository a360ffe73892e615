"""Autosave and resume for one page: the draft behind a self-assessment in progress.

No draft is made until the first change, so opening a page (or running it headless) leaves
nothing behind; from then on each change saves the answers that changed, under the same code.
"""

from __future__ import annotations

from widgets.assessment.model import Assessment
from widgets.content.instrument import Instrument
from widgets.results.drafts import DraftStore, Opened, parse_code
from widgets.errors import Refused

DRAFT_KIND = "assessment"


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

    def save(self, assessment: Assessment) -> str:
        data = assessment.to_draft()
        self.opened = self.drafts.create(data) if self.opened is None else self.drafts.save(self.opened, data)
        return self.opened.code

    def resume(self, typed: str) -> Assessment:
        """Open the draft with this code (as typed, or from a link); later saves go to it."""
        code = parse_code(typed)
        opened = self.drafts.load(code)
        if opened is None:
            raise Refused(f"No saved work has the code {code}. Check it against the one you noted.")
        assessment = Assessment.from_draft(self.instrument, opened.data)
        self.opened = opened
        return assessment
