"""Scoring rules: every question is worth one point: a choice question scores it when exactly
right; a sorting question shares it among its situations. A wrong answer's feedback never
names the right option; the key (for the review) does."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import write_content
from widgets.content import load_content


@pytest.fixture
def quiz(tmp_path: Path):
    content = load_content(*write_content(tmp_path))
    return content.quizzes["lundy"]


def test_single_choice(quiz) -> None:
    item = quiz.items[0]
    assert item.score("a").score == 1
    wrong = item.score("b")
    assert (wrong.score, wrong.max_score, wrong.correct) == (0, 1, False)
    assert wrong.feedback == ("Not quite.",)  # neither the right option nor the why that names it
    assert item.score("a").feedback == ("Correct.", "Space comes first.")
    assert item.key() == ("The right answer: Space", "Space comes first.") and item.describe("b") == "Influence"


def test_multiple_choice_needs_exactly_the_right_set(quiz) -> None:
    item = quiz.items[1]
    assert item.score({"a", "b"}).correct
    assert not item.score({"a"}).correct
    assert not item.score({"a", "b", "c"}).correct
    assert item.encode({"b", "a"}) == "a;b"
    with pytest.raises(ValueError, match="Tick at least one"):
        item.score(set())


def test_sort_shares_its_point_among_its_situations(quiz) -> None:
    item = quiz.items[2]
    marked = item.score({"s1": "space", "s2": "space"})
    assert (marked.score, marked.max_score) == (0.5, 1)
    assert marked.feedback[:3] == ("1 of 2 placed correctly.", "Situation 1: right, Space.", "Situation 2: not this one, Space.")
    assert "Situation 2: Voice." in item.key()
    assert item.score({"s1": "space", "s2": "voice"}).score == 1
    assert item.encode({"s2": "voice", "s1": "space"}) == "s1=space;s2=voice"
    with pytest.raises(ValueError, match="Place every situation"):
        item.score({"s1": "space"})


def test_values_a_tampered_page_could_send_are_refused(quiz) -> None:
    with pytest.raises(ValueError, match="not one of this question's options"):
        quiz.items[0].score("../../etc/passwd")
    with pytest.raises(ValueError, match="not one of this question's categories"):
        quiz.items[2].score({"s1": "nowhere", "s2": "voice"})


def test_pass_rule_is_the_share_of_the_quiz_total(quiz) -> None:
    assert quiz.max_score == 3 and quiz.pass_mark == 0.8  # three questions, one point each
    assert not quiz.passes(2.25)
    assert quiz.passes(2.4) and quiz.passes(3)
