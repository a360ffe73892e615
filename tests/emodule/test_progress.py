"""Progress rules: a module's status comes from its steps and attempts; records survive a save."""

from __future__ import annotations

import pytest

from tests.emodule_helpers import LEARNER
from widgets.emodule import Attempt, Learner, LearnerRecord, ModuleProgress, Status


def attempt(passed: bool, score: float = 5, at: str = "2026-11-23T10:00:00.000000Z") -> Attempt:
    return Attempt("7c1b2f7e-0000-4000-8000-000000000001", at, score, 8, passed)


def test_untouched_module_is_not_started() -> None:
    assert LearnerRecord(LEARNER).status("lundy") is Status.NOT_STARTED
    assert ModuleProgress().status is Status.NOT_STARTED


def test_opening_or_failing_a_module_puts_it_in_progress() -> None:
    assert ModuleProgress(step=2).status is Status.IN_PROGRESS
    assert ModuleProgress(attempts=[attempt(False)]).status is Status.IN_PROGRESS


def test_a_pass_stays_passed_after_a_weaker_retry() -> None:
    progress = ModuleProgress(step=7, attempts=[attempt(False, 3), attempt(True, 7), attempt(False, 2)])
    assert progress.status is Status.PASSED
    assert progress.first_pass is not None and progress.first_pass.score == 7


def test_all_passed_needs_every_module() -> None:
    record = LearnerRecord(LEARNER)
    record.module("a").attempts.append(attempt(True))
    assert record.all_passed(["a"])
    assert not record.all_passed(["a", "b"])
    assert not record.all_passed([])


def test_record_round_trips_through_its_saved_form() -> None:
    record = LearnerRecord(LEARNER)
    record.module("lundy").step = 3
    record.module("lundy").attempts.append(attempt(True))
    record.confidence["before"] = "abc"
    again = LearnerRecord.from_dict(record.to_dict())
    assert again == record


def test_a_damaged_saved_record_is_refused_in_plain_words() -> None:
    with pytest.raises(ValueError, match="could not be read"):
        LearnerRecord.from_dict({"modules": {}})


def test_learner_form_is_tidied_and_checked() -> None:
    learner = Learner.from_form("  Ann   Example ", " Shire ", "", "")
    assert learner == Learner("Ann Example", "Shire", "", "")
    with pytest.raises(ValueError, match="your name and your organisation"):
        Learner.from_form(" ", "", "Team", "")
    with pytest.raises(ValueError, match="shorten your team"):
        Learner.from_form("Ann", "Shire", "x" * 200)


def test_a_damaged_part_of_a_record_is_left_out_and_the_rest_kept() -> None:
    passed = {"submission_id": "s2", "submitted_at": "2026-11-02T10:00:00Z", "score": 4, "max_score": 4, "passed": True}
    data = {
        "learner": {"name": "Zoë Ñúñez", "organisation": "Org A"},
        "modules": {
            "lundy": {"step": 3, "attempts": {"s1": {"submission_id": "s1", "score": "lots"}, "s2": passed}},  # one attempt damaged
            "treseder": {"step": "three"},  # damaged
            "why-voice": "garbage",
        },
        "confidence": {"before": "s0"},
    }
    record = LearnerRecord.from_dict(data)
    assert record.learner.name == "Zoë Ñúñez" and record.confidence == {"before": "s0"}
    assert [a.submission_id for a in record.modules["lundy"].attempts] == ["s2"]
    assert record.status("lundy").value == "passed" and "treseder" not in record.modules
