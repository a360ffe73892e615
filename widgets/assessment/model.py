"""One person's self-assessment in progress: details, an answer per item, and the rules.

The page keeps no state of its own: every widget writes here, and the whole state is what the
draft file holds, so a reload or crash loses nothing. Every value is checked on the way in,
because a Voila page can send any value to a widget and drafts are files on disk.
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any

from widgets.assessment.last_actions import ActionReview, PreviousAction, review_items
from widgets.content.instrument import AssessmentItem, Instrument, Section
from widgets.results import ItemResponse, Submission
from widgets.results.columns import ACTION_STATUSES, unstorable
from widgets.results.drafts import parse_code
from widgets.errors import Refused

MAX_TEXT = 5000  # longest free text one box holds (shown beside the box)
MAX_SHORT = 200  # longest name, team, role or action owner
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100  # a due date outside these years is a slip of the keyboard
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
UNREADABLE_DATE = object()  # what a date box held that the browser could not read as a date (31 February)
log = logging.getLogger(__name__)

DETAIL_FIELDS = ("organisation", "team", "respondent", "role")
TEXT_FIELDS = ("evidence", "children_say", "action", "action_owner")
REQUIRED_DETAILS = {"organisation": "organisation", "respondent": "your name"}  # field: how a message names it
DETAIL_NAMES = {"organisation": "organisation or service", "team": "team", "respondent": "name", "role": "role"}
PART_NAMES = {"evidence": "evidence", "children_say": "what children and young people say",
              "action": "next action", "action_owner": "who will do it", "action_due": "date by when"}


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
    left_out: list[str] = field(default_factory=list)  # parts of a saved draft that could not be read
    # The resume code of last round's self-assessment: what this one is compared with on a
    # server of its own (knowing an organisation's name is not enough to see its scores).
    previous_round: str = ""
    # Last round's actions (looked up from the round before, never saved in the draft) and what
    # is reported about each, by the item it was agreed for (saved in the draft).
    last_actions: tuple[PreviousAction, ...] = ()
    reviews: dict[str, ActionReview] = field(default_factory=dict)

    # --- changes (each one validated) -------------------------------------------------

    def set_detail(self, name: str, value: str) -> None:
        if name not in DETAIL_FIELDS:
            raise Refused(f"'{name}' is not one of the details asked for")
        self.details[name] = _checked(value, MAX_SHORT, f"Your {DETAIL_NAMES[name]}")

    def set_previous_round(self, typed: str) -> None:
        """Remember last round's code (as typed; empty to compare with nothing)."""
        self.previous_round = parse_code(typed) if (typed or "").strip() else ""

    def set_answer(self, item_id: str, name: str, value: Any) -> str | None:
        """Change one part of one item's answer, refusing anything the content does not allow
        (the message names the box and the item). Returns a gentle note to show, if any (a due
        date already past)."""
        item = self.item(item_id)  # raises for an unknown item
        answer = self.answer(item_id)
        where = f"The {PART_NAMES.get(name, name)} for \u201c{_short(item.text)}\u201d"
        note = None
        if name == "rating":
            value = self._rating(value)
        elif name == "participation_degree":
            value = _checked(value or "", MAX_SHORT, where)
            if value and value not in self.instrument.participation_degrees:
                raise Refused(f"'{value}' is not one of the degrees of participation listed")
        elif name == "action_due":
            value = _due_date(value, where)
            if value and date.fromisoformat(value) < date.today():
                note = f"{where} ({spoken_date(value)}) is already past. That is kept as you gave it; change it if you meant a later date."
        elif name in TEXT_FIELDS:
            value = _checked(value, MAX_SHORT if name == "action_owner" else MAX_TEXT, where)
        else:
            raise Refused(f"'{name}' is not part of an answer")
        self.answers[item_id] = replace(answer, **{name: value})
        return note

    def set_review(self, item_id: str, name: str, value: Any) -> None:
        """Report on one of last round's actions: its status (one of ``ACTION_STATUSES``, or
        empty: not reported) or a note; the message names the action."""
        action = next((a for a in self.last_actions if a.item_id == item_id), None)
        if action is None:
            raise Refused("That is not one of last round's actions listed on this page; reload the page to see them.")
        review = self.review(item_id)
        self.reviews[item_id] = replace(self._reviewed(review, name, value, f"The note on \u201c{_short(action.action)}\u201d"),
                                        action=action.action)

    def _reviewed(self, review: ActionReview, name: str, value: Any, where: str) -> ActionReview:
        if name == "status":
            value = value or ""
            if value not in ACTION_STATUSES and value != "":
                raise Refused(f"'{value}' is not one of the choices for an action")
            return replace(review, status=value)
        if name == "note":
            return replace(review, note=_checked(value, MAX_TEXT, where))
        raise Refused(f"'{name}' is not part of what is reported on an action")

    def review(self, item_id: str) -> ActionReview:
        """What is reported on the action listed for this item (nothing, if the saved report
        was about another action: last round's code was changed since)."""
        action = next((a for a in self.last_actions if a.item_id == item_id), None)
        found = self.reviews.get(item_id, ActionReview())
        return found if action is not None and found.is_for(action) else ActionReview()

    def reviews_given(self) -> int:
        """How many of last round's actions have a status reported."""
        return sum(bool(self.review(a.item_id).status) for a in self.last_actions)

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
            **({"previous_round": self.previous_round} if self.previous_round else {}),
            **({"action_reviews": reviews} if (reviews := {item_id: asdict(r) for item_id, r in self.reviews.items()
                                                            if not r.is_empty}) else {}),
        }

    @classmethod
    def from_draft(cls, instrument: Instrument, data: dict[str, Any]) -> "Assessment":
        """Rebuild from a saved draft. Values the content no longer allows (an item removed, a
        level renumbered) or that cannot be read (a damaged or very old draft) are left out one
        by one and listed in ``left_out``, never refusing the rest."""
        if not isinstance(data, dict) or data.get("instrument") != instrument.id:
            found = data.get("instrument") if isinstance(data, dict) else None
            raise Refused(
                f"That resume code is for another self-assessment ('{found}'): open its page and use the code there."
            )
        assessment = cls(instrument)
        details = data.get("details")
        for name, value in (details.items() if isinstance(details, dict) else []):
            try:
                assessment.set_detail(name, value)
            except Refused:
                assessment.left_out.append(f"details.{name}")
        if "previous_round" in data:
            try:
                assessment.set_previous_round(str(data["previous_round"]))
            except Refused:
                assessment.left_out.append("previous_round")
        saved_reviews = data.get("action_reviews")
        for item_id, review in (saved_reviews.items() if isinstance(saved_reviews, dict) else []):
            try:
                if not isinstance(review, dict) or not isinstance(review.get("action"), str):
                    raise Refused("not a report on an action")
                kept = ActionReview(action=review["action"])
                for name in ("status", "note"):
                    kept = assessment._reviewed(kept, name, review.get(name, ""), "A note on last round's action")
                assessment.reviews[str(item_id)] = kept
            except Refused:
                assessment.left_out.append(f"action_reviews.{item_id}")
        known = {item.id for item in instrument.items}
        answers = data.get("answers")
        for item_id, answer in (answers.items() if isinstance(answers, dict) else []):
            if item_id not in known or not isinstance(answer, dict):
                assessment.left_out.append(f"answers.{item_id}")
                continue
            for part in fields(Answer):
                if part.name in answer:
                    try:
                        assessment.set_answer(item_id, part.name, answer[part.name])
                    except Refused:
                        assessment.left_out.append(f"answers.{item_id}.{part.name}")
        if assessment.left_out:
            log.warning("Draft for %s: left out what could not be read: %s", instrument.id, ", ".join(assessment.left_out))
        return assessment

    def missing_details(self) -> list[str]:
        """The details a submission needs that are still empty, in page order."""
        return [name for name in REQUIRED_DETAILS if not self.details[name]]

    def submission(self) -> Submission:
        """The rows for the results store: one per item, blank ones kept as left blank on purpose.
        A self-assessment with nothing rated is not a submission."""
        missing = [REQUIRED_DETAILS[name] for name in self.missing_details()]
        if missing:
            raise Refused(f"Please fill in {' and '.join(missing)} at the top of the page before submitting.")
        if not any(self.is_answered(item.id) for item in self.instrument.items):
            raise Refused("Nothing is rated yet: rate at least one item before submitting.")
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
        reviews = {action.item_id: self.review(action.item_id) for action in self.last_actions}
        return Submission(
            kind="assessment",
            instrument=self.instrument.id,
            instrument_version=self.instrument.version,
            items=(*items, *review_items(self.last_actions, reviews)),
            **self.details,
        )


