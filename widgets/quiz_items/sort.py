"""Scenario sorting: place each real situation into a category (a Lundy element, a Treseder
degree, a ladder step)."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from widgets.content.base import Slug, Strict, Text, check_unique
from widgets.quiz_items.base import ItemBase, Marked
from widgets.errors import Refused


class Category(Strict):
    id: Slug
    label: Text


class Scenario(Strict):
    id: Slug
    text: Text
    correct: str
    feedback: str = ""


class SortItem(ItemBase):
    type: Literal["sort"]
    categories: list[Category]
    scenarios: list[Scenario]

    @model_validator(mode="after")
    def _scenarios_fit_categories(self) -> "SortItem":
        if len(self.categories) < 2:
            raise Refused("`categories` needs at least two categories")
        if len(self.scenarios) < 2:
            raise Refused("`scenarios` needs at least two situations to sort")
        known = {c.id for c in self.categories}
        for scenario in self.scenarios:
            if scenario.correct not in known:
                raise Refused(
                    f"`scenarios` situation '{scenario.id}': `correct` names category "
                    f"'{scenario.correct}', which does not exist"
                )
        check_unique("scenarios", [s.id for s in self.scenarios])
        check_unique("categories", [c.id for c in self.categories])
        return self

    @property
    def score_max(self) -> int:
        return len(self.scenarios)

    def label(self, category_id: str) -> str:
        for category in self.categories:
            if category.id == category_id:
                return category.label
        raise Refused(f"'{category_id}' is not one of this question's categories")

    def score(self, response: dict[str, str]) -> Marked:
        missing = [s for s in self.scenarios if not response.get(s.id)]
        if missing:
            raise Refused(f"Place every situation before checking: {len(missing)} still to place.")
        right = 0
        lines: list[str] = []
        for number, scenario in enumerate(self.scenarios, start=1):
            placed = self.label(response[scenario.id])
            if response[scenario.id] == scenario.correct:
                right += 1
                lines.append(f"Situation {number}: right, it is {placed}.")
            else:
                note = f" {scenario.feedback}" if scenario.feedback else ""
                lines.append(
                    f"Situation {number}: you chose {placed}; it is {self.label(scenario.correct)}.{note}"
                )
        verdict = "All placed correctly." if right == len(self.scenarios) else f"{right} of {len(self.scenarios)} placed correctly."
        return Marked(score=right, max_score=len(self.scenarios), feedback=(verdict, *lines, self.feedback))

    @staticmethod
    def encode(response: dict[str, str]) -> str:
        return ";".join(f"{key}={value}" for key, value in sorted(response.items()))
