"""What every question has, and the one rule that turns a response into a score."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import model_validator

from widgets.content.base import Slug, Strict, Text, check_unique
from widgets.errors import Refused


@dataclass(frozen=True)
class Marked:
    """The outcome of one answer: the score, the most it could score, and what to tell the learner.

    Scoring rule (documented in the README): a choice question scores 1 when exactly the right
    option(s) are chosen, else 0, out of 1; a sorting question scores one point per situation
    placed correctly, out of the number of situations.
    """

    score: int
    max_score: int
    feedback: tuple[str, ...]

    @property
    def correct(self) -> bool:
        return self.score == self.max_score


class Option(Strict):
    id: Slug
    text: Text
    feedback: str = ""


class ItemBase(Strict):
    id: Slug
    prompt: Text
    feedback: Text  # why the right answer is right, naming the framework element
    sources: list[Slug] = []


class ChoiceItemBase(ItemBase):
    options: list[Option]

    @model_validator(mode="after")
    def _options_are_distinct(self) -> "ChoiceItemBase":
        if len(self.options) < 2:
            raise Refused("`options` needs at least two options")
        check_unique("options", [o.id for o in self.options])
        return self

    @property
    def score_max(self) -> int:
        return 1

    def option(self, option_id: str) -> Option:
        """The option with this id; a value no option has (e.g. sent by a tampered page) is refused."""
        for candidate in self.options:
            if candidate.id == option_id:
                return candidate
        raise Refused(f"'{option_id}' is not one of this question's options")

    def check_names_options(self, field: str, names: list[str]) -> None:
        known = {o.id for o in self.options}
        for name in names:
            if name not in known:
                raise Refused(f"`{field}` names option '{name}', which does not exist")

    def verdict(self, right: bool, chosen: list[Option]) -> Marked:
        """Shared feedback: a plain-words verdict (never colour alone), the why, and option notes."""
        lines = ["Correct." if right else "Not quite."]
        lines += [o.feedback for o in chosen if o.feedback]
        lines.append(self.feedback)
        return Marked(score=1 if right else 0, max_score=1, feedback=tuple(lines))
