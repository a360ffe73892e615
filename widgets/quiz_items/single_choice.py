"""Single choice: pick one option."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from widgets.quiz_items.base import ChoiceItemBase, Marked


class SingleChoiceItem(ChoiceItemBase):
    type: Literal["single_choice"]
    correct: str

    @model_validator(mode="after")
    def _correct_exists(self) -> "SingleChoiceItem":
        self.check_names_options("correct", [self.correct])
        return self

    def score(self, response: str) -> Marked:
        chosen = self.option(response)
        return self.verdict(chosen.id == self.correct, [chosen], {self.correct})

    def key(self) -> tuple[str, ...]:
        """The right answer in words, for the review after the attempt."""
        return (f"The right answer: {self.option(self.correct).text}", self.feedback)

    def describe(self, response: str) -> str:
        return self.option(response).text

    @staticmethod
    def encode(response: str) -> str:
        return response

    @staticmethod
    def decode(text: str) -> str:
        """A response as ``encode`` wrote it (the results service re-marks stored answers)."""
        return text
