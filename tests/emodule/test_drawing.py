"""Drawing an attempt from a bank, shuffling options, and when the right answers are shown:
plain rules, tested without a page."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import valid_content, write_content
from tests.emodule_helpers import LEARNER, right_answers, wrong_answer
from widgets.content import ContentError, load_content
from widgets.emodule.attempts import save_attempt
from widgets.emodule.drawing import AttemptPlan, attempt_items, drawn_items, shown
from widgets.emodule.review import review_open, reviewed
from widgets.results import ResultsStore, read_results

CONTENT = load_content()
LUNDY = CONTENT.quizzes["lundy"]  # the fixture bank: 9 items, 6 drawn
SEEDS = range(40)


def test_an_attempt_draws_the_set_number_with_every_type_in_the_bank() -> None:
    assert LUNDY.draw == 6 and len(LUNDY.items) > LUNDY.draw
    for seed in SEEDS:
        items = drawn_items(LUNDY, seed)
        assert len(items) == 6 and len({item.id for item in items}) == 6
        assert {item.type for item in items} == {"single_choice", "multiple_choice", "sort"}


def test_the_same_seed_draws_the_same_and_two_seeds_differ() -> None:
    plan = AttemptPlan("a", 12345)
    first, again = attempt_items(LUNDY, plan), attempt_items(LUNDY, plan)
    assert [(i.id, getattr(i, "options", None)) for i in first] == [(i.id, getattr(i, "options", None)) for i in again]
    sets = {tuple(item.id for item in drawn_items(LUNDY, seed)) for seed in SEEDS}
    assert len(sets) > 10  # a retake is not the same quiz
    orders = {tuple(o.id for o in shown(LUNDY.items[0], seed).options) for seed in SEEDS}
    assert len(orders) > 1  # options are shuffled per attempt


def test_every_item_is_drawn_sometimes_and_a_quiz_without_draw_asks_every_item() -> None:
    assert {item.id for seed in SEEDS for item in drawn_items(LUNDY, seed)} == {item.id for item in LUNDY.items}
    practice = CONTENT.quizzes["practice"]
    assert practice.draw is None and [i.id for i in drawn_items(practice, 3)] == [i.id for i in practice.items]


def test_shuffled_options_keep_their_ids_and_rows_store_ids_not_positions(results_folder: Path) -> None:
    plan = AttemptPlan("0b7c3f4e-1d2a-4b5c-8d9e-0f1a2b3c4d5e", 99)
    items = attempt_items(LUNDY, plan)
    for item in items:
        if hasattr(item, "options"):
            original = next(i for i in LUNDY.items if i.id == item.id)
            assert sorted(o.id for o in item.options) == sorted(o.id for o in original.options)
    save_attempt(LUNDY, LEARNER, right_answers(LUNDY), submission_id=plan.attempt_id, items=items)
    rows = read_results([("results.csv", ResultsStore(results_folder).path)]).rows
    stored = dict(zip(rows["item_id"], rows["response"]))
    for item in items:
        if item.type == "single_choice":
            assert stored[item.id] == item.correct
        elif item.type == "multiple_choice":
            assert stored[item.id] == ";".join(sorted(item.correct))


def test_a_sort_item_is_worth_one_point_shared_among_its_situations() -> None:
    sort = next(item for item in LUNDY.items if item.type == "sort" and len(item.scenarios) == 4)
    response = {s.id: s.correct for s in sort.scenarios}
    response[sort.scenarios[0].id] = next(c.id for c in sort.categories if c.id != sort.scenarios[0].correct)
    marked = sort.score(response)
    assert (marked.score, marked.max_score, marked.correct) == (0.75, 1, False)
    assert LUNDY.max_score == 6  # one point a question asked, whatever its type
    assert LUNDY.passes(4.5) and not LUNDY.passes(4.25)


def test_check_does_not_reveal_the_right_option_but_the_review_after_the_attempt_does() -> None:
    for item in LUNDY.items:
        wrong = wrong_answer(item)
        marked = item.score(wrong)
        said = " ".join(marked.feedback)
        key = " ".join(item.key())
        if item.type == "single_choice":
            right_text = item.option(item.correct).text
            assert right_text not in said and right_text in key
        elif item.type == "multiple_choice":
            assert not any(item.option(c).text in said for c in item.correct if c not in wrong)
            assert all(item.option(c).text in key for c in item.correct)
        else:
            for number, scenario in enumerate(item.scenarios, start=1):  # each line names only what was chosen
                assert f"Situation {number}: not this one, {item.label(wrong[scenario.id])}." in marked.feedback
                assert f"{item.label(scenario.correct)}." in key
        assert item.feedback not in said  # the why of the right answer waits for the review
        assert item.feedback in key
        review = reviewed([item], {item.id: wrong}, {item.id: marked})[0]
        assert review.key == item.key() and review.yours == item.describe(wrong)


def test_when_the_review_is_open() -> None:
    assert not any(review_open(setting, None) for setting in ("after_attempt", "after_pass", "never"))  # not scored yet
    assert review_open("after_attempt", False) and review_open("after_attempt", True)
    assert review_open("after_pass", True) and not review_open("after_pass", False)
    assert not review_open("never", True)


@pytest.mark.parametrize(("change", "message"), [
    ({"draw": 9}, "`draw` asks for 9 questions an attempt, but the bank has only 3 items"),
    ({"draw": 2}, "draw at least 3"),
    ({"draw": 0}, "draw"),
    ({"review": "sometimes"}, "review"),
])
def test_draw_and_review_are_checked_when_content_loads(tmp_path: Path, change: dict, message: str) -> None:
    tree = valid_content()
    tree["quizzes/lundy.yaml"].update(change)
    with pytest.raises(ContentError, match=message) as caught:
        load_content(*write_content(tmp_path, tree))
    assert "quizzes/lundy.yaml" in str(caught.value)
