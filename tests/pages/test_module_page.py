"""The module page in the kernel (no browser): sign-in first, a resume code reopens the saved
step, and the end of the e-module asks for the after-ratings before the certificate."""

from __future__ import annotations

from pathlib import Path

from tests.emodule_helpers import LEARNER, complete_everything, ratings, right_answers, wrong_answers
from widgets.content import load_content
from widgets.emodule import Learner, LearnerSession
from widgets.pages.module_page import ModulePage
from widgets.pages.module_parts.confidence_form import ConfidenceForm
from widgets.pages.module_parts.sign_in import SignIn
from widgets.ui.downloads import DownloadLink
from widgets.ui.focus import ATTRIBUTE


def test_a_new_visitor_signs_in_then_rates_confidence_then_sees_step_one(results_folder: Path) -> None:
    page = ModulePage("lundy", query="")
    sign_in = page.area.children[0]
    assert isinstance(sign_in, SignIn)
    sign_in.name.value, sign_in.organisation.value = "Ann Example", ""
    sign_in.start.click()
    assert "Please fill in your organisation." in sign_in.status.value
    sign_in.organisation.value = "Shire"
    sign_in.start.click()
    panel, form = page.area.children
    assert isinstance(form, ConfidenceForm) and page.session.code in panel.summary.value
    form.save.click()
    assert "13 still to rate" in form.status.value
    for scale in form.ratings.values():
        scale.value = 4
    form.save.click()
    assert page.steps is not None and "Step 1 of 7" in page.steps.counter.value
    assert page.session is not None and page.session.code in page.panel.summary.value


def test_passing_a_quiz_points_to_the_next_module_not_yet_passed(results_folder: Path) -> None:
    session = LearnerSession.register(LEARNER, load_content())
    session.rate_confidence("before", ratings(session.content))
    page = ModulePage("lundy", query=f"code={session.code}")
    page.quiz_view._save_attempt(wrong_answers(page.quiz), page.quiz_view.plan)
    assert page.next_module.value == ""
    page.quiz_view._save_attempt(right_answers(page.quiz), session.attempt_plan(page.quiz))
    assert f"03_treseder.ipynb?code={session.code}" in page.next_module.value


def test_a_bad_or_unknown_code_in_the_link_is_explained(results_folder: Path) -> None:
    assert "look right: codes are 8" in ModulePage("lundy", query="code=nope").area.children[0].status.value
    assert "No saved progress" in ModulePage("lundy", query="code=ABCD-EFGH").area.children[0].status.value


def test_the_resume_link_reopens_the_step_reached(results_folder: Path) -> None:
    session = LearnerSession.register(LEARNER, load_content())
    session.rate_confidence("before", ratings(session.content))
    session.visit("treseder", 3)
    page = ModulePage("treseder", query=f"code={session.code}")
    assert "Step 3 of 6" in page.steps.counter.value
    page.steps.back.click()
    assert LearnerSession.resume(session.code).step("treseder") == 2
    assert "in progress" in page.panel.summary.value


def test_when_all_is_done_the_page_offers_the_certificate(results_folder: Path) -> None:
    session = LearnerSession.register(LEARNER, load_content())
    complete_everything(session)
    page = ModulePage("practice", query=f"code={session.code}")
    heading, link, about = page.panel.finish.children[0].children
    assert "Well done: your certificate" in heading.value
    assert isinstance(link, DownloadLink) and link.label == "Download your certificate (PDF)"
    assert link.filename == "Certificate Ann Example.pdf" and link.data.startswith(b"%PDF")
    assert session.certificate().verification_id in about.value and "Verify a certificate" in about.value
    assert "<caption>Your confidence" in about.value  # before and after, both rounds being in


def test_the_focus_goes_to_what_replaces_the_control_that_had_it(results_folder: Path) -> None:
    page = ModulePage("lundy", query="")
    sign_in = page.area.children[0]
    sign_in.name.value, sign_in.organisation.value = "Ann Example", "Shire"
    sign_in.start.click()
    panel, form = page.area.children
    assert panel.summary.value.startswith(f"<h2 {ATTRIBUTE}")  # "My progress", with the resume code
    for scale in form.ratings.values():
        scale.value = 4
    form.save.click()
    assert page.steps is not None and page.steps.page.value.startswith(f"<h2 {ATTRIBUTE}")  # the first step
    page.steps.next.click()
    assert page.steps.page.value.startswith(f"<h2 {ATTRIBUTE}")  # Next: the new step's heading, brought into view
    page.steps.back.click()
    assert page.steps.page.value.startswith(f"<h2 {ATTRIBUTE}")  # and Back likewise


