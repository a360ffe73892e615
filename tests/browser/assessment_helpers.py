"""Filling in and reading back a self-assessment item in the browser, as a manager would."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from widgets.pages.assessment_form import NO_DEGREE


@dataclass(frozen=True)
class Filled:
    """What a test types into one item (``rating`` is the level's label, as a person sees it)."""

    rating: str = ""
    degree: str = ""
    evidence: str = ""
    children_say: str = ""
    action: str = ""
    owner: str = ""
    due: str = ""  # YYYY-MM-DD


def item(page: Page, item_id: str) -> Locator:
    return page.locator(f".viw-item-{item_id}")


def fill_item(page: Page, item_id: str, answer: Filled) -> None:
    """Boxes first, the rating last (a change the page counts, so a test can wait on it)."""
    block = item(page, item_id)
    if answer.degree:
        block.locator(".viw-participation-degree").get_by_label(answer.degree, exact=True).check()
    for label, text in (
        ("Evidence (what shows this)", answer.evidence),
        ("What children and young people say", answer.children_say),
        ("Next action: what will be done", answer.action),
        ("Who will do it", answer.owner),
    ):
        if text:
            block.get_by_label(label).fill(text)
    if answer.due:
        block.locator(".viw-action-due input").fill(answer.due)
    if answer.rating:
        block.get_by_label(answer.rating, exact=True).check()


def expect_item(page: Page, item_id: str, answer: Filled) -> None:
    """Every part of the item shows what was typed before (empty where nothing was)."""
    block = item(page, item_id)
    rating = block.locator(".viw-rating")
    if answer.rating:
        expect(rating.get_by_label(answer.rating, exact=True)).to_be_checked()
    else:
        expect(rating.locator("input[type=radio]:checked")).to_have_count(0)
    degree = block.locator(".viw-participation-degree")
    expect(degree.get_by_label(answer.degree or NO_DEGREE, exact=True)).to_be_checked()
    expect(block.get_by_label("Evidence (what shows this)")).to_have_value(answer.evidence)
    expect(block.get_by_label("What children and young people say")).to_have_value(answer.children_say)
    expect(block.get_by_label("Next action: what will be done")).to_have_value(answer.action)
    expect(block.get_by_label("Who will do it")).to_have_value(answer.owner)
    expect(block.locator(".viw-action-due input")).to_have_value(answer.due)


def fill_details(page: Page, **details: str) -> None:
    for name, value in details.items():
        page.locator(f".viw-detail-{name} input").fill(value)


def submit_and_confirm(page: Page, timeout: float = 60_000) -> None:
    """Submit as a person does: Submit shows "Check your answers", whose confirm button
    ("Submit now", or "Submit with these left blank") is what stores."""
    page.get_by_role("button", name="Submit", exact=True).click()
    confirm = page.locator(".viw-confirm-submit")
    expect(confirm).to_be_visible(timeout=timeout)
    confirm.click()


def watch_dialogs(page: Page, seen: list[str]) -> None:
    """Record (and dismiss) any alert a page opens: typed HTML that ran would open one."""
    page.on("dialog", lambda dialog: (seen.append(dialog.message), dialog.dismiss()))
