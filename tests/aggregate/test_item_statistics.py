"""Question statistics on attempts drawn from a bank (each attempt holds some of the questions,
options in any order, ids kept), worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.aggregate import known_results as known
from tests.aggregate.test_summaries import records
from tests.builders import result_row
from widgets.aggregate import Labels
from widgets.aggregate.item_statistics import flags, item_statistics, wrong_words

MOST = {"lundy-q1": "1", "lundy-q2": "1", "lundy-q3": "2"}


def bank_rows() -> pd.DataFrame:
    """Four attempts of two questions each: (attempt, question, response, score)."""
    answers = [
        ("A", "lundy-q1", "a", 1), ("A", "lundy-q2", "a;b", 1),
        ("B", "lundy-q1", "b", 0), ("B", "lundy-q3", "s1=space;s2=voice", 2),
        ("C", "lundy-q2", "c", 0), ("C", "lundy-q3", "s1=space;s2=space", 1),
        ("D", "lundy-q1", "a", 1), ("D", "lundy-q3", "s1=voice;s2=space", 0),
    ]
    rows = pd.DataFrame([result_row(submission_id=attempt, item_id=item, response=response, score=str(score), max_score=MOST[item])
                         for attempt, item, response, score in answers])
    return rows.astype({"score": float, "max_score": float})


def test_each_question_is_counted_over_the_attempts_that_held_it(tmp_path: Path) -> None:
    table = item_statistics(bank_rows(), Labels.from_content(known.content(tmp_path)))
    # q1 in A, B, D: scores 1 0 1 against the rest 1 2 0: r = -1 / sqrt(2/3 x 2) = -0.87.
    # q2 in A, C: the rest scores 1 both times, so r is not defined.
    # q3 in B, C, D: shares 1, 0.5, 0 (facility 50%) against the rest 0 0 1: r = -1 / sqrt(2 x 2/3) = -0.87.
    assert [(r["item_id"], r["attempts"], r["facility_pct"], r["discrimination"], r["most_chosen_wrong"], r["times_chosen"],
             r["flags"]) for r in records(table)] == [
        ("lundy-q1", 3, 66.7, -0.87, "Influence", 1, "negative discrimination"),
        ("lundy-q2", 2, 50.0, None, "Space", 1, ""),
        ("lundy-q3", 3, 50.0, -0.87, "Drawing instead of talking -> Space", 2, "negative discrimination"),
    ]


def test_a_wrong_answer_is_told_in_the_options_words(tmp_path: Path) -> None:
    quiz = known.content(tmp_path).quizzes["lundy"]
    single, multiple, sort = quiz.items
    assert wrong_words(single, "b") == ["Influence"]
    assert wrong_words(multiple, "a;c") == ["Audience + Space"] and wrong_words(multiple, "") == ["no option chosen"]
    assert wrong_words(sort, "s1=voice;s2=space") == ["A quiet room -> Voice", "Drawing instead of talking -> Space"]
    assert wrong_words(None, "x;y") == ["x;y"]  # a question content does not know keeps its ids


def test_the_flags_name_each_reason_at_their_limits() -> None:
    assert flags(95.0, 0.0) == "" and flags(20.0, float("nan")) == ""
    assert flags(95.1, -0.01) == "negative discrimination; facility above 95%"
    assert flags(19.9, 0.3) == "facility below 20%"
