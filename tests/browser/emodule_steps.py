"""Steps a learner takes in the e-module pages, for browser tests: sign in, rate, move
through steps, answer questions by their visible labels."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

from widgets.content.quiz import Quiz
from widgets.quiz_items import QuizItem


def accessibility_problems(page: Page) -> list[str]:
    """axe-core's findings of any impact on the page as it is now, one line each (our page
    template gives the page its main landmark, so no rule needs leaving out)."""
    violations = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
            for v in violations]


def sign_in(page: Page, name: str, organisation: str, team: str = "", role: str = "") -> None:
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Organisation").fill(organisation)
    page.get_by_label("Team (optional)").fill(team)
    page.get_by_label("Role (optional)").fill(role)
    page.get_by_role("button", name="Start the e-module").click()


def rate_all(page: Page, when: str, label: str = "3 - fairly confident") -> None:
    form = rate(page, when, label)
    form.get_by_role("button", name="Save my ratings").click()
    expect(form).to_have_count(0)


def rate(page: Page, when: str, label: str = "3 - fairly confident") -> Locator:
    """Give every learning outcome the same rating (not saved yet); returns the form."""
    form = page.locator(f".viw-confidence-{when}")
    expect(form).to_be_visible()
    choices = form.get_by_label(label)
    for number in range(choices.count()):
        choices.nth(number).check()
    return form


def go_to_step(page: Page, number: int, total: int) -> None:
    counter = page.locator(".viw-step-counter")
    while True:
        text = counter.inner_text()
        if f"Step {number} of {total}" in text:
            return
        page.get_by_role("button", name="Next").click()
        expect(counter).not_to_have_text(text)


def drawn(page: Page, quiz: Quiz) -> list[QuizItem]:
    """The questions this attempt asks, in order: the quiz lists their ids (data-viw-items)."""
    listed = page.locator(".viw-quiz [data-viw-items]")
    expect(listed).to_have_count(1)
    ids = (listed.get_attribute("data-viw-items") or "").split()
    return [next(item for item in quiz.items if item.id == item_id) for item_id in ids]


def answer(page: Page, quiz: Quiz, responses: dict[str, Any]) -> list[QuizItem]:
    """Give each question drawn its answer through the page's own controls and check it; the
    test knows the key. Returns the questions asked."""
    asked = drawn(page, quiz)
    for item in asked:
        check(choose(page, item, responses[item.id]), item)
    return asked


def choose(page: Page, item: QuizItem, response: Any) -> Locator:
    """Set one question's answer on the page (not checked yet); returns its card."""
    card = page.locator(f".viw-question-{item.id}")
    if item.type == "single_choice":
        card.get_by_label(item.option(response).text, exact=True).check()
    elif item.type == "multiple_choice":
        for option in item.options:
            box = card.get_by_label(option.text, exact=True)
            box.check() if option.id in response else box.uncheck()
    else:
        for number, scenario in enumerate(item.scenarios, start=1):
            card.locator(f".viw-situation-{number}").get_by_label(item.label(response[scenario.id]), exact=True).check()
    return card


def check(card: Locator, item: QuizItem) -> None:
    """Press Check and wait for the verdict (which, for a wrong answer, does not give the key)."""
    card.get_by_role("button", name="Check answer").click()
    expect(card.locator(".viw-feedback")).to_contain_text("of 1 point")
