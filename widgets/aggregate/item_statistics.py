"""Per quiz question, the figures a Moodle quiz statistics report gives, in words trainers use.

Each question is counted over the attempts that contained it (a quiz drawn from a bank gives
each attempt some of its questions; options may be shuffled, their ids stay):

- facility: the mean share of the question's marks scored, in % (Moodle's facility index; for
  a one-mark question, the share who got it right);
- discrimination: the correlation (Pearson's r, -1 to 1) between the question's score and the
  score on the rest of the same attempt (Moodle's discrimination index, there shown x 100).
  A good question is answered better by those who do better on the rest; none is given when
  there are fewer than two attempts or either score never varies;
- the most chosen wrong answer, by the options' texts from content (not their ids); for a
  sorting question, the situation most often put in the wrong group, and where;
- a flag for a question that looks broken: negative discrimination, or a facility above 95%
  (too easy to tell anyone apart) or below 20% (too hard, or a wrong key).

The dashboard, the exports and the CLI all show this one table.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from widgets.aggregate.grouping import aggregate
from widgets.aggregate.labels import Labels
from widgets.quiz_items import QuizItem
from widgets.quiz_items.base import ChoiceItemBase
from widgets.quiz_items.multiple_choice import MultipleChoiceItem
from widgets.quiz_items.single_choice import SingleChoiceItem
from widgets.quiz_items.sort import SortItem

TOO_EASY_PCT = 95.0
TOO_HARD_PCT = 20.0
KEY = ["instrument", "item_id"]
COLUMNS = ["module", "quiz", "item_id", "question", "options", "attempts", "facility_pct", "discrimination",
           "most_chosen_wrong", "times_chosen", "flags"]


def item_statistics(quiz: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """One row per question (from the quiz rows), in teaching order, with the figures above."""
    if quiz.empty:
        return pd.DataFrame(columns=COLUMNS)
    rows = quiz[["submission_id", *KEY, "response", "score", "max_score"]]
    rest = rows.groupby("submission_id", sort=False)["score"].transform("sum") - rows["score"]
    rows = rows.assign(share=rows["score"] / rows["max_score"], x=rows["score"], y=rest)
    rows = rows.assign(xx=rows["x"] ** 2, yy=rows["y"] ** 2, xy=rows["x"] * rows["y"])
    table = aggregate(rows, KEY, attempts=("x", "size"), facility=("share", "mean"),
                      sx=("x", "sum"), sy=("y", "sum"), sxx=("xx", "sum"), syy=("yy", "sum"), sxy=("xy", "sum"))
    table["facility_pct"] = (100 * table["facility"]).round(1)
    table["discrimination"] = _correlation(table).round(2)
    table = table.merge(_most_chosen_wrong(rows, labels), on=KEY, how="left")
    table["most_chosen_wrong"] = table["most_chosen_wrong"].fillna("")
    table["times_chosen"] = table["times_chosen"].fillna(0).astype(int)
    items = {(quiz_id, item.id): item for quiz_id, q in labels.quizzes.items() for item in q.items}
    table["options"] = [options_text(items.get(key)) for key in zip(table["instrument"], table["item_id"])]
    table["flags"] = [flags(f, d) for f, d in zip(table["facility_pct"], table["discrimination"])]
    table["question"] = labels.text(table["item_id"])
    table["module"] = labels.module(table["instrument"])
    order = {quiz_id: n for n, quiz_id in enumerate(labels.quiz_order(table["instrument"].tolist()))}
    position = {key: n for n, key in enumerate(items)}
    table = table.assign(quiz_order=table["instrument"].map(order),
                         item_order=[position.get(key, len(position)) for key in zip(table["instrument"], table["item_id"])])
    table = table.sort_values(["quiz_order", "item_order", "item_id"]).rename(columns={"instrument": "quiz"})
    return table[COLUMNS].reset_index(drop=True)


def _correlation(sums: pd.DataFrame) -> pd.Series:
    """Pearson's r from the sums per question; NaN where it is not defined."""
    n = sums["attempts"].astype(float)
    covariance = n * sums["sxy"] - sums["sx"] * sums["sy"]
    spread = (n * sums["sxx"] - sums["sx"] ** 2) * (n * sums["syy"] - sums["sy"] ** 2)
    spread = spread.where(spread > 1e-12)
    return (covariance / np.sqrt(spread)).where(n >= 2)


def flags(facility_pct: float, discrimination: float) -> str:
    """Why a question looks broken, in words ('' when nothing does)."""
    found = []
    if pd.notna(discrimination) and discrimination < 0:
        found.append("negative discrimination")
    if facility_pct > TOO_EASY_PCT:
        found.append(f"facility above {TOO_EASY_PCT:g}%")
    if facility_pct < TOO_HARD_PCT:
        found.append(f"facility below {TOO_HARD_PCT:g}%")
    return "; ".join(found)


def options_text(item: QuizItem | None) -> str:
    """The question's options by their texts, the right ones marked (empty when content does
    not know the question)."""
    if isinstance(item, ChoiceItemBase):
        right = _right_options(item)
        return " | ".join(f"{o.text}{' (right)' if o.id in right else ''}" for o in item.options)
    if isinstance(item, SortItem):
        return " | ".join(f"{s.text} -> {item.label(s.correct)}" for s in item.scenarios)
    return ""


def _right_options(item: ChoiceItemBase) -> set[str]:
    if isinstance(item, SingleChoiceItem):
        return {item.correct}
    return set(item.correct) if isinstance(item, MultipleChoiceItem) else set()


def _most_chosen_wrong(rows: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Per question, the wrong answer given most often (ties: the first by its words), in words."""
    wrong = rows[rows["score"] < rows["max_score"]]
    counted = aggregate(wrong, [*KEY, "response"], times=("x", "size"))
    items = {(quiz_id, item.id): item for quiz_id, q in labels.quizzes.items() for item in q.items}
    best: dict[tuple[str, str], Counter[str]] = {}
    for quiz_id, item_id, response, times in counted.itertuples(index=False, name=None):
        for said in wrong_words(items.get((quiz_id, item_id)), response):
            best.setdefault((quiz_id, item_id), Counter())[said] += int(times)
    chosen = [(*key, *min(counter.items(), key=lambda pair: (-pair[1], pair[0]))) for key, counter in best.items()]
    return pd.DataFrame(chosen, columns=[*KEY, "most_chosen_wrong", "times_chosen"])


def wrong_words(item: QuizItem | None, response: str) -> list[str]:
    """What a wrong response said, in the content's words: the options chosen ('Space + Voice'),
    or for a sorting question each situation placed in the wrong group. A question or option
    content does not know keeps its ids."""
    if isinstance(item, ChoiceItemBase):
        texts = {o.id: o.text for o in item.options}
        chosen = [part for part in response.split(";") if part]
        return [" + ".join(texts.get(part, part) for part in chosen) or "no option chosen"]
    if isinstance(item, SortItem):
        placed = dict(part.split("=", 1) for part in response.split(";") if "=" in part)
        categories = {c.id: c.label for c in item.categories}
        return [f"{s.text} -> {categories.get(placed[s.id], placed[s.id])}" for s in item.scenarios
                if s.id in placed and placed[s.id] != s.correct]
    return [response]
