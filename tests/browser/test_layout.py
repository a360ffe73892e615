"""Every staff page in every state a person brings it to, laid out at a phone's width (375 px)
and a laptop's (1280 px), and the dashboard at 1280 px: no text printed over other text, no
form control covered by something else, no sideways scrolling, and tap targets of at least
44 px (tests/browser/layout_checks.py measures them from the DOM). A few states are also
looked at, more lightly (overflow and covered controls), at 320, 768 and 1920 px.

Each state is reached once and then measured at each width by resizing the window, as a person
turning a tablet would: page loads are what cost time. Every state's screenshot is saved as
tests/browser/artifacts/layout-<page>-<state>-<width>.png, to be looked at. The faults of every
state are gathered and reported together, so one run shows everything that is wrong."""

from __future__ import annotations

import urllib.request
from typing import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.aggregate import known_results as known
from tests.browser.assessment_helpers import Filled, fill_details, fill_item
from tests.browser.emodule_steps import answer, drawn, go_to_step, rate, rate_all, sign_in
from tests.browser.layout_checks import at_width, layout_problems, screenshot
from tests.browser.voila_server import VoilaServer
from tests.emodule_helpers import complete_everything, right_answers, wrong_answer, wrong_answers
from widgets.content import load_content
from widgets.emodule import Learner, LearnerSession
from widgets.server import TOKEN_VARIABLE
from widgets.settings import RESULTS_DIR_VARIABLE

CONTENT = load_content()
WIDTHS = (375, 1280)
LIGHT_WIDTHS = (320, 768, 1920)
TOKEN = "layout-test-token-0123456789"
PARAGRAPH = " ".join(  # 200 words, as a manager writes evidence: long words and all
    ["Our Independent Visitor service asked twelve young people how the leaflets read, and they"
     " rewrote the first page together with two volunteers; the new version went out in March"
     " with a freepost reply card, and eight of the twelve said afterwards that they understood"
     " what an Independent Visitor does and how to ask for one."] * 4
).split()[:200]
EVIDENCE = " ".join(PARAGRAPH)


def open_page(page: Page, server: VoilaServer, notebook: str, ready: str) -> None:
    """Open a page and wait for its widgets, as conftest.open_page does, but as long as a
    loaded machine takes to start its kernel (up to eight helpers share two cores)."""
    page.goto(f"{server.url}/voila/render/{notebook}")
    page.locator(ready).first.wait_for(state="visible", timeout=240_000)


class Layout:
    """Measures states and keeps every fault found, to report them all at the end."""

    def __init__(self, page: Page):
        self.page = page
        self.faults: list[str] = []

    def look(self, name: str, widths: tuple[int, ...] = WIDTHS, light: tuple[int, ...] = ()) -> None:
        for width in widths:
            at_width(self.page, width)
            screenshot(self.page, f"{name}-{width}")
            self.faults += [f"{name} at {width} px: {fault}" for fault in layout_problems(self.page)]
        for width in light:
            at_width(self.page, width)
            self.faults += [f"{name} at {width} px: {fault}" for fault in layout_problems(self.page, light=True)]
        at_width(self.page, widths[-1])

    def assert_clean(self) -> None:
        assert self.faults == [], f"{len(self.faults)} layout fault(s):\n" + "\n".join(self.faults)


