"""Quiz banks that measure learning: the cue check (widgets.content.cue_check) on small
hand-made banks, then the shipped banks: big enough to draw from, every wrong choice
explained, and no cue that gives answers away."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from tests.builders import valid_content, write_content
from tests.session_env import SHIPPED_CONTENT
from widgets.content import load_content
from widgets.content.cue_check import cue_problems, file_problems, key_is_longest, longest_key_limit, main
from widgets.content.quiz import Quiz
from widgets.quiz_items import MultipleChoiceItem, SingleChoiceItem, SortItem

MIN_BANK = 12


def single(number: int, texts: list[str], key: int) -> dict[str, Any]:
    options = [{"id": f"o{i}", "text": t, "feedback": f"Why option {i} is not it."} for i, t in enumerate(texts)]
    options[key].pop("feedback")
    return {"id": f"s{number}", "type": "single_choice", "prompt": f"Question {number}?",
            "options": options, "correct": f"o{key}", "feedback": "Why."}


def multiple(number: int, texts: list[str], keys: list[int]) -> dict[str, Any]:
    options = [{"id": f"o{i}", "text": t} for i, t in enumerate(texts)]
    return {"id": f"m{number}", "type": "multiple_choice", "prompt": f"Tick {number}.",
            "options": options, "correct": [f"o{k}" for k in keys], "feedback": "Why."}


def sort(categories: list[str], answers: list[str], feedback: str = "Think about who decides.") -> dict[str, Any]:
    return {"id": "sort", "type": "sort", "prompt": "Sort them.",
            "categories": [{"id": c.lower(), "label": c} for c in categories],
            "scenarios": [{"id": f"x{i}", "text": f"Situation {i}.", "correct": a.lower(), "feedback": feedback}
                          for i, a in enumerate(answers)],
            "feedback": "Why."}


def bank(*items: dict[str, Any]) -> Quiz:
    return Quiz.model_validate({"schema_version": 1, "id": "bank", "module": "bank", "version": "1",
                                "pass_mark": 0.75, "items": list(items)})


def messages(quiz: Quiz) -> list[str]:
    return [str(p) for p in cue_problems(quiz, "quizzes/bank.yaml")]


# Six single-choice items whose keys sit in first, middle and last places, all options one length.
BALANCED = [single(n, ["Space", "Voice", "Scope"], n % 3) for n in range(6)]


def long_key(number: int, key: int) -> dict[str, Any]:
    texts = ["No", "Not so", "Nor this"]
    texts[key] = "The long right answer"
    return single(number, texts, key)


def test_a_balanced_bank_has_no_cues() -> None:
    assert messages(bank(*BALANCED, multiple(1, ["Aa", "Bb", "Cc"], [0, 1]),
                         sort(["Space", "Voice", "Audience"], ["Space", "Voice", "Voice"]))) == []


def test_longest_key_is_strict_and_the_limit_follows_chance() -> None:
    assert key_is_longest(SingleChoiceItem.model_validate(single(1, ["short", "the longest one"], 1)))
    assert not key_is_longest(SingleChoiceItem.model_validate(single(1, ["same", "size"], 1)))
    three = [SingleChoiceItem.model_validate(single(n, ["a", "b", "c"], 0)) for n in range(4)]
    two = [SingleChoiceItem.model_validate(single(n, ["a", "b"], 0)) for n in range(4)]
    assert longest_key_limit(three) == pytest.approx(1 / 3 + 0.10)
    assert longest_key_limit(two) == pytest.approx(0.60)


def test_keys_that_are_mostly_the_longest_are_named() -> None:
    cued = [long_key(n, n % 3) if n < 3 else item for n, item in enumerate(BALANCED)]
    found = messages(bank(*cued))
    assert found == ["quizzes/bank.yaml: the right option is the longest in 3 of 6 single-choice items "
                     "(s0, s1, s2); at most 43% may be, so shorten a key or lengthen a wrong option."]
    # Two of six (33%) is within the limit.
    assert messages(bank(*cued[:2], *BALANCED[2:])) == []


def test_keys_crowded_in_one_place_or_never_last_are_named() -> None:
    first = [single(n, ["Space", "Voice", "Scope"], 0 if n < 4 else 2) for n in range(6)]
    assert any("option 1 in 4 of 6" in m for m in messages(bank(*first)))
    never_last = [single(n, ["Space", "Voice", "Scope"], n % 2) for n in range(6)]
    assert any("never the last one" in m for m in messages(bank(*never_last)))
    # Under six items the positions are not judged.
    assert messages(bank(*never_last[:5])) == []


def test_every_option_correct_and_distractors_always_last_are_named() -> None:
    all_right = bank(multiple(1, ["Aa", "Bb", "Cc"], [0, 1, 2]))
    assert messages(all_right) == ["quizzes/bank.yaml: item m1: every option is correct, so ticking everything wins; add a plausible wrong option."]
    last_wrong = [multiple(n, ["Aa", "Bb", "Cc", "Dd"], [0, 1, 2]) for n in range(4)]
    assert any("last option is a wrong one in 4 of 4" in m for m in messages(bank(*last_wrong)))
    mixed = last_wrong[:2] + [multiple(n, ["Aa", "Bb", "Cc", "Dd"], [1, 2, 3]) for n in (7, 8)]
    assert messages(bank(*mixed)) == []


def test_a_sort_with_one_situation_per_category_can_be_done_by_elimination() -> None:
    found = messages(bank(sort(["Space", "Voice", "Audience"], ["Space", "Voice", "Audience"])))
    assert found == ["quizzes/bank.yaml: item sort: each category is the answer for exactly one situation, "
                     "so the last can be placed by elimination; give one category a second situation, "
                     "or add a category no situation needs."]
    assert messages(bank(sort(["Space", "Voice", "Audience"], ["Space", "Voice"]))) == []
    assert messages(bank(sort(["Space", "Voice"], ["Space", "Voice", "Space"]))) == []


def test_feedback_on_a_wrong_choice_must_not_name_the_right_one() -> None:
    item = single(1, ["Space", "Audience", "Influence"], 2)
    item["options"][0]["feedback"] = "Not Space: this is about what happens to the view, which is INFLUENCE."
    assert messages(bank(item)) == ["quizzes/bank.yaml: item s1: option 'o0': its feedback names the right option "
                                    "'Influence'; teach why without naming it (the review after the attempt shows it)."]
    # A word that merely contains the answer is not naming it.
    item["options"][0]["feedback"] = "Think about what is influential after the meeting."
    assert messages(bank(item)) == []
    named = messages(bank(sort(["Space", "Voice"], ["Space", "Voice", "Space"], feedback="It is Space.")))
    assert len(named) == 2 and all("names the right category" in m for m in named)
    ticked = multiple(1, ["Equality", "Diversity", "Efficiency"], [0, 1])
    ticked["options"][2]["feedback"] = "Efficiency may follow from equality, but it is not a value."
    assert "names the right option 'Equality'" in messages(bank(ticked))[0]


def test_the_command_names_each_cue_and_a_broken_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = copy.deepcopy(valid_content())
    tree["quizzes/other.yaml"] = "items: [not, a, quiz"
    content, _ = write_content(tmp_path, tree)
    assert main([str(content)]) == 1
    out = capsys.readouterr().out
    assert "- content/quizzes/lundy.yaml: item lundy-q3: each category is the answer for exactly one situation" in out
    assert "- content/quizzes/other.yaml: this is not a valid quiz file; run python -m widgets.content.validate" in out
    assert out.endswith("2 cue problem(s) in 2 quiz file(s).\n")
    (content / "quizzes" / "other.yaml").unlink()
    del tree["quizzes/other.yaml"]
    tree["quizzes/lundy.yaml"]["items"][2]["scenarios"].append({"id": "s3", "text": "A den", "correct": "space"})
    write_content(tmp_path, tree)
    assert main([str(content)]) == 0
    assert capsys.readouterr().out == "No answer cues in 1 quiz file(s).\n"


# The shipped banks, every module's alike (a new module's bank meets the same bar).
BANKS = sorted(load_content(SHIPPED_CONTENT).quizzes.values(), key=lambda q: q.id)


@pytest.mark.parametrize("path", sorted((SHIPPED_CONTENT / "quizzes").glob("*.yaml")), ids=lambda p: p.stem)
def test_no_shipped_bank_gives_answers_away(path: Path) -> None:
    assert [str(p) for p in file_problems(path)] == []


@pytest.mark.parametrize("quiz", BANKS, ids=lambda q: q.id)
def test_each_bank_is_big_enough_to_draw_a_different_quiz(quiz: Quiz) -> None:
    assert len(quiz.items) >= MIN_BANK, f"{quiz.id} has {len(quiz.items)} items; a bank needs {MIN_BANK}"


@pytest.mark.parametrize("quiz", BANKS, ids=lambda q: q.id)
def test_every_wrong_choice_is_explained_when_checked(quiz: Quiz) -> None:
    for item in quiz.items:
        if isinstance(item, SingleChoiceItem):
            unexplained = [o.id for o in item.options if o.id != item.correct and not o.feedback.strip()]
        elif isinstance(item, MultipleChoiceItem):
            unexplained = [o.id for o in item.options if o.id not in item.correct and not o.feedback.strip()]
        else:
            assert isinstance(item, SortItem)
            unexplained = [s.id for s in item.scenarios if not s.feedback.strip()]
        assert unexplained == [], f"{quiz.id}: item {item.id}: no feedback for {unexplained}"
