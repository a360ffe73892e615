"""Scoring rules: one point for an exactly right choice question, one per situation sorted."""

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
    assert wrong.feedback[0] == "Not quite." and "Space comes first." in wrong.feedback


def test_multiple_choice_needs_exactly_the_right_set(quiz) -> None:
    item = quiz.items[1]
    assert item.score({"a", "b"}).correct
    assert not item.score({"a"}).correct
    assert not item.score({"a", "b", "c"}).correct
    assert item.encode({"b", "a"}) == "a;b"
    with pytest.raises(ValueError, match="Tick at least one"):
        item.score(set())


def test_sort_scores_each_situation(quiz) -> None:
    item = quiz.items[2]
    marked = item.score({"s1": "space", "s2": "space"})
    assert (marked.score, marked.max_score) == (1, 2)
    assert "Situation 2: you chose Space; it is Voice." in marked.feedback
    assert item.encode({"s2": "voice", "s1": "space"}) == "s1=space;s2=voice"
    with pytest.raises(ValueError, match="Place every situation"):
        item.score({"s1": "space"})


def test_values_a_tampered_page_could_send_are_refused(quiz) -> None:
    with pytest.raises(ValueError, match="not one of this question's options"):
        quiz.items[0].score("../../etc/passwd")
    with pytest.raises(ValueError, match="not one of this question's categories"):
        quiz.items[2].score({"s1": "nowhere", "s2": "voice"})


def test_pass_rule_is_the_share_of_the_quiz_total(quiz) -> None:
    assert quiz.max_score == 4 and quiz.pass_mark == 0.8
    assert not quiz.passes(3)
    assert quiz.passes(3.2) and quiz.passes(4)
