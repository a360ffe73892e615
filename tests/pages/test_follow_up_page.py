"""The impact review page in the kernel: reached with the resume code, open only once every
module is passed and the time has come, every question needed, saved once by its submission
id, and a review already sent is shown as sent."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from tests.emodule_helpers import LEARNER, complete_everything
from widgets.assessment.model import MAX_TEXT
from widgets.content import load_content
from widgets.emodule import LearnerSession
from widgets.emodule.confidence import learning_outcomes
from widgets.follow_up.review import due_on
from widgets.pages.follow_up_page import FollowUpPage, ReviewForm
from widgets.results import ResultsStore


def finished_learner() -> tuple[LearnerSession, date]:
    """A learner who passed everything just now, and the day their review is due."""
    session = LearnerSession.register(LEARNER, load_content())
    complete_everything(session)
    return session, due_on(datetime.now(timezone.utc).date(), session.content.site.follow_up.months_after_last_pass)


def fill(form: ReviewForm, example: str = "We asked the children where to meet, and moved the review to the youth club.") -> None:
    for scale in form.ratings.values():
        scale.value = 4
    for number, choice in enumerate(form.used.values()):
        choice.value = "yes" if number % 2 == 0 else "no"
    form.example.box.value = example


def test_a_learner_who_has_not_passed_everything_is_told_so(results_folder: Path) -> None:
    session = LearnerSession.register(LEARNER, load_content())
    page = FollowUpPage(today=date(2099, 1, 1))
    page.open_link(f"code={session.code}")
    assert "after you have passed every training module" in page.area.children[0].children[0].value


def test_before_the_time_has_come_the_page_says_when_it_opens(results_folder: Path) -> None:
    session, due = finished_learner()
    page = FollowUpPage(today=date.fromordinal(due.toordinal() - 1))
    page.open_link(f"code={session.code}")
    note = page.area.children[0].children[0].value
    assert f"{due.day} {due:%B %Y}" in note and "12 months after you passed your last module" in note


def test_the_review_is_filled_in_and_saved_once(results_folder: Path) -> None:
    session, due = finished_learner()
    page = FollowUpPage(today=due)
    page.open_link(f"code={session.code}")
    assert page.form is not None
    send = page.area.children[-1]
    outcomes, frameworks = len(learning_outcomes(session.content)), len(session.content.site.follow_up.frameworks)
    send.click()
    assert f"rate {outcomes} more statements" in page.status.value and "give one example" in page.status.value
    fill(page.form, "x" * (MAX_TEXT + 1))
    send.click()
    assert f"shorten it to {MAX_TEXT:,}" in page.status.value
    assert page.form.example.box.value == "x" * (MAX_TEXT + 1)  # never cut: it stays to be shortened
    assert ResultsStore().rows(kind="follow_up").empty
    example = "We asked the children where to meet,\nand moved the review to the youth club. "
    fill(page.form, example)
    form = page.form
    send.click()
    assert "Your review is saved" in page.status.value and "Thank you" in page.area.children[0].children[0].value
    stored = ResultsStore().rows(kind="follow_up")
    assert len(stored) == outcomes + frameworks + 1 and stored["submission_id"].nunique() == 1
    assert set(stored["instrument"]) == {"impact-review"} and set(stored["respondent"]) == {LEARNER.name}
    assert stored.set_index("item_id").loc["example", "evidence"] == example  # exactly as typed
    assert stored.set_index("item_id").loc["framework.lundy", "response"] == "yes"
    page.form = form
    page.send()  # pressed again (or a retry): the same review, not a second
    again = FollowUpPage(today=due)  # another tab, or another day
    again.open_link(f"code={session.code}")
    assert "Your review was sent on" in again.area.children[0].children[0].value
    assert len(ResultsStore().rows(kind="follow_up")) == outcomes + frameworks + 1


def test_the_code_can_be_typed_and_a_wrong_one_is_explained(results_folder: Path) -> None:
    session, due = finished_learner()
    page = FollowUpPage(today=due)
    box, button = page.area.children[0].children[1:]
    box.value = "ZZZZ-ZZZZ"
    button.click()
    assert "No saved progress has the code ZZZZ-ZZZZ" in page.status.value
    box.value = session.code.lower()
    button.click()
    assert page.form is not None