def test_the_certificate_takes_the_focus_from_the_after_ratings_form(results_folder: Path) -> None:
    session = LearnerSession.register(LEARNER, load_content())
    complete_everything(session, rate_after=False)
    page = ModulePage("practice", query=f"code={session.code}")
    assert ATTRIBUTE not in page.panel.summary.value  # opening the page leaves the focus alone
    form = page.panel.finish.children[0]
    for scale in form.ratings.values():
        scale.value = 5
    form.save.click()
    heading = page.panel.finish.children[0].children[0]
    assert heading.value.startswith(f"<h2 {ATTRIBUTE}") and "your certificate" in heading.value


def test_signing_in_puts_the_code_in_the_page_address(results_folder: Path) -> None:
    page = ModulePage("lundy", query="")
    assert page.address.code == ""
    sign_in = page.area.children[0]
    sign_in.name.value, sign_in.organisation.value = "Ann Example", "Shire"
    sign_in.start.click()
    assert page.session is not None and page.address.code == page.session.code
    assert ModulePage("lundy", query=f"code={page.session.code}").address.code == page.session.code


def test_signing_up_again_with_the_same_name_and_organisation_asks_for_the_code(results_folder: Path) -> None:
    first = LearnerSession.register(LEARNER, load_content())
    page = ModulePage("lundy", query="")
    sign_in = page.area.children[0]
    sign_in.name.value, sign_in.organisation.value = LEARNER.name.upper(), LEARNER.organisation
    sign_in.start.click()
    assert page.session is None and "has started the training already" in sign_in.status.value
    assert first.code not in sign_in.status.value and sign_in.start_anew.layout.display is None
    sign_in.code.value = first.code
    sign_in.resume_button.click()
    assert page.session is not None and page.session.code == first.code


def test_a_learner_who_lost_the_code_starts_a_new_record_knowingly(results_folder: Path) -> None:
    first = LearnerSession.register(LEARNER, load_content())
    page = ModulePage("lundy", query="")
    sign_in = page.area.children[0]
    sign_in.name.value, sign_in.organisation.value = LEARNER.name, LEARNER.organisation
    assert sign_in.start_anew.layout.display == "none"
    sign_in.start.click()
    sign_in.start_anew.click()
    assert page.session is not None and page.session.code != first.code


def test_coming_back_to_a_module_shows_the_last_result_or_the_pass(results_folder: Path) -> None:
    session = LearnerSession.register(LEARNER, load_content())
    session.rate_confidence("before", ratings(session.content))
    quiz = session.content.quizzes["lundy"]
    session.finish_attempt(quiz, wrong_answers(quiz))
    page = ModulePage("lundy", query=f"code={session.code}")
    assert page.quiz_return is not None and f"you need {quiz.pass_points} to pass" in page.quiz_return.summary.value
    assert page.quiz_view.layout.display is None and page.quiz_return.again.layout.display == "none"
    session.finish_attempt(quiz, right_answers(quiz))
    page = ModulePage("lundy", query=f"code={session.code}")
    assert page.quiz_return is not None and "You passed this module on" in page.quiz_return.summary.value
    assert page.quiz_view.layout.display == "none"  # the pass, not a blank quiz
    assert "03_treseder.ipynb?code=" in page.next_module.value
    page.quiz_return.again.click()
    assert page.quiz_view.layout.display is None and page.quiz_return.again.layout.display == "none"


def test_the_progress_box_folds_away_once_the_module_has_started(results_folder: Path) -> None:
    session = LearnerSession.register(LEARNER, load_content())
    page = ModulePage("lundy", query=f"code={session.code}")  # asked for the first ratings: not started
    assert "<details class='viw-progress-details' open>" in page.panel.summary.value
    session.rate_confidence("before", ratings(session.content))
    page = ModulePage("lundy", query=f"code={session.code}")  # on the first step
    assert "<details class='viw-progress-details'>" in page.panel.summary.value
    assert session.code in page.panel.summary.value.split("</summary>")[0]  # the code stays in sight, folded


def test_after_the_last_pass_the_last_ratings_come_under_the_quiz_where_the_learner_is(results_folder: Path) -> None:
    session = LearnerSession.register(LEARNER, load_content())
    complete_everything(session, rate_after=False)
    page = ModulePage("practice", query=f"code={session.code}")  # reopened with the ratings still to give: at the top
    assert page.area.children.index(page.panel.finish) < page.area.children.index(page.steps)
    session = LearnerSession.register(Learner("Another Learner", LEARNER.organisation), load_content())
    session.rate_confidence("before", ratings(session.content))
    page = ModulePage("lundy", query=f"code={session.code}")
    assert page.area.children[-1] is page.panel.finish  # under the steps, the quiz and its next action
