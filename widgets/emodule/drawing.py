"""Which questions an attempt asks, and in what order their options are shown.

An attempt is named by its plan: its id (the attempt's submission id once saved), a random
seed and the fingerprint of the quiz bank it drew from. Everything else follows from the seed
and that bank, so the plan, kept in the learner's record, is all a reload needs to show the
same questions in the same order, and all the results service needs to mark the questions
this attempt asked even after a trainer edits the bank (``bank_fingerprint``). A new attempt
gets a new seed and so (usually) a new set. Results rows keep question and option ids, never
positions.
"""

from __future__ import annotations

import hashlib
import random
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from widgets.content.quiz import Quiz
from widgets.quiz_items import QuizItem
from widgets.quiz_items.base import ChoiceItemBase


def bank_fingerprint(quiz: Quiz) -> str:
    """Names one version of a quiz as a trainer saved it (its bank, draw, keys and pass mark):
    any edit gives a new fingerprint, so the same seed on two versions is never mistaken for one."""
    return hashlib.sha256(quiz.model_dump_json().encode()).hexdigest()[:16]


@dataclass(frozen=True)
class AttemptPlan:
    attempt_id: str
    seed: int
    bank: str = ""  # the fingerprint of the quiz version drawn from ("": a plan saved before it was kept)

    @classmethod
    def new(cls, quiz: Quiz) -> "AttemptPlan":
        return cls(str(uuid.uuid4()), secrets.randbits(48), bank_fingerprint(quiz))

    @classmethod
    def from_dict(cls, data: Any) -> "AttemptPlan | None":
        """A saved plan, or None when it cannot be read (a new attempt is then drawn)."""
        try:
            return cls(str(data["attempt_id"]), int(data["seed"]), str(data.get("bank") or ""))
        except (KeyError, TypeError, ValueError, AttributeError):
            return None

    def drew_from(self, quiz: Quiz) -> bool:
        """Whether this plan was drawn from this version of the quiz."""
        return self.bank == bank_fingerprint(quiz)


def drawn_items(quiz: Quiz, seed: int) -> list[QuizItem]:
    """``quiz.per_attempt`` items, at least one of each type the bank has, in the bank's order
    (the trainer's order: e.g. recall before scenarios)."""
    rng = random.Random(f"{quiz.id}:{seed}")
    first = [rng.choice([item for item in quiz.items if item.type == kind]) for kind in quiz.types]
    rest = [item for item in quiz.items if item not in first]
    chosen = {item.id for item in first + rng.sample(rest, quiz.per_attempt - len(first))}
    return [item for item in quiz.items if item.id in chosen]


def shown(item: QuizItem, seed: int) -> QuizItem:
    """The item as this attempt shows it: a choice question's options shuffled (ids kept). A
    sorting question keeps its categories in order: they are often a scale (Treseder's degrees)."""
    if not isinstance(item, ChoiceItemBase):
        return item
    options = list(item.options)
    random.Random(f"{item.id}:{seed}").shuffle(options)
    return item.model_copy(update={"options": options})


def attempt_items(quiz: Quiz, plan: AttemptPlan) -> list[QuizItem]:
    """The questions of one attempt as shown: drawn, then each one's options shuffled."""
    return [shown(item, plan.seed) for item in drawn_items(quiz, plan.seed)]
