"""Last round's actions on a self-assessment page: each action as it was listed (what, who, by
when) with a status to choose and an optional note.

Views only, like ``assessment_form``: changes go out through ``on_change(item_id, part, value)``
and ``show`` puts what the model holds back into the controls; the model decides what is allowed.
"""

from __future__ import annotations

from html import escape
from typing import Callable, Sequence

import ipywidgets as ipw

from widgets.assessment.last_actions import ActionReview, PreviousAction
from widgets.assessment.model import MAX_TEXT, spoken_date
from widgets.results.columns import ACTION_STATUSES, NOT_REPORTED
from widgets.ui.choices import SingleChoice
from widgets.ui.free_text import FreeText, SharedParts

OnChange = Callable[[str, str, object], None]
# "Not reported" is an option of its own, so a status chosen by mistake can be taken back.
STATUS_OPTIONS = [(NOT_REPORTED, ""), *((label, status) for status, label in ACTION_STATUSES.items())]


class ActionReviewForm(ipw.VBox):
    """One of last round's actions: what it was, then its status and a note."""

    def __init__(self, action: PreviousAction, number: int, on_change: OnChange, shared: SharedParts):
        self.action = action
        self._on_change = on_change
        self._showing = False
        due = spoken_date(action.due) if action.due else "no date given"
        owner = action.owner or "not named"
        self._heading = shared.html(
            f"<h3 class='viw-action-heading'>Action {number}, for \u201c{escape(action.item_text)}\u201d</h3>"
            f"<p><strong>What:</strong> <span class='viw-last-action' dir='auto'>{escape(action.action)}</span></p>"
            f"<p><strong>Who:</strong> <span dir='auto'>{escape(owner)}</span>. <strong>By when:</strong> {escape(due)}.</p>")
        self.status = SingleChoice(STATUS_OPTIONS, value="", legend=f"How far has action {number} got?", layout=shared.plain)
        self.status.add_class("viw-action-status")
        self.note = FreeText(f"Note on action {number} (optional)", rows=2, max_length=MAX_TEXT, shared=shared)
        self.note.box.add_class("viw-action-note")
        self.status.observe(lambda change: self._changed("status", change["new"]), "value")
        self.note.box.observe(lambda change: self._changed("note", change["new"]), "value")
        super().__init__([self._heading, self.status, self.note], layout=shared.plain)
        self.add_class("viw-card")
        self.add_class("viw-action-review")

    def _changed(self, part: str, value: object) -> None:
        if not self._showing:
            self._on_change(self.action.item_id, part, value)

    def show(self, review: ActionReview) -> None:
        self._showing = True
        try:
            self.status.value = review.status
            self.note.box.value = review.note
        finally:
            self._showing = False


class LastActions(ipw.VBox):
    """Every action of the round before, or nothing at all when no round before is known."""

    def __init__(self, on_change: OnChange, shared: SharedParts):
        self._on_change = on_change
        self._shared = shared
        self.forms: list[ActionReviewForm] = []
        super().__init__()
        self.add_class("viw-last-actions")

    def list(self, actions: Sequence[PreviousAction], when: str) -> None:
        """Show these actions (a new list only when they changed: a reload of the same round keeps the controls)."""
        if [form.action for form in self.forms] == list(actions):
            return
        self.forms = [ActionReviewForm(action, n, self._on_change, self._shared) for n, action in enumerate(actions, 1)]
        if not actions:
            self.children = ()
            return
        intro = ipw.HTML(
            f"<h2>Last round's actions</h2><p>These are the actions your last round (submitted on {escape(spoken_date(when))}) "
            "agreed. For each, say how far it has got, and add a note if you wish. Any you leave as "
            f"\u201c{NOT_REPORTED}\u201d are sent as not reported.</p>")
        self.children = (intro, *self.forms)

    def show(self, reviews: Callable[[str], ActionReview]) -> None:
        for form in self.forms:
            form.show(reviews(form.action.item_id))
