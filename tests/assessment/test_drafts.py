"""Autosave makes a draft on the first change only, and a code or link brings it back."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.assessment.helpers import small_instrument
from tests.assessment.test_model import filled
from widgets.assessment.drafts import Autosave
from sqlalchemy import select

from widgets.results import ResultsStore
from widgets.results.drafts import DraftStore
from widgets.results.schema import drafts


def draft_codes(folder: Path) -> list[str]:
    with ResultsStore(folder).database.reader.connect() as connection:
        return list(connection.execute(select(drafts.c.code)).scalars())


def test_no_draft_until_the_first_save_then_one_draft_kept_up_to_date(results_folder: Path) -> None:
    autosave = Autosave(small_instrument())
    assert autosave.code is None and draft_codes(results_folder) == []
    assessment = filled()
    code = autosave.save(assessment)
    assessment.set_answer("b", "rating", 1)
    assert autosave.save(assessment) == code
    assert draft_codes(results_folder) == [code]
    assert Autosave(small_instrument()).resume(code).answer("b").rating == 1


def test_resume_brings_back_everything_and_keeps_saving_to_the_same_code(results_folder: Path) -> None:
    first = Autosave(small_instrument())
    code = first.save(filled())
    later = Autosave(small_instrument())
    resumed = later.resume(code.lower().replace("-", " "))
    assert resumed.answers == filled().answers and resumed.details == filled().details
    assert later.code == code


def test_unknown_or_malformed_codes_are_explained(results_folder: Path) -> None:
    autosave = Autosave(small_instrument())
    with pytest.raises(ValueError, match="No saved work has the code ABCD-EFGH"):
        autosave.resume("abcd-efgh")
    with pytest.raises(ValueError, match="codes are 8 letters"):
        autosave.resume("../../etc/passwd")
    assert autosave.code is None


def test_a_code_for_another_instrument_is_refused(results_folder: Path) -> None:
    code = Autosave(small_instrument()).save(filled())
    with pytest.raises(ValueError, match="another self-assessment"):
        Autosave(small_instrument(id="other"), DraftStore("assessment")).resume(code)

