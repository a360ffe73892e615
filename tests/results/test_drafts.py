"""Drafts: saved answer by answer under a resume code; two windows never undo each other, a
clash on one answer is reported, and typed codes can never pick a file or a row they should not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from widgets.results import ResultsStore
from widgets.results.drafts import DraftStore, flatten, new_code, parse_code, unflatten


def test_codes_are_easy_to_read_and_type_back() -> None:
    code = new_code()
    assert len(code) == 9 and code[4] == "-"
    assert not set(code) & set("01OIL")
    assert parse_code(f"  {code.lower().replace('-', ' ')} ") == code


@pytest.mark.parametrize("typed", ["../../etc/passwd", "ABCD-EFG", "ABCD-EFGH/..", "", "ABCD-EF0H", "ABCD-EFGH' OR '1'='1"])
def test_anything_but_a_code_is_refused_with_a_plain_message(typed: str) -> None:
    with pytest.raises(ValueError, match="codes are 8 letters and digits"):
        parse_code(typed)


def test_nested_data_is_stored_one_answer_a_key_and_comes_back_whole() -> None:
    data = {"answers": {"a": {"rating": 2, "evidence": "Ein cyngor ieuenctid 👍"}}, "note": "<b>kept</b>", "list": ["x", "y"],
            "empty": {}}
    flat = flatten(data)
    assert flat == {"answers.a.rating": 2, "answers.a.evidence": "Ein cyngor ieuenctid 👍", "note": "<b>kept</b>",
                    "list.0": "x", "list.1": "y"}
    assert unflatten(flat) == {key: value for key, value in {**data, "list": {"0": "x", "1": "y"}}.items() if key != "empty"}


def test_names_holding_dots_or_percent_signs_come_back_as_they_were() -> None:
    data = {"answers": {"iv-4.1": {"evidence": "50% of children"}, "a%2Eb": {"rating": 1}}, "modules": {"m.1": {"step": 2}}}
    assert unflatten(flatten(data)) == data


def test_drafts_round_trip_and_keep_changes(results_folder: Path) -> None:
    drafts = DraftStore("assessment")
    opened = drafts.create({"answers": {"a": 1}, "note": "<b>kept</b> as typed"})
    loaded = drafts.load(opened.code)
    assert loaded is not None and loaded.data == {"answers": {"a": 1}, "note": "<b>kept</b> as typed"}
    drafts.save(loaded, {"answers": {"a": 2}})
    again = drafts.load(opened.code.lower())
    assert again is not None and again.data == {"answers": {"a": 2}}
    assert drafts.load(new_code()) is None
    assert DraftStore("learner").load(opened.code) is None  # another kind's code opens nothing


def test_two_windows_changing_different_answers_both_survive(results_folder: Path) -> None:
    drafts = DraftStore("assessment")
    code = drafts.create({"answers": {"a": {"evidence": "first"}, "b": {"evidence": "first"}}}).code
    tab_a, tab_b = drafts.load(code), drafts.load(code)
    assert tab_a and tab_b
    tab_a = drafts.save(tab_a, {"answers": {"a": {"evidence": "A's change"}, "b": {"evidence": "first"}}})
    tab_b = drafts.save(tab_b, {"answers": {"a": {"evidence": "first"}, "b": {"evidence": "B's change"}}})
    assert tab_a.changed_elsewhere == tab_b.changed_elsewhere == ()
    final = drafts.load(code)
    assert final and final.data == {"answers": {"a": {"evidence": "A's change"}, "b": {"evidence": "B's change"}}}


def test_the_same_answer_changed_in_two_windows_keeps_the_later_and_tells_that_window(results_folder: Path) -> None:
    drafts = DraftStore("assessment")
    code = drafts.create({"answers": {"a": {"evidence": "first"}}}).code
    tab_a, tab_b = drafts.load(code), drafts.load(code)
    assert tab_a and tab_b
    tab_a = drafts.save(tab_a, {"answers": {"a": {"evidence": "A wrote this"}}})
    tab_b = drafts.save(tab_b, {"answers": {"a": {"evidence": "B wrote this later"}}})
    assert tab_a.changed_elsewhere == () and tab_b.changed_elsewhere == ("answers.a.evidence",)
    final = drafts.load(code)
    assert final and final.data["answers"]["a"]["evidence"] == "B wrote this later"


def test_an_answer_first_given_after_the_draft_started_is_no_change_from_another_window(results_folder: Path) -> None:
    """A manager types the evidence first (the draft starts, the rating still empty), then rates."""
    drafts = DraftStore("assessment")
    tab = drafts.create({"answers": {"a": {"rating": None, "evidence": "Typed first"}}})
    tab = drafts.save(tab, {"answers": {"a": {"rating": 2, "evidence": "Typed first"}}})
    assert tab.changed_elsewhere == ()
    other = drafts.load(tab.code)
    assert other and other.data == {"answers": {"a": {"rating": 2, "evidence": "Typed first"}}}
    tab = drafts.save(tab, {"answers": {"a": {"rating": 3, "evidence": "Typed first"}}})  # and changed again
    assert tab.changed_elsewhere == ()


def test_a_draft_file_of_an_older_installation_opens_with_its_code_and_moves_into_the_store(results_folder: Path) -> None:
    old = results_folder / "drafts" / "learner" / "K7QX-9MZD.json"
    old.parent.mkdir(parents=True)
    old.write_text(json.dumps({"learner": {"name": "Siân"}, "modules": {"lundy": {"step": 3, "attempts": []}}}))
    opened = DraftStore("learner").load("k7qx 9mzd")
    assert opened is not None and opened.data == {"learner": {"name": "Siân"}, "modules": {"lundy": {"step": 3}}}
    assert ResultsStore(results_folder).draft("K7QX-9MZD") is not None
