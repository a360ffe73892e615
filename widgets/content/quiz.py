"""A module's quiz: its questions and the share of marks needed to pass."""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field, model_validator

from widgets.content.base import ContentFile, Slug, Text, check_unique
from widgets.quiz_items import QuizItem


class Quiz(ContentFile):
    id: Slug
    module: Slug
    version: Text
    pass_mark: Annotated[float, Field(gt=0, le=1)]  # share of the marks, e.g. 0.8 for 80%
    items: Annotated[list[QuizItem], Field(min_length=1)]

    @model_validator(mode="after")
    def _item_ids_unique(self) -> "Quiz":
        check_unique("items", [item.id for item in self.items])
        return self

    @property
    def max_score(self) -> int:
        return sum(item.score_max for item in self.items)

    @property
    def pass_points(self) -> int:
        """The fewest points that pass (every item scores whole points): what a learner is told
        they need, by the same rule as ``passes``."""
        return math.ceil(self.pass_mark * self.max_score - 1e-9)

    def passes(self, score: float) -> bool:
        """The one pass rule, used by the e-module and the trainer dashboard alike:
        the attempt's total score reaches pass_mark of the quiz's total possible."""
        return score >= self.pass_mark * self.max_score - 1e-9