def _checked(value: Any, limit: int, where: str) -> str:
    """Text as typed, or a refusal that says which box and what to do: nothing is ever cut."""
    if not isinstance(value, str):
        raise Refused("Only text can go in this box.")
    if len(value) > limit:
        raise Refused(f"{where} is {len(value):,} characters long; a box holds {limit:,} at most. "
                      "Please shorten it: the text is still in the box, and the last version that fitted is saved.")
    if unstorable(value):
        raise Refused(f"{where} holds a broken character (half of an emoji, perhaps); please retype the last part you changed.")
    return value


def _due_date(value: Any, where: str) -> str:
    """A date, an ISO date text, or nothing, kept as YYYY-MM-DD; anything else is refused with
    a message naming the box (31 February, or the year 20277, is never turned into a date)."""
    if value is UNREADABLE_DATE:
        raise Refused(f"{where} is not a whole, real date. Check the day, month and year, or clear the box.")
    if value is None or value == "":
        return ""
    if isinstance(value, str) and DATE_PATTERN.match(value):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise Refused(f"{where}: {value} is not a real date. Check the day and month.") from None
    if not isinstance(value, date):
        raise Refused(f"{where}: '{value}' is not a date. Use the date picker, or write it like 2027-03-31.")
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise Refused(f"{where}: the year {value.year} looks like a slip of the keyboard. Check the year.")
    return value.isoformat()


def _short(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "\u2026"


def spoken_date(iso: str) -> str:
    """A date or time (2027-03-03, 2027-03-03T10:15:00Z) as people say it: 3 March 2027."""
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{when.day} {when:%B %Y}"
