"""With the keyboard alone (Tab, Shift+Tab, arrows, Space, Enter, typing; no mouse), a learner
passes a module quiz and a manager completes a self-assessment section and submits it. The focus
shows at every stop, and when the control that had it goes away (a form replaced, a Check button
disabled) it moves to what replaced it, not to the top of the page. Feedback is told in words
and marks (never colour alone), and the states reached (quiz feedback, a filled-in form waiting
for confirmation, the submitted result) pass the axe audit offline."""

from __future__ import annotations

from typing import Any, Callable

from playwright.sync_api import Page, expect

from tests.browser.conftest import open_page
from tests.browser.keyboard import Keyboard
from tests.browser.page_audit import icon_font_glyphs, offline, serious_violations  # noqa: F401 - offline is a fixture
from tests.browser.voila_server import VoilaServer
from tests.emodule_helpers import right_answers, wrong_answer
from widgets.assessment.drafts import Autosave
from widgets.content import load_content
from widgets.results.drafts import DraftStore

CONTENT = load_content()


def verdict_for(item: Any, right: bool) -> str:
    """What the feedback must say first: a mark any font can show, then the verdict in words."""
    if item.type == "sort":
        return "✔ All placed correctly." if right else "✘"
    return "✔ Correct." if right else "✘ Not quite."


def answer_with_keys(keys: Keyboard, item: Any, response: Any) -> None:
    card = keys.page.locator(f".viw-question-{item.id}")
    if item.type == "single_choice":
        keys.choose_radio(card.locator(".widget-radio-box"), item.option(response).text)
    elif item.type == "multiple_choice":
        for option in item.options:
            if option.id in response:
                keys.press_on(card.get_by_label(option.text, exact=True), "Space")
    else:
        for number, scenario in enumerate(item.scenarios, start=1):
            keys.choose_option(card.get_by_label(f"Situation {number} belongs under"), item.label(response[scenario.id]))
    keys.press_on(card.get_by_role("button", name="Check answer"))


def test_a_learner_passes_a_module_quiz_with_the_keyboard_alone(
    page: Page, staff_server: VoilaServer, offline: Callable[[str], list[str]]
) -> None:
    outside = offline(staff_server.url)
    keys = Keyboard(page)
    quiz = CONTENT.quizzes["lundy"]
    total = len(CONTENT.module("lundy").steps) + 1
    open_page(page, staff_server, "02_lundy.ipynb", ready=".viw-sign-in")
    keys.type_into(page.get_by_label("Your name"), "Keyboard Learner")
    keys.type_into(page.get_by_label("Organisation"), "Shire CFS")
    keys.press_on(page.get_by_role("button", name="Start the e-module"))
    expect(page.locator(".viw-progress h2")).to_be_focused()  # "My progress", with the resume code

    form = page.locator(".viw-confidence-before")
    expect(form.get_by_role("radiogroup", name="Statement 1", exact=True)).to_be_visible()  # named, for screen readers
    for group in form.locator(".widget-radio-box").all():
        keys.choose_radio(group, "3 - fairly confident")
    keys.press_on(form.get_by_role("button", name="Save my ratings"))
    expect(form).to_have_count(0)
    expect(page.locator(".viw-steps h2").first).to_be_focused()  # the first step's heading

    counter = page.locator(".viw-step-counter")
    back, next_step = page.get_by_role("button", name="Back"), page.get_by_role("button", name="Next")
    heading = page.locator(".viw-steps h2").first
    keys.press_on(next_step)
    expect(counter).to_contain_text(f"Step 2 of {total}")
    expect(heading).to_be_focused()  # the new step's heading, read out and brought into view
    keys.press_on(back)
    expect(counter).to_contain_text(f"Step 1 of {total}")
    expect(heading).to_be_focused()
    for number in range(2, total + 1):
        keys.press_on(next_step)
        expect(counter).to_contain_text(f"Step {number} of {total}")
        expect(heading).to_be_focused()
        assert heading.evaluate("h => h.getBoundingClientRect().top >= 0 && h.getBoundingClientRect().top < innerHeight / 2")

    wrong = [item for item in quiz.items if item.type == "single_choice"][-1]  # one slip still passes
    responses = {**right_answers(quiz), wrong.id: wrong_answer(wrong)}
    for item in quiz.items:
        answer_with_keys(keys, item, responses[item.id])
        feedback = page.locator(f".viw-question-{item.id} .viw-feedback .viw-message")
        expect(feedback).to_be_focused()  # the Check button is disabled: the feedback has the focus, and is read out
        expect(feedback.locator("strong").first).to_contain_text(verdict_for(item, item is not wrong))
    expect(page.locator(".viw-quiz-result")).to_contain_text("You passed this module")
    assert serious_violations(page) == []  # feedback of both kinds and the result on screen
    assert icon_font_glyphs(page) == 0
    keys.press_on(page.get_by_role("button", name="Try the quiz again"))
    expect(page.locator(".viw-question h3").first).to_be_focused()  # the button hides itself: "Question 1 of ..."
    assert outside == []


