"""A manager opens this year's round with last year's code, sees last round's actions, marks
them (a status, a note), reloads in the middle, submits, and the report has them: on a phone
(375 px) and a laptop (1280 px), with screenshots of each step at each width."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from tests.browser.conftest import open_page
from tests.browser.layout_checks import ARTIFACTS, at_width, layout_problems, whole_page
from tests.browser.page_audit import serious_violations
from tests.browser.voila_server import VoilaServer
from widgets.assessment.drafts import Autosave
from widgets.assessment.model import Assessment
from widgets.assessment.submit import store_submission
from widgets.content import load_content
from widgets.results.drafts import DraftStore

PAGE = "assess_iv_standard_4.ipynb"
ACTIONS = {  # item: (action, owner, due) agreed last round
    "iv4-leaflets": ("Redo the leaflet with the young people's group, in plain words and in Welsh", "Ann", "2026-03-31"),
    "iv4-children-in-care-council": ("Book a slot at every children in care council meeting", "Raj", "2026-01-15"),
    "iv4-planning": ("Invite young people to the planning day", "Lee", ""),
}
NOTE = ("Printed in English and Welsh; the group chose the pictures. " * 6).strip()


def picture(page: Page, part: Locator, name: str) -> None:
    """A screenshot of one part of the page, drawn with the window as tall as the page (the
    browser paints only what a window shows)."""
    window = whole_page(page)
    try:
        part.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    finally:
        page.set_viewport_size(window)


def last_round(server: VoilaServer, organisation: str) -> str:
    """Last year's round, submitted: its resume code (what its report gives to start the next)."""
    instrument = load_content().instrument("iv-standard-4")
    assessment = Assessment(instrument)
    assessment.set_detail("organisation", organisation)
    assessment.set_detail("respondent", "Ann Manager")
    for item_id, (action, owner, due) in ACTIONS.items():
        assessment.set_answer(item_id, "rating", 1)
        assessment.set_answer(item_id, "action", action)
        assessment.set_answer(item_id, "action_owner", owner)
        assessment.set_answer(item_id, "action_due", due)
    drafts = DraftStore("assessment", server.results_dir)
    autosave = Autosave(instrument, drafts)
    code = autosave.save(assessment)
    store_submission(assessment, drafts.store, draft=code)
    return code


@pytest.mark.parametrize("width", [375, 1280])
def test_a_manager_reports_on_last_round_s_actions_reloads_submits_and_the_report_has_them(
        page: Page, staff_server: VoilaServer, width: int) -> None:
    organisation = f"Northshire IV Service {width}"
    previous = last_round(staff_server, organisation)
    at_width(page, width)
    open_page(page, staff_server, PAGE, ready=".viw-assessment")
    expect(page.locator(".viw-last-actions")).not_to_be_visible()  # no round before known: nothing asked
    page.locator(".viw-detail-organisation input").fill(organisation)
    page.locator(".viw-detail-respondent input").fill("Ann Manager")
    page.get_by_label("Last round's code (optional)").fill(previous.lower())
    listed = page.locator(".viw-action-review")
    expect(listed).to_have_count(3, timeout=60_000)
    expect(page.get_by_role("heading", name="Last round's actions")).to_be_visible()
    expect(listed.nth(0)).to_contain_text(ACTIONS["iv4-leaflets"][0])
    expect(listed.nth(0)).to_contain_text("Who: Ann. By when: 31 March 2026.")
    expect(listed.nth(2)).to_contain_text("By when: no date given.")
    first = page.get_by_role("group", name="How far has action 1 got?")
    expect(first.get_by_label("Not reported", exact=True)).to_be_checked()
    first.get_by_label("Done", exact=True).check()
    page.get_by_label("Note on action 1 (optional)").fill(NOTE)
    second = page.get_by_role("group", name="How far has action 2 got?")
    second.get_by_label("Not reported", exact=True).focus()  # by keyboard: the arrow keys move inside the group
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(second.get_by_label("Partly done", exact=True)).to_be_checked()
    page.locator(".viw-item-iv4-leaflets").get_by_label("In place and effective", exact=True).check()
    expect(page.locator(".viw-overall")).to_contain_text("1 of 10 answered")  # the kernel has had every change
    assert layout_problems(page) == []
    assert serious_violations(page) == []
    picture(page, page.locator(".viw-last-actions"), f"last-round-actions-{width}")
    code = page.locator(".viw-code").inner_text()

    page.goto(f"{staff_server.url}/voila/render/{PAGE}?code={code}")  # a reload in the middle: only the draft remembers
    expect(page.locator(".viw-status")).to_contain_text("Your saved work is back: 1 of 10 answered", timeout=60_000)
    expect(page.locator(".viw-action-review")).to_have_count(3)
    expect(page.get_by_role("group", name="How far has action 1 got?").get_by_label("Done", exact=True)).to_be_checked()
    expect(page.get_by_label("Note on action 1 (optional)")).to_have_value(NOTE)
    expect(page.get_by_role("group", name="How far has action 2 got?").get_by_label("Partly done", exact=True)).to_be_checked()
    expect(page.get_by_role("group", name="How far has action 3 got?").get_by_label("Not reported", exact=True)).to_be_checked()

    page.get_by_role("button", name="Submit", exact=True).click()
    check = page.locator(".viw-confirm")
    expect(check).to_contain_text(f"Done: {ACTIONS['iv4-leaflets'][0]} (note: {NOTE})")
    expect(check).to_contain_text(f"Partly done: {ACTIONS['iv4-children-in-care-council'][0]}")
    expect(check).to_contain_text(f"Not reported: {ACTIONS['iv4-planning'][0]}")
    picture(page, check, f"last-round-actions-check-{width}")
    page.get_by_role("button", name="Submit with these left blank").click()
    expect(page.locator(".viw-status")).to_contain_text("Submitted: 10 items and 3 of last round's actions saved", timeout=90_000)

    report = page.locator(".viw-report")
    table = report.locator("table", has=page.get_by_role("columnheader", name="Last round's action"))
    expect(report).to_contain_text("2 of 3 reported on in this round.")
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(table.locator("tbody tr").nth(0)).to_contain_text("Done")
    expect(table.locator("tbody tr").nth(0)).to_contain_text(NOTE)
    expect(table.locator("tbody tr").nth(1)).to_contain_text("Partly done")
    expect(table.locator("tbody tr").nth(2)).to_contain_text("Not reported")
    assert layout_problems(page, light=True) == []
    picture(page, table, f"last-round-actions-report-{width}")

    with page.expect_download() as waiting:
        page.get_by_text("Download the answers (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(waiting.value.path().read_text(encoding="utf-8"))))
    assert [(r["kind"], r["item_id"], r["response"], r["evidence"]) for r in rows if r["kind"] == "action_review"] == [
        ("action_review", "action-review.iv4-leaflets", "done", NOTE),
        ("action_review", "action-review.iv4-children-in-care-council", "partly", ""),
        ("action_review", "action-review.iv4-planning", "", "")]
    with page.expect_download() as waiting:
        page.get_by_text("Download the report (PDF)").click()
    pdf = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(waiting.value.path()).pages)
    assert "Last round's actions" in pdf and "Partly done" in pdf and "Not reported" in pdf
