"""The form of a self-assessment: one block per item, grouped by section with its progress.

Views only: each control reports its changes through ``on_change(item_id, part, value)`` and
shows what the model holds through ``show(answer)``; the model decides what is allowed.
"""

from __future__ import annotations

import datetime
from html import escape
from typing import Callable

import ipywidgets as ipw

from widgets.assessment.model import MAX_TEXT, Answer
from widgets.content.instrument import AssessmentItem, Instrument, Section
from widgets.ui.choices import SingleChoice
from widgets.ui.focus import move_focus_to
from widgets.ui.free_text import FreeText, SharedParts
from widgets.ui.markdown import to_html

OnChange = Callable[[str, str, object], None]
NO_DEGREE = "Not chosen"


class ItemForm(ipw.VBox):
    """One item: its statement, the rating and the boxes the instrument asks for."""

    def __init__(self, item: AssessmentItem, instrument: Instrument, on_change: OnChange, shared: SharedParts):
        self.item = item
        self._on_change = on_change
        self._showing = False
        asks = instrument.asks
        self.controls: dict[str, ipw.ValueWidget | SingleChoice] = {}
        self.rating = SingleChoice([(level.label, level.value) for level in instrument.scale.levels],
                                   legend=instrument.scale.name, layout=shared.plain)
        self.controls["rating"] = self.rating
        if asks.participation_degree:
            # "Not chosen" is an option of its own, so a degree chosen by mistake can be taken back.
            self.controls["participation_degree"] = SingleChoice(
                [(NO_DEGREE, "")] + [(d, d) for d in instrument.participation_degrees],
                value="",
                legend="Degree of participation used today",
                layout=shared.plain,
            )
        texts: list[FreeText] = []
        for part, label, wanted in (
            ("evidence", asks.evidence_label, asks.evidence),
            ("children_say", "What children and young people say", asks.children_say),
            ("action", "Next action: what will be done", asks.action),
        ):
            if wanted:
                text = FreeText(label, rows=2, max_length=MAX_TEXT, shared=shared)
                texts.append(text)
                self.controls[part] = text.box
        if asks.action:
            self.controls["action_owner"] = ipw.Text(description="Who will do it", style=shared.style, layout=shared.plain)
            self.controls["action_due"] = ipw.DatePicker(description="By when", style=shared.style, layout=shared.plain)
        for part, control in self.controls.items():
            control.add_class(f"viw-{part.replace('_', '-')}")  # a stable handle for tests and styles
            control.observe(lambda change, part=part: self._changed(part, change["new"]), "value")
        guidance = to_html(item.guidance) if item.guidance else ""
        self._heading = shared.html(f"<h4 class='viw-item-text'>{escape(item.text)}</h4>{guidance}")
        choices = [self.controls[p] for p in ("rating", "participation_degree") if p in self.controls]
        when = [self.controls[p] for p in ("action_owner", "action_due") if p in self.controls]
        super().__init__([self._heading, *choices, *texts, *when], layout=shared.plain)
        self.add_class("viw-card")
        self.add_class("viw-item")
        self.add_class(f"viw-item-{item.id}")

    def _changed(self, part: str, value: object) -> None:
        if not self._showing:
            self._on_change(self.item.id, part, value)

    def take_focus(self) -> None:
        """Focus the item's statement (its rating is the next Tab stop); ipywidgets' own focus()
        on radio buttons lands on a label, which cannot take it."""
        move_focus_to(self._heading)

    def show(self, answer: Answer) -> None:
        """Put a saved answer into the controls without treating it as a new change."""
        self._showing = True
        try:
            for part, control in self.controls.items():
                value = getattr(answer, part)
                if part == "action_due":
                    value = datetime.date.fromisoformat(value) if value else None
                control.value = value
        finally:
            self._showing = False


class SectionForm(ipw.VBox):
    """A section: title, introduction, progress line and its items."""

    def __init__(self, section: Section, instrument: Instrument, on_change: OnChange, shared: SharedParts):
        self.section = section
        self.items = [ItemForm(item, instrument, on_change, shared) for item in section.items]
        self.progress = shared.html()
        self.progress.add_class("viw-progress")
        intro = to_html(section.intro) if section.intro else ""
        super().__init__([shared.html(f"<h3>{escape(section.title)}</h3>{intro}"), self.progress, *self.items], layout=shared.plain)
        self.add_class("viw-section")
        self.add_class(f"viw-section-{section.id}")

    def show_progress(self, answered: int, total: int) -> None:
        self.progress.value = f"<p><strong>{answered} of {total} answered</strong> in this section</p>"