ITEMS = {  # section 4.2 of IV Standard 4, every part of every item
    "iv4-planning": ("Not in place", "Consulted and informed", "Plan on paper only", "We want a say", "Invite young people", "Ann", "2027-02-01"),
    "iv4-monitoring": ("In place, needs improving", "Not involved yet", "Quarterly review", "", "Share the review", "Raj", "2027-03-15"),
    "iv4-review": ("In place and effective", "Adult-initiated, shared decisions with children and young people",
                   "Young reviewers", "It was fun", "Keep it going", "Lee", "2027-12-31"),
}


def test_a_manager_completes_a_self_assessment_section_and_submits_with_the_keyboard_alone(
    page: Page, staff_server: VoilaServer, offline: Callable[[str], list[str]]
) -> None:
    outside = offline(staff_server.url)
    keys = Keyboard(page)
    open_page(page, staff_server, "assess_iv_standard_4.ipynb", ready=".viw-assessment")
    keys.type_into(page.locator(".viw-detail-organisation input"), "Keyboard IV Service")
    keys.type_into(page.locator(".viw-detail-respondent input"), "Kay Board")
    for item_id, (rating, degree, evidence, children_say, action, owner, due) in ITEMS.items():
        block = page.locator(f".viw-item-{item_id}")
        keys.choose_radio(block.locator(".widget-radio-box"), rating)
        keys.choose_option(block.get_by_label("Degree of participation used today"), degree)
        keys.type_into(block.get_by_label("Evidence (what shows this)"), evidence)
        if children_say:
            keys.type_into(block.get_by_label("What children and young people say"), children_say)
        keys.type_into(block.get_by_label("Next action: what will be done"), action)
        keys.type_into(block.get_by_label("Who will do it"), owner)
        year, month, day = due.split("-")
        keys.type_into(block.locator(".viw-action-due input"), month + day + year)  # the date box's own order
    expect(page.locator(".viw-section-standard-4-2 .viw-progress")).to_contain_text("3 of 3 answered")
    expect(page.locator(f".viw-item-iv4-review .viw-action-due input")).to_have_value("2027-12-31")

    keys.press_on(page.get_by_role("button", name="Submit", exact=True))
    question = page.locator(".viw-confirm .viw-message")
    expect(question).to_be_focused()  # the confirmation is read out before anything can be pressed
    expect(question).to_contain_text("7 item(s) have no rating yet")
    assert serious_violations(page) == []  # the form filled in, the confirmation open
    keys.press_on(page.get_by_role("button", name="Submit with these left blank"))
    expect(page.locator(".viw-result h2").first).to_be_focused(timeout=60_000)  # the form and its Submit button are gone (storing and the report take a while on a busy machine)
    expect(page.locator(".viw-status")).to_contain_text("Submitted: 10 items saved")
    assert serious_violations(page) == []  # the report and the download links
    assert outside == []

    code = page.locator(".viw-code").inner_text()
    instrument = CONTENT.instrument("iv-standard-4")
    saved = Autosave(instrument, DraftStore("assessment", staff_server.results_dir)).resume(code)
    assert saved.details["organisation"] == "Keyboard IV Service"
    levels = {level.label: level.value for level in instrument.scale.levels}
    for item_id, (rating, degree, evidence, children_say, action, owner, due) in ITEMS.items():
        answer = saved.answer(item_id)
        assert (answer.rating, answer.participation_degree, answer.evidence, answer.children_say) == (
            levels[rating], degree, evidence, children_say)
        assert (answer.action, answer.action_owner, answer.action_due) == (action, owner, due)
