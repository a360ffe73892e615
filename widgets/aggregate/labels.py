"""Words for the ids in results: module titles, question prompts, outcome and item texts.

Built once from the content; an id that content does not know (a file from a service with
other content, or an older version) falls back to the id itself, so nothing is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from widgets.content import Content
from widgets.content.quiz import Quiz


@dataclass(frozen=True)
class Labels:
    quizzes: dict[str, Quiz] = field(default_factory=dict)
    module_titles: dict[str, str] = field(default_factory=dict)  # by quiz id, in teaching order
    texts: dict[str, str] = field(default_factory=dict)  # question prompts, outcomes, items
    scale_labels: dict[tuple[str, int], str] = field(default_factory=dict)  # (instrument, value)
    sections: dict[tuple[str, str], tuple[int, str]] = field(default_factory=dict)  # (instrument, item): (order, title)

    @classmethod
    def from_content(cls, content: Content | None) -> "Labels":
        if content is None:
            return cls()
        quizzes = dict(content.quizzes)
        titles = {m.quiz: m.title for m in content.modules if m.quiz in quizzes}
        titles.update({q: q for q in quizzes if q not in titles})
        texts = {item.id: item.prompt for quiz in quizzes.values() for item in quiz.items}
        texts.update({o.id: o.text for m in content.modules for o in m.learning_outcomes})
        texts.update({item.id: item.text for i in content.instruments for item in i.items})
        scale = {(i.id, level.value): level.label for i in content.instruments for level in i.scale.levels}
        sections = {(i.id, item.id): (n, section.title) for i in content.instruments
                    for n, section in enumerate(i.sections) for item in section.items}
        return cls(quizzes, titles, texts, scale, sections)

    def module(self, ids: pd.Series) -> pd.Series:
        """Module title for each quiz id (the id when content does not know it). Labels are
        put on summary tables, which are small, never on the rows themselves."""
        return ids.map(lambda quiz: self.module_titles.get(quiz, quiz))

    def text(self, ids: pd.Series) -> pd.Series:
        """Question prompt, outcome or item text for each id (the id when unknown)."""
        return ids.map(lambda item: self.texts.get(item, item))

    def section(self, instruments: pd.Series, items: pd.Series) -> pd.Series:
        """Section title for each (instrument, item); 'other items' when content does not know it."""
        return pd.Series([self.sections.get(key, (len(self.sections), "other items"))[1] for key in zip(instruments, items)],
                         index=items.index, dtype=object)

    def section_order(self, instruments: pd.Series, items: pd.Series) -> pd.Series:
        """Where each (instrument, item) comes in its instrument (unknown items last)."""
        order = {key: n for n, key in enumerate(self.sections)}
        return pd.Series([order.get(key, len(order)) for key in zip(instruments, items)], index=items.index, dtype=int)

    def scale_label(self, instruments: pd.Series, values: pd.Series) -> pd.Series:
        keys = pd.Series(list(zip(instruments, values)), index=instruments.index, dtype=object)
        found = keys.map(lambda key: self.scale_labels.get((key[0], int(key[1]))) if pd.notna(key[1]) else "not rated")
        return found.fillna(values.map(lambda v: f"{v:g}"))

    def passes(self, quiz_id: str, score: float) -> bool | None:
        """The quiz's own pass rule (``Quiz.passes``); None when content does not know the quiz."""
        quiz = self.quizzes.get(quiz_id)
        return None if quiz is None else quiz.passes(score)

    def quiz_order(self, seen: list[str]) -> list[str]:
        """Quiz ids in teaching order, then any others seen in the results."""
        return list(self.module_titles) + sorted(set(seen) - set(self.module_titles))
