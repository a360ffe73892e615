"""The impact review in Chromium, on a phone (375 px) and a laptop (1280 px): a learner who
passed every module 13 months ago opens the link a trainer sent, answers everything, sends it,
and it is stored once in the results format."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.page_audit import serious_violations, show_whole_page
from tests.browser.voila_server import VoilaServer
from widgets.content import load_content
from widgets.emodule import Attempt, Learner, LearnerRecord, ModuleProgress
from widgets.emodule.confidence import learning_outcomes
from widgets.follow_up.review import FRAMEWORK_PREFIX, PAGE_NAME
from widgets.results import ResultsStore
from widgets.results.drafts import DraftStore

ARTIFACTS = Path(__file__).parent / "artifacts"
EXAMPLE = ("At a looked-after child's review we asked Siân where and when to meet; she chose the youth club after "
           "school, chaired the first part herself, and the plan now says what changed because of her views.")


def learner_who_passed_long_ago(server: VoilaServer, name: str) -> str:
    """A learner record whose every module was passed 400 days ago; returns its resume code."""
    record = LearnerRecord(Learner(name, "Shire Children and Family Service", "North team", "Social worker"))
    long_ago = (datetime.now(timezone.utc) - timedelta(days=400)).strftime("%Y-%m-%dT%H:%M:%SZ")
    for module in load_content().modules:
        record.modules[module.id] = ModuleProgress(step=7, attempts=[Attempt(str(uuid.uuid4()), long_ago, 4.0, 4.0, True)])
    return DraftStore("learner", store=ResultsStore(server.results_dir)).create(record.to_dict()).code


@pytest.mark.parametrize("width", [375, 1280])
def test_the_impact_review_is_filled_in_and_sent(browser: Browser, staff_server: VoilaServer, width: int) -> None:
    name = f"Siân Example {width}"
    code = learner_who_passed_long_ago(staff_server, name)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{staff_server.url}/voila/render/{PAGE_NAME}?code={code}", timeout=90_000)
    expect(page.locator(".viw-follow-up")).to_be_visible(timeout=90_000)
    expect(page.get_by_role("heading", name=f"Hello, {name}")).to_be_visible()

    for scale in page.locator(".viw-scale").all():
        scale.get_by_label("4 - confident").check()
    content = load_content()
    for number, framework in enumerate(content.site.follow_up.frameworks):
        group = page.locator(f".viw-used-{framework.id}")
        group.get_by_label("Yes, I have used it" if number != 1 else "No, not yet").check()
    page.get_by_label(content.site.follow_up.example_prompt).fill(EXAMPLE)
    expect(page.locator(".viw-example .viw-count")).to_contain_text(f"{len(EXAMPLE)} of 5,000 characters")
    assert serious_violations(page) == []
    window = page.viewport_size
    show_whole_page(page)  # Voila scrolls inside a window-sized panel: make the window as tall as the page
    page.screenshot(path=str(ARTIFACTS / f"follow-up-filled-{width}.png"))
    page.set_viewport_size(window)

    page.get_by_role("button", name="Send my review").click()
    expect(page.locator(".viw-review-note")).to_contain_text("Thank you", timeout=60_000)
    expect(page.locator(".viw-status")).to_contain_text("Your review is saved")
    page.screenshot(path=str(ARTIFACTS / f"follow-up-sent-{width}.png"))

    stored = ResultsStore(staff_server.results_dir).rows(kind="follow_up")
    mine = stored[stored["respondent"] == name].set_index("item_id")
    assert len(mine) == len(learning_outcomes(content)) + len(content.site.follow_up.frameworks) + 1 and mine["submission_id"].nunique() == 1
    assert mine.loc["example", "evidence"] == EXAMPLE
    assert mine.loc[FRAMEWORK_PREFIX + "lundy", "response"] == "yes" and mine.loc[FRAMEWORK_PREFIX + "treseder", "response"] == "no"
    assert set(mine.drop(index=[i for i in mine.index if i.startswith(FRAMEWORK_PREFIX) or i == "example"])["response"]) == {"4"}
    page.close(run_before_unload=True)
    context.close()
