"""Autosave and resume for one page: the draft file behind a self-assessment in progress.

No draft is made until the first change, so opening a page (or running it headless) leaves no
file behind; from then on every change rewrites the draft under the same resume code.
"""

from __future__ import annotations

from widgets.assessment.model import Assessment
from widgets.content.instrument import Instrument
from widgets.results.drafts import DraftStore, parse_code

DRAFT_KIND = "assessment"


class Autosave:
    """Keeps one assessment's draft; ``code`` is None until something has been saved."""

    def __init__(self, instrument: Instrument, drafts: DraftStore | None = None):
        self.instrument = instrument
        self.drafts = drafts or DraftStore(DRAFT_KIND)
        self.code: str | None = None

    def save(self, assessment: Assessment) -> str:
        data = assessment.to_draft()
        if self.code is None:
            self.code = self.drafts.create(data)
        else:
            self.drafts.save(self.code, data)
        return self.code

    def resume(self, typed: str) -> Assessment:
        """Open the draft with this code (as typed, or from a link); later saves go to it."""
        code = parse_code(typed)
        data = self.drafts.load(code)
        if data is None:
            raise ValueError(f"No saved work has the code {code}. Check it against the one you noted.")
        assessment = Assessment.from_draft(self.instrument, data)
        self.code = code
        return assessment

