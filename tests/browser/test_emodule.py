"""The e-module in Chromium against the real server: a new learner registers, fails then
passes a quiz with feedback, keeps progress over a reload, and a learner who passed every
module rates their confidence again and downloads a certificate naming them with a
verification id from the results file."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser.conftest import open_page, results_csv
from tests.browser.emodule_steps import accessibility_problems, answer, go_to_step, rate_all, sign_in
from tests.browser.voila_server import VoilaServer
from tests.emodule_helpers import complete_everything, right_answers, wrong_answers
from widgets.content import load_content
from widgets.emodule import Learner, LearnerSession
from widgets.results import read_results
from widgets.settings import RESULTS_DIR_VARIABLE

CONTENT = load_content()


def rows_for(server: VoilaServer, respondent: str):
    result = read_results([("results.csv", results_csv(server))])
    assert all(report.ok for report in result.reports)
    return result.rows[result.rows["respondent"] == respondent]


def test_new_learner_fails_then_passes_and_finds_progress_after_reload(page: Page, staff_server: VoilaServer) -> None:
    quiz = CONTENT.quizzes["lundy"]
    total = len(CONTENT.module("lundy").steps) + 1
    open_page(page, staff_server, "02_lundy.ipynb", ready=".viw-sign-in")
    sign_in(page, "Browser Learner", "Shire CFS", "East team", "Family support worker")
    rate_all(page, "before")
    panel = page.locator(".viw-progress")
    expect(panel).to_contain_text("Signed in as Browser Learner")
    expect(page.locator(".viw-step-counter")).to_contain_text(f"Step 1 of {total}")

    go_to_step(page, total, total)
    first_draw = answer(page, quiz, wrong_answers(quiz))
    expect(page.locator(".viw-feedback").first).to_contain_text("✘")
    expect(page.locator(".viw-quiz-review")).to_contain_text("Review: the right answers")  # the fixture's review: after_attempt
    expect(page.locator(".viw-quiz-result")).to_contain_text("Not passed yet")
    assert accessibility_problems(page) == []  # labels, contrast, names of controls, with feedback showing
    page.get_by_role("button", name="Try the quiz again").click()
    expect(page.locator(".viw-quiz-review")).to_have_text("")
    second_draw = answer(page, quiz, right_answers(quiz))
    expect(page.locator(".viw-quiz-result")).to_contain_text("You passed this module")
    expect(panel).to_contain_text("The Lundy model: passed")

    link = page.locator(".viw-resume-link").get_attribute("href")
    assert link and re.fullmatch(r"02_lundy\.ipynb\?code=[A-Z2-9]{4}-[A-Z2-9]{4}", link)
    open_page(page, staff_server, link, ready=".viw-progress")
    page.reload()  # only once the page is up: a tab reloaded mid-load cannot tell Voila to stop its kernel
    expect(page.locator(".viw-progress")).to_contain_text("1 of 6 modules passed", timeout=60_000)
    expect(page.locator(".viw-progress")).to_contain_text("The Lundy model: passed")
    expect(page.locator(".viw-step-counter")).to_contain_text(f"Step {total} of {total}")
    expect(page.locator("text=Traceback")).to_have_count(0)

    rows = rows_for(staff_server, "Browser Learner")
    attempts = rows[rows["kind"] == "quiz"].groupby("submission_id")["score"].sum().sort_values().tolist()
    assert attempts == [0, quiz.max_score]
    asked = rows[rows["kind"] == "quiz"].groupby("submission_id")["item_id"].apply(frozenset).tolist()
    assert sorted(asked, key=sorted) == sorted([frozenset(i.id for i in draw) for draw in (first_draw, second_draw)], key=sorted)
    assert set(rows[rows["kind"] == "quiz"]["team"]) == {"East team"}
    assert len(rows[rows["instrument"] == "confidence-before"]) == 13


def test_finished_learner_downloads_a_certificate_with_a_stored_verification_id(
    page: Page, staff_server: VoilaServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(RESULTS_DIR_VARIABLE, str(staff_server.results_dir))  # the server's store
    session = LearnerSession.register(Learner("Certificate Learner", "Shire CFS"), CONTENT)
    complete_everything(session, rate_after=False)  # through the Python API, as the kernel would
    open_page(page, staff_server, f"06_safe_participation.ipynb?code={session.code}", ready=".viw-confidence-after")  # the new sixth module
    expect(page.locator(".viw-page :focus")).to_have_count(0)  # opening a page moves no focus
    rate_all(page, "after", "4 - confident")
    expect(page.locator(".viw-certificate h2")).to_be_focused()  # the form and its Save button gave way to it
    link = page.locator(".viw-certificate a.viw-download")
    assert (link.get_attribute("href") or "").startswith("blob:")  # works where data: links are blocked
    with page.expect_download() as waiting:
        link.click()
    text = "".join(p.extract_text() for p in PdfReader(waiting.value.path()).pages)
    verification = page.locator(".viw-verification").inner_text()
    assert "Certificate Learner" in text and verification in text.replace("\n", "")
    assert "Safe and ethical participation" in " ".join(text.split())  # the sixth module counts (its title may wrap)
    assert verification in set(rows_for(staff_server, "Certificate Learner")["submission_id"])
