"""One person's self-assessment in progress: details, an answer per item, and the rules.

The page keeps no state of its own: every widget writes here, and the whole state is what the
draft file holds, so a reload or crash loses nothing. Every value is checked on the way in,
because a Voila page can send any value to a widget and drafts are files on disk.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from typing import Any

from widgets.content.instrument import AssessmentItem, Instrument, Section
from widgets.results import ItemResponse, Submission
from widgets.errors import Refused

MAX_TEXT = 5000  # longest free text kept for one box
MAX_SHORT = 200  # longest name, team, role or action owner
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DETAIL_FIELDS = ("organisation", "team", "respondent", "role")
TEXT_FIELDS = ("evidence", "children_say", "action", "action_owner")
REQUIRED_DETAILS = {"organisation": "organisation", "respondent": "your name"}  # field: how a message names it


@dataclass(frozen=True)
class Answer:
    """What was given for one item. ``rating`` is a scale value, or None when not rated yet."""

    rating: int | None = None
    participation_degree: str = ""
    evidence: str = ""
    children_say: str = ""
    action: str = ""
    action_owner: str = ""
    action_due: str = ""  # YYYY-MM-DD or empty

    @property
    def is_empty(self) -> bool:
        return self == Answer()


@dataclass
class Assessment:
    """The state of one self-assessment: who fills it in and the answer to each item."""

    instrument: Instrument
    details: dict[str, str] = field(default_factory=lambda: {name: "" for name in DETAIL_FIELDS})
    answers: dict[str, Answer] = field(default_factory=dict)

    # --- changes (each one validated) -------------------------------------------------

    def set_detail(self, name: str, value: str) -> None:
        if name not in DETAIL_FIELDS:
            raise Refused(f"'{name}' is not one of the details asked for")
        self.details[name] = _clean(value, MAX_SHORT)

    def set_answer(self, item_id: str, name: str, value: Any) -> None:
        """Change one part of one item's answer, refusing anything the content does not allow."""
        self.item(item_id)  # raises for an unknown item
        answer = self.answer(item_id)
        if name == "rating":
            value = self._rating(value)
        elif name == "participation_degree":
            value = _clean(value or "", MAX_SHORT)
            if value and value not in self.instrument.participation_degrees:
                raise Refused(f"'{value}' is not one of the degrees of participation listed")
        elif name == "action_due":
            value = _due_date(value)
        elif name in TEXT_FIELDS:
            value = _clean(value, MAX_SHORT if name == "action_owner" else MAX_TEXT)
        else:
            raise Refused(f"'{name}' is not part of an answer")
        self.answers[item_id] = replace(answer, **{name: value})

    def _rating(self, value: Any) -> int | None:
        if value is None or value == "":
            return None
        allowed = {level.value for level in self.instrument.scale.levels}
        try:
            rating = int(value)
        except (TypeError, ValueError):
            rating = None
        if rating not in allowed or isinstance(value, bool):
            raise Refused(f"'{value}' is not a level on the {self.instrument.scale.name} scale")
        return rating

    # --- questions about the state ------------------------------------------------------

    def item(self, item_id: str) -> AssessmentItem:
        for item in self.instrument.items:
            if item.id == item_id:
                return item
        raise Refused(f"'{item_id}' is not an item of {self.instrument.title}")

    def answer(self, item_id: str) -> Answer:
        return self.answers.get(item_id, Answer())

    def is_answered(self, item_id: str) -> bool:
        """An item counts as answered once it has a rating; the boxes beside it are optional."""
        return self.answer(item_id).rating is not None

    def progress(self, section: Section | None = None) -> tuple[int, int]:
        """(answered, total) for one section, or for the whole instrument."""
        items = section.items if section else self.instrument.items
        return sum(self.is_answered(i.id) for i in items), len(items)

    def incomplete(self) -> list[AssessmentItem]:
        """Items with no rating yet, in page order: listed before submitting."""
        return [item for item in self.instrument.items if not self.is_answered(item.id)]

    def level_label(self, rating: int | None) -> str:
        return next((lvl.label for lvl in self.instrument.scale.levels if lvl.value == rating), "")

    # --- drafts and submissions ---------------------------------------------------------

    def to_draft(self) -> dict[str, Any]:
        """Everything needed to carry on later, as JSON-ready data."""
        return {
            "instrument": self.instrument.id,
            "instrument_version": self.instrument.version,
            "details": dict(self.details),
            "answers": {item_id: asdict(a) for item_id, a in self.answers.items() if not a.is_empty},
        }

    @classmethod
    def from_draft(cls, instrument: Instrument, data: dict[str, Any]) -> "Assessment":
        """Rebuild from a draft file. Values the content no longer allows (an item removed, a
        level renumbered) are dropped rather than refusing the whole draft."""
        if data.get("instrument") != instrument.id:
            raise Refused(
                f"That resume code is for another self-assessment ('{data.get('instrument')}'): open its page and use the code there."
            )
        assessment = cls(instrument)
        for name, value in (data.get("details") or {}).items():
            if name in DETAIL_FIELDS and isinstance(value, str):
                assessment.set_detail(name, value)
        known = {item.id for item in instrument.items}
        for item_id, answer in (data.get("answers") or {}).items():
            if item_id not in known or not isinstance(answer, dict):
                continue
            for part in fields(Answer):
                if part.name in answer:
                    try:
                        assessment.set_answer(item_id, part.name, answer[part.name])
                    except ValueError:
                        continue
        return assessment

    def missing_details(self) -> list[str]:
        """The details a submission needs that are still empty, in page order."""
        return [name for name in REQUIRED_DETAILS if not self.details[name]]

    def submission(self) -> Submission:
        """The rows for the results store: one per item, blank ones kept as left blank on purpose."""
        missing = [REQUIRED_DETAILS[name] for name in self.missing_details()]
        if missing:
            raise Refused(f"Please fill in {' and '.join(missing)} at the top of the page before submitting.")
        top = self.instrument.scale.max_value
        items = []
        for item in self.instrument.items:
            answer = self.answer(item.id)
            rated = answer.rating is not None
            items.append(
                ItemResponse(
                    item_id=item.id,
                    response=str(answer.rating) if rated else "",
                    score=answer.rating if rated else None,
                    max_score=top if rated else None,
                    evidence=answer.evidence,
                    action=answer.action,
                    action_owner=answer.action_owner,
                    action_due=answer.action_due,
                    children_say=answer.children_say,
                    participation_degree=answer.participation_degree,
                )
            )
        return Submission(
            kind="assessment",
            instrument=self.instrument.id,
            instrument_version=self.instrument.version,
            items=tuple(items),
            **self.details,
        )


def _clean(value: Any, limit: int) -> str:
    if not isinstance(value, str):
        raise Refused("Only text can go in this box.")
    return value[:limit]


def _due_date(value: Any) -> str:
    """Accept a date, an ISO date text, or nothing; keep it as YYYY-MM-DD."""
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and DATE_PATTERN.match(value):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise Refused(f"'{value}' is not a date: use the date picker, or write it like 2027-03-31.")
