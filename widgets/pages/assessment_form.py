"""The form of a self-assessment: one block per item, grouped by section with its progress.

Views only: each item reports its changes through ``on_change(item_id, part, value)`` and
shows what the model holds through ``show(answer)``; the model decides what is allowed.
"""

from __future__ import annotations

import pathlib
from html import escape
from typing import Any, Callable

import ipywidgets as ipw
import traitlets

from widgets.assessment.model import EARLIEST_YEAR, LATEST_YEAR, MAX_TEXT, UNREADABLE_DATE, Answer
from widgets.content.instrument import AssessmentItem, Instrument, Section
from widgets.ui.choices import with_choice_inputs
from widgets.ui.focus import focus_marked
from widgets.ui.free_text import SharedParts, count_html
from widgets.ui.page_control import PageControl, is_one_of, shortened
from widgets.ui.markdown import to_html

HERE = pathlib.Path(__file__).parent
OnChange = Callable[[str, str, object], None]
NO_DEGREE = "Not chosen"
DEGREE_NAME = "Degree of participation used today"
DUE_RANGE = {"min": f"{EARLIEST_YEAR}-01-01", "max": f"{LATEST_YEAR}-12-31"}  # the date box's picker offers only these years


class ItemForm(PageControl):
    """One item: its statement, the rating and the boxes the instrument asks for, drawn by one
    widget (assessment_item.js) as native form controls; its traits hold what the page shows.

    A long form built from ipywidgets' own controls was 15 models an item (IV Standard 4's page
    208), each built by the browser before the page showed anything. What the page sends is
    checked by ``PageControl`` (only the parts a person changes, only values they allow); the
    model (``on_change``) decides the rest and says what to fix."""

    _esm = with_choice_inputs(HERE / "assessment_item.js")
    heading = traitlets.Unicode("", help="The statement and its guidance, as HTML").tag(sync=True)
    scale_name = traitlets.Unicode("", help="The rating's legend").tag(sync=True)
    scale = traitlets.List(traitlets.Dict(), help="[{label, value}] of the rating").tag(sync=True)
    degree_name = traitlets.Unicode(DEGREE_NAME, help="The degree of participation's legend").tag(sync=True)
    degrees = traitlets.List(traitlets.Dict(), help="[{label, value}]; none when not asked").tag(sync=True)
    texts = traitlets.List(traitlets.Dict(), help="[{part, label}] of the text boxes asked").tag(sync=True)
    plan = traitlets.List(traitlets.Dict(), help="[{part, label, type, min, max}] of who and by when, when asked").tag(sync=True)
    reminder = traitlets.Unicode("", help="The privacy reminder under each text box, as HTML").tag(sync=True)
    counts = traitlets.Dict(traitlets.Unicode(), help="part -> how much its box holds, as HTML").tag(sync=True)
    generation = traitlets.Int(0, help="Saved answers put in so far (show); what the page sent before the last is dropped").tag(sync=True)
    rating = traitlets.Any(None, allow_none=True).tag(sync=True)
    participation_degree = traitlets.Unicode("").tag(sync=True)
    evidence = traitlets.Unicode("").tag(sync=True)
    children_say = traitlets.Unicode("").tag(sync=True)
    action = traitlets.Unicode("").tag(sync=True)
    action_owner = traitlets.Unicode("").tag(sync=True)
    action_due = traitlets.Unicode("", help="YYYY-MM-DD, or empty").tag(sync=True)

    def __init__(self, item: AssessmentItem, instrument: Instrument, on_change: OnChange, shared: SharedParts):
        asks = instrument.asks
        texts = [{"part": part, "label": label} for part, label, wanted in (
            ("evidence", asks.evidence_label, asks.evidence),
            ("children_say", "What children and young people say", asks.children_say),
            ("action", "Next action: what will be done", asks.action),
        ) if wanted]
        plan = [{"part": "action_owner", "label": "Who will do it", "type": "text"},
                {"part": "action_due", "label": "By when", "type": "date", **DUE_RANGE}] if asks.action else []
        self.page_parts = ("rating", *(["participation_degree"] if asks.participation_degree else []),
                           *(text["part"] for text in texts), *(box["part"] for box in plan))
        self.item = item
        self._on_change = on_change
        self._showing = False
        guidance = to_html(item.guidance) if item.guidance else ""
        super().__init__(
            heading=f"<h4 class='viw-item-text'>{escape(item.text)}</h4>{guidance}",
            scale_name=instrument.scale.name,
            scale=[{"label": level.label, "value": level.value} for level in instrument.scale.levels],
            # "Not chosen" is an option of its own, so a degree chosen by mistake can be taken back.
            degrees=[{"label": NO_DEGREE, "value": ""}, *({"label": d, "value": d} for d in instrument.participation_degrees)]
            if asks.participation_degree else [],
            texts=texts,
            plan=plan,
            reminder=shared.reminder_html,
            counts={text["part"]: count_html("", MAX_TEXT) for text in texts},
            layout=shared.plain,
        )
        for part in self.page_parts:
            self.observe(lambda change, part=part: self._changed(part, change["new"]), part)
        self.on_msg(self._changed_on_page)
        self.add_class("viw-card")
        self.add_class("viw-item")
        self.add_class(f"viw-item-{item.id}")

    @traitlets.validate("rating")
    def _one_of_the_levels(self, proposal: dict[str, Any]) -> Any:
        value = proposal["value"]
        if value is not None and not is_one_of(value, [level["value"] for level in self.scale]):
            raise traitlets.TraitError(f"{shortened(repr(value))} is not one of the levels")
        return value

    @traitlets.validate("participation_degree")
    def _one_of_the_degrees(self, proposal: dict[str, Any]) -> Any:
        value = proposal["value"]
        if value != "" and not is_one_of(value, [degree["value"] for degree in self.degrees]):
            raise traitlets.TraitError(f"{shortened(repr(value))} is not one of the degrees")
        return value

    def _changed_on_page(self, _: Any, content: Any, __: Any) -> None:
        """A change the page sends (see assessment_item.js). One sent before the page had seen
        the saved answer last put in (a keystroke crossing "Carry on from this code") is
        dropped and the page shown the kernel's, so page and draft never differ. A date the
        browser could not read (31 February) goes to the model, which says what to fix; the
        date saved before stays."""
        if isinstance(content, dict) and content.get("kind") == "unreadable" and content.get("part") == "action_due" \
                and "action_due" in self.page_parts:
            self._on_change(self.item.id, "action_due", UNREADABLE_DATE)
            return
        taken = self.value_message(content)
        if taken is None:
            return
        part, value = taken
        if content.get("generation") != self.generation:
            self.send_state([part, "generation"])
            return
        self.take_from_page(part, value)

    def described(self) -> str:
        return f"An item ({self.item.id})"

    def _changed(self, part: str, value: object) -> None:
        if part in self.counts:
            self.counts = {**self.counts, part: count_html(str(value), MAX_TEXT)}
        if not self._showing:
            self._on_change(self.item.id, part, value)

    def take_focus(self) -> None:
        """Focus the item's statement (its rating is the next Tab stop)."""
        self.heading = focus_marked(self.heading)

    def show(self, answer: Answer) -> None:
        """Put a saved answer into the controls without treating it as a new change; the page
        gets it in one message with the new generation."""
        self._showing = True
        try:
            with self.hold_sync():
                for part in self.page_parts:
                    setattr(self, part, getattr(answer, part))
                self.generation += 1
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
