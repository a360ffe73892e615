"""A module's quiz: its bank of questions, how many an attempt draws, when the right answers
are shown, and the share of marks needed to pass."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field, model_validator

from widgets.content.base import ContentFile, Slug, Text, check_unique
from widgets.quiz_items import QuizItem

# When the scored attempt shows every question with its right answers (as Moodle's review
# options): straight after any scored attempt, only after a passing one, or never.
Review = Literal["after_attempt", "after_pass", "never"]


class Quiz(ContentFile):
    id: Slug
    module: Slug
    version: Text
    pass_mark: Annotated[float, Field(gt=0, le=1)]  # share of the marks, e.g. 0.8 for 80%
    items: Annotated[list[QuizItem], Field(min_length=1)]
    draw: Annotated[int, Field(ge=1)] | None = None  # questions per attempt; absent: every item
    review: Review = "after_attempt"

    @model_validator(mode="after")
    def _item_ids_unique(self) -> "Quiz":
        check_unique("items", [item.id for item in self.items])
        return self

    @model_validator(mode="after")
    def _draw_fits_the_bank(self) -> "Quiz":
        if self.draw is None:
            return self
        if self.draw > len(self.items):
            raise ValueError(f"`draw` asks for {self.draw} questions an attempt, but the bank has only {len(self.items)} items")
        if self.draw < len(self.types):
            raise ValueError(
                f"`draw` is {self.draw}, but every attempt has at least one question of each type in the bank "
                f"({', '.join(self.types)}): draw at least {len(self.types)}"
            )
        return self

    @property
    def types(self) -> list[str]:
        """The question types in the bank, in the order they first appear."""
        return list(dict.fromkeys(item.type for item in self.items))

    @property
    def per_attempt(self) -> int:
        return self.draw or len(self.items)

    @property
    def max_score(self) -> int:
        """The most an attempt can score: every question is worth one point (``Marked``)."""
        return self.per_attempt

    @property
    def pass_points(self) -> int:
        """The fewest points that pass (every item scores whole points): what a learner is told
        they need, by the same rule as ``passes``."""
        return math.ceil(self.pass_mark * self.max_score - 1e-9)

    def passes(self, score: float) -> bool:
        """The one pass rule, used by the e-module and the trainer dashboard alike:
        the attempt's total score reaches pass_mark of the quiz's total possible."""
        return score >= self.pass_mark * self.max_score - 1e-9
