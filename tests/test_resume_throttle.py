"""Wrong resume codes are throttled per visitor address, with a growing wait, and logged
without the code."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from widgets.emodule import Learner, LearnerSession
from widgets.errors import Refused
from widgets.resume_guard import VISITOR_ADDRESS
from widgets.results.drafts import DraftStore
from widgets.throttle import FREE_FAILURES, Throttle


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_the_wait_starts_after_a_few_failures_and_doubles(tmp_path: Path) -> None:
    clock = Clock()
    throttle = Throttle(tmp_path / "t.sqlite", "code", free=3, first_wait=2, longest_wait=10, clock=clock)
    for _ in range(3):
        assert throttle.wait_left("10.0.0.1") == 0
        throttle.failed("10.0.0.1")
    assert throttle.wait_left("10.0.0.1") == 2  # the fourth try waits
    assert throttle.wait_left("10.0.0.2") == 0  # another address does not
    clock.now += 2
    assert throttle.wait_left("10.0.0.1") == 0
    throttle.failed("10.0.0.1")
    assert throttle.wait_left("10.0.0.1") == 4
    for _ in range(5):
        throttle.failed("10.0.0.1")
    assert throttle.wait_left("10.0.0.1") == 10  # never longer than the longest wait
    clock.now += 3600 + 1  # an hour later everything is forgotten
    assert throttle.wait_left("10.0.0.1") == 0


def test_a_second_throttle_on_the_same_file_sees_the_failures(tmp_path: Path) -> None:
    """Each page is its own kernel process: they share the file."""
    clock = Clock()
    first = Throttle(tmp_path / "t.sqlite", "code", free=1, clock=clock)
    first.failed("10.0.0.1")
    assert Throttle(tmp_path / "t.sqlite", "code", free=1, clock=clock).wait_left("10.0.0.1") > 0
    assert Throttle(tmp_path / "t.sqlite", "token", free=1, clock=clock).wait_left("10.0.0.1") == 0


def test_wrong_resume_codes_from_one_address_are_refused_for_a_while_and_logged_without_the_code(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    drafts = DraftStore("learner")
    right = LearnerSession.register(Learner("Ann Example", "Shire"), drafts=drafts).code
    monkeypatch.setenv(VISITOR_ADDRESS, "203.0.113.9")
    wrong = ["AAAA-AAA" + letter for letter in "BCDEFGHJK"][:FREE_FAILURES]
    with caplog.at_level(logging.WARNING):
        for code in wrong:
            with pytest.raises(Refused, match="No saved progress has the code"):
                LearnerSession.resume(code, drafts=drafts)
    with pytest.raises(Refused, match=r"Please wait \d+ seconds"):
        LearnerSession.resume(right, drafts=drafts)  # even the right code waits: no guessing at speed
    assert caplog.text.count("A resume code matched nothing (visitor 203.0.113.9") == FREE_FAILURES
    assert not any(code in caplog.text for code in wrong)
    monkeypatch.setenv(VISITOR_ADDRESS, "198.51.100.7")  # someone else, elsewhere, is not slowed
    assert LearnerSession.resume(right, drafts=drafts).code == right
