"""Drafts: saved as people go under a resume code; typed codes can never pick a file path."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets.results.drafts import DraftStore, new_code, parse_code


def test_codes_are_easy_to_read_and_type_back() -> None:
    code = new_code()
    assert len(code) == 9 and code[4] == "-"
    assert not set(code) & set("01OIL")
    assert parse_code(f"  {code.lower().replace('-', ' ')} ") == code


@pytest.mark.parametrize("typed", ["../../etc/passwd", "ABCD-EFG", "ABCD-EFGH/..", "", "ABCD-EF0H"])
def test_anything_but_a_code_is_refused_with_a_plain_message(typed: str) -> None:
    with pytest.raises(ValueError, match="codes are 8 letters and digits"):
        parse_code(typed)


def test_drafts_round_trip_and_overwrite_atomically(results_folder: Path) -> None:
    drafts = DraftStore("assessment")
    code = drafts.create({"answers": {"a": 1}, "note": "<b>kept</b> as typed"})
    assert drafts.load(code) == {"answers": {"a": 1}, "note": "<b>kept</b> as typed"}
    drafts.save(code, {"answers": {"a": 2}})
    assert drafts.load(code.lower()) == {"answers": {"a": 2}}
    assert drafts.load(new_code()) is None
    assert [p.name for p in (results_folder / "drafts" / "assessment").iterdir()] == [f"{code}.json"]
