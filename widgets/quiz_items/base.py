"""What every question has, and the one rule that turns a response into a score."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import model_validator

from widgets.content.base import Slug, Strict, Text, check_unique
from widgets.errors import Refused


@dataclass(frozen=True)
class Marked:
    """The outcome of one answer: the score, the most it could score, and what to tell the learner
    when they check it.

    Scoring rule (documented in the README): every question is worth one point. A choice
    question scores 1 when exactly the right option(s) are chosen, else 0; a sorting question
    shares its point among its situations (3 of 4 placed correctly scores 0.75).

    ``feedback`` says right or wrong and why, but for a wrong answer never which option is
    right: that is the question's ``key()``, shown in the review once the attempt is scored.
    """

    score: float
    max_score: float
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

    @property
    def score_max(self) -> int:
        """Every question is worth one point, whatever its type (``Marked``)."""
        return 1


class ChoiceItemBase(ItemBase):
    options: list[Option]

    @model_validator(mode="after")
    def _options_are_distinct(self) -> "ChoiceItemBase":
        if len(self.options) < 2:
            raise Refused("`options` needs at least two options")
        check_unique("options", [o.id for o in self.options])
        return self

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

    def verdict(self, right: bool, chosen: list[Option], correct: set[str]) -> Marked:
        """Shared feedback: a plain-words verdict (never colour alone), then why. A right answer
        hears why it is right; a wrong one hears why its wrong choices are wrong, and nothing
        about the right options (their notes would give the answer away)."""
        if right:
            lines = ["Correct.", *(o.feedback for o in chosen if o.feedback), self.feedback]
        else:
            lines = ["Not quite.", *(o.feedback for o in chosen if o.feedback and o.id not in correct)]
        return Marked(score=1 if right else 0, max_score=1, feedback=tuple(lines))

    def texts(self, option_ids: list[str]) -> str:
        return "; ".join(self.option(option_id).text for option_id in option_ids)
