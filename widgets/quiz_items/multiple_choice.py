"""Multiple choice: tick every option that applies."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from widgets.quiz_items.base import ChoiceItemBase, Marked
from widgets.errors import Refused


class MultipleChoiceItem(ChoiceItemBase):
    type: Literal["multiple_choice"]
    correct: list[str]

    @model_validator(mode="after")
    def _correct_exists(self) -> "MultipleChoiceItem":
        if not self.correct:
            raise Refused("`correct` must name at least one option")
        self.check_names_options("correct", self.correct)
        return self

    def score(self, response: frozenset[str] | set[str] | list[str]) -> Marked:
        chosen = [self.option(option_id) for option_id in sorted(set(response))]
        if not chosen:
            raise Refused("Tick at least one option before checking your answer.")
        return self.verdict({o.id for o in chosen} == set(self.correct), chosen, set(self.correct))

    def key(self) -> tuple[str, ...]:
        """The right answers in words, for the review after the attempt."""
        return (f"The right answers: {self.texts(self.correct)}", self.feedback)

    def describe(self, response: frozenset[str] | set[str] | list[str]) -> str:
        return self.texts([o.id for o in self.options if o.id in set(response)])

    @staticmethod
    def encode(response: frozenset[str] | set[str] | list[str]) -> str:
        return ";".join(sorted(set(response)))

    @staticmethod
    def decode(text: str) -> frozenset[str]:
        """A response as ``encode`` wrote it (the results service re-marks stored answers)."""
        return frozenset(part for part in text.split(";") if part)
