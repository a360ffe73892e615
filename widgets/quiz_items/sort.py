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

    def label(self, category_id: str) -> str:
        for category in self.categories:
            if category.id == category_id:
                return category.label
        raise Refused(f"'{category_id}' is not one of this question's categories")

    def score(self, response: dict[str, str]) -> Marked:
        """The question's one point, shared among its situations. Each situation is said to be
        right or not; where a wrong one belongs is kept for the review (``key``)."""
        missing = [s for s in self.scenarios if not response.get(s.id)]
        if missing:
            raise Refused(f"Place every situation before checking: {len(missing)} still to place.")
        for scenario in self.scenarios:
            self.label(response[scenario.id])  # a category no one offered is refused
        right = [response[s.id] == s.correct for s in self.scenarios]
        lines = [
            f"Situation {number}: {'right' if placed else 'not this one'}, {self.label(response[s.id])}."
            for number, (s, placed) in enumerate(zip(self.scenarios, right), start=1)
        ]
        total = len(self.scenarios)
        if all(right):
            return Marked(score=1, max_score=1, feedback=("All placed correctly.", *lines, self.feedback))
        return Marked(score=sum(right) / total, max_score=1, feedback=(f"{sum(right)} of {total} placed correctly.", *lines))

    def key(self) -> tuple[str, ...]:
        """Where each situation belongs and why, for the review after the attempt."""
        places = [
            f"Situation {number}: {self.label(s.correct)}.{' ' + s.feedback if s.feedback else ''}"
            for number, s in enumerate(self.scenarios, start=1)
        ]
        return (*places, self.feedback)

    def describe(self, response: dict[str, str]) -> str:
        return "; ".join(f"Situation {n}: {self.label(response[s.id])}" for n, s in enumerate(self.scenarios, start=1))

    @staticmethod
    def encode(response: dict[str, str]) -> str:
        return ";".join(f"{key}={value}" for key, value in sorted(response.items()))

    def decode(self, text: str) -> dict[str, str]:
        """A response as ``encode`` wrote it (the results service re-marks stored answers); a
        part without its ``=``, or a situation this question does not have, is refused."""
        pairs = [part.split("=", 1) for part in text.split(";") if part]
        if any(len(pair) != 2 for pair in pairs):
            raise Refused("A sorting answer names each situation and its category as situation=category.")
        known = {scenario.id for scenario in self.scenarios}
        unknown = sorted({situation for situation, _ in pairs} - known)
        if unknown:
            raise Refused(f"'{unknown[0]}' is not one of this question's situations")
        return {situation: category for situation, category in pairs}