def test_the_start_page_and_a_module_in_every_state(page: Page, staff_server: VoilaServer) -> None:
    layout = Layout(page)
    at_width(page, 1280)
    open_page(page, staff_server, "index.ipynb", ready=".viw-landing")
    layout.look("start-page", light=LIGHT_WIDTHS)

    module = CONTENT.module("lundy")
    quiz = CONTENT.quizzes["lundy"]
    total = len(module.steps) + 1
    open_page(page, staff_server, module.page, ready=".viw-sign-in")
    layout.look("lundy-sign-in", light=LIGHT_WIDTHS)
    sign_in(page, "Zoë Ní Bhriain-Montgomery", "Shire Children and Family Service", "North team", "Family support worker")
    rate(page, "before")
    layout.look("lundy-confidence", light=LIGHT_WIDTHS)
    page.locator(".viw-confidence-before").get_by_role("button", name="Save my ratings").click()
    expect(page.locator(".viw-confidence-before")).to_have_count(0)
    for number in range(1, total):
        go_to_step(page, number, total)
        layout.look(f"lundy-step-{number}", light=LIGHT_WIDTHS if number == 1 else ())
    go_to_step(page, total, total)
    layout.look("lundy-quiz")

    answer(page, quiz, wrong_answers(quiz))  # each question this attempt drew
    expect(page.locator(".viw-quiz-result")).to_contain_text("Not passed yet")
    layout.look("lundy-quiz-feedback", light=LIGHT_WIDTHS)
    page.get_by_role("button", name="Try the quiz again").click()
    expect(page.locator(".viw-quiz-review")).to_have_text("")  # the new draw is on the page
    slip = [item for item in drawn(page, quiz) if item.type == "single_choice"][-1]  # one slip still passes
    answer(page, quiz, {**right_answers(quiz), slip.id: wrong_answer(slip)})
    expect(page.locator(".viw-quiz-result")).to_contain_text("You passed this module")
    layout.look("lundy-result", light=LIGHT_WIDTHS)
    layout.assert_clean()


def test_the_certificate_area(page: Page, staff_server: VoilaServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(RESULTS_DIR_VARIABLE, str(staff_server.results_dir))  # the server's store
    session = LearnerSession.register(Learner("Siân Layout", "Shire Children and Family Service"), CONTENT)
    complete_everything(session, rate_after=False)
    layout = Layout(page)
    at_width(page, 1280)
    last = CONTENT.modules[-1]
    open_page(page, staff_server, f"{last.page}?code={session.code}", ready=".viw-confidence-after")
    rate(page, "after", "4 - confident")
    layout.look("practice-confidence-after")
    rate_all(page, "after", "4 - confident")
    expect(page.locator(".viw-certificate")).to_be_visible()
    layout.look("practice-certificate", light=LIGHT_WIDTHS)
    layout.assert_clean()


def test_a_self_assessment_filled_submitted_and_its_report(page: Page, staff_server: VoilaServer) -> None:
    layout = Layout(page)
    at_width(page, 1280)
    open_page(page, staff_server, "assess_iv_standard_4.ipynb", ready=".viw-assessment")
    layout.look("iv4-empty", light=LIGHT_WIDTHS)
    fill_details(page, organisation="Shire Independent Visitor Service", respondent="Ann Layout")
    fill_item(page, "iv4-leaflets", Filled("In place, needs improving", "Consulted and informed", EVIDENCE,
                                           "They liked the new colours", "Test the leaflet with the council", "Ann", "2027-03-01"))
    fill_item(page, "iv4-training", Filled("In place and effective", "Adult-initiated, shared decisions with children and young people",
                                           "Young trainers co-deliver every course"))
    expect(page.locator(".viw-overall-progress")).to_contain_text("2 of")
    layout.look("iv4-filled", light=LIGHT_WIDTHS)
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.locator(".viw-confirm-submit")).to_be_visible()
    layout.look("iv4-check-answers")
    page.locator(".viw-confirm-submit").click()
    expect(page.locator(".viw-status")).to_contain_text("Submitted", timeout=60_000)
    layout.look("iv4-report", light=LIGHT_WIDTHS)
    layout.assert_clean()


@pytest.fixture(scope="module")
def trainer_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    server = VoilaServer("trainer", known.write_store(tmp_path_factory.mktemp("layout-trainer")), env={TOKEN_VARIABLE: TOKEN})
    server.start()
    yield server
    server.stop()


def test_the_dashboard(page: Page, trainer_server: VoilaServer) -> None:
    layout = Layout(page)
    at_width(page, 1280)
    open_page(page, trainer_server, f"dashboard.ipynb?token={TOKEN}", ready=".viw-dashboard-complete")
    layout.look("dashboard", widths=(1280,), light=(1920,))
    layout.assert_clean()


def test_the_loading_screen_names_the_page(staff_server: VoilaServer) -> None:
    """While the kernel makes the page, it says which page is coming, not "Executing 1 of 2"."""
    with urllib.request.urlopen(f"{staff_server.url}/voila/render/02_lundy.ipynb", timeout=240) as answer:
        body = answer.read().decode()
    assert '<h2 id="loading_text">Loading The Lundy model...</h2>' in body
    assert 'window.update_loading_text(cell_index, cell_count, "Loading The Lundy model...")' in body
