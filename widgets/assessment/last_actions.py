"""Last round's actions, reviewed in this round: what each action was, and what is reported
about it ("Done", "Partly done", "Not started", "No longer needed", or nothing: not reported).

The actions come from the stored rows of the round before (``previous_round.find_round``); what
is reported goes into this round's submission as rows of kind ``action_review`` (the results
format, ``widgets.results.columns``), one per action listed, answered or not, so a trainer can
tell "not reported" from "not asked".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from widgets.content.instrument import Instrument
from widgets.results.columns import ACTION_REVIEW_KIND, ACTION_REVIEW_PREFIX, ACTION_STATUSES, NOT_REPORTED
from widgets.results.keys import same_key
from widgets.results.submission import ItemResponse


@dataclass(frozen=True)
class PreviousAction:
    """One action agreed last round, as it was listed."""

    item_id: str
    item_text: str
    action: str
    owner: str
    due: str  # YYYY-MM-DD or empty


@dataclass(frozen=True)
class ActionReview:
    """What is reported about one of last round's actions; ``action`` is the action's text as it
    was listed, so a review never attaches itself to a different action of the same item."""

    action: str = ""
    status: str = ""  # a key of ACTION_STATUSES, or empty: not reported
    note: str = ""

    def is_for(self, action: PreviousAction) -> bool:
        return same_key(self.action) == same_key(action.action)

    @property
    def is_empty(self) -> bool:
        return not self.status and not self.note


def status_label(status: str) -> str:
    return ACTION_STATUSES.get(status, NOT_REPORTED)


def actions_of(instrument: Instrument, rows: Sequence[Mapping[str, str]]) -> tuple[PreviousAction, ...]:
    """The actions in a stored round's rows (its self-assessment rows, not its own reviews), in
    the order of the instrument's items; an item the content no longer has keeps its id as text."""
    texts = {item.id: item.text for item in instrument.items}
    order = {item.id: n for n, item in enumerate(instrument.items)}
    found = [PreviousAction(row["item_id"], texts.get(row["item_id"], row["item_id"]), row["action"], row["action_owner"],
                            row["action_due"])
             for row in rows if row["kind"] != ACTION_REVIEW_KIND and row["action"].strip()]
    return tuple(sorted(found, key=lambda a: (order.get(a.item_id, len(order)), a.item_id)))


def review_items(actions: Sequence[PreviousAction], reviews: Mapping[str, ActionReview]) -> tuple[ItemResponse, ...]:
    """One row per action listed: its text, owner and due date as listed, the status (empty:
    not reported) and the note."""
    items = []
    for action in actions:
        review = reviews.get(action.item_id, ActionReview())
        review = review if review.is_for(action) else ActionReview()
        items.append(ItemResponse(item_id=ACTION_REVIEW_PREFIX + action.item_id, response=review.status,
                                  evidence=review.note, action=action.action, action_owner=action.owner,
                                  action_due=action.due, kind=ACTION_REVIEW_KIND))
    return tuple(items)


def reviewed_item(item_id: str) -> str:
    """The item an action_review row's action was agreed for."""
    return item_id.removeprefix(ACTION_REVIEW_PREFIX)
