"""A certificate's verification id finds its learner in the store, and the trainer's box says
whose it is; a mistyped id, an unknown one, or an attempt that did not complete the e-module is
explained, never taken for a certificate."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from tests.emodule_helpers import LEARNER, complete_everything, right_answers
from widgets.content import load_content
from widgets.dashboard.verify import VerifyView
from widgets.emodule import Learner, LearnerSession
from widgets.emodule.verification import verify_certificate
from widgets.errors import Refused
from widgets.results import ResultsStore


def test_the_id_finds_the_certificate_as_issued(results_folder: Path) -> None:
    session = LearnerSession.register(Learner("Zoë Ní Bhriain", "Shire"), load_content())
    complete_everything(session)
    LearnerSession.register(LEARNER, load_content())  # someone else in the store
    issued = session.certificate()
    typed = f"  {issued.verification_id.upper()} "  # as read off paper
    assert verify_certificate(typed, ResultsStore(results_folder), load_content()) == issued


@pytest.mark.parametrize("typed, why", [
    ("K7QX-9MZD", "not a verification id"),
    ("2bfe9f99-9d5b-468d-aa23-ebdc9f91f0d9", "No certificate has the verification id"),
])
def test_a_mistyped_or_unknown_id_is_explained(results_folder: Path, typed: str, why: str) -> None:
    with pytest.raises(Refused, match=why):
        verify_certificate(typed, ResultsStore(results_folder), load_content())


def test_an_attempt_that_did_not_complete_the_e_module_is_no_certificate(results_folder: Path) -> None:
    session = LearnerSession.register(LEARNER, load_content())
    quiz = session.content.quizzes["lundy"]
    attempt = session.finish_attempt(quiz, right_answers(quiz))
    with pytest.raises(Refused, match="not the one that completed the e-module"):
        verify_certificate(attempt.submission_id, ResultsStore(results_folder), load_content())


def test_the_dashboard_box_shows_whose_certificate_it_is(results_folder: Path) -> None:
    session = LearnerSession.register(Learner("فاطمة الزهراء", "Shire <CFS>"), load_content())
    complete_everything(session)
    box = VerifyView(ResultsStore(results_folder), load_content())
    box.typed.value = session.certificate().verification_id
    box.check.click()
    assert "فاطمة الزهراء" in box.found.value and "Shire &lt;CFS&gt;" in box.found.value
    assert all(html.escape(module.title) in box.found.value for module in session.content.modules)
    box.typed.value = "nonsense"
    box.check.click()
    assert box.found.value == "" and "not a verification id" in box.status.value
