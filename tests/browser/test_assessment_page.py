"""A manager fills in IV Standard 4 over two sittings, submits, and keeps the CSV and report.

Free text with HTML in it must show as text everywhere and never run. The page's status line is
one live region from the start, whose text changes with each message (so screen readers announce
it), and the focus follows "check your answers" (shown before every submit, rated or not), a
return to the form, the result, and a submit without a name.
"""

from __future__ import annotations

import csv
import io
import re

from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from tests.browser.assessment_helpers import Filled, expect_item, fill_details, fill_item, item, watch_dialogs
from tests.browser.conftest import open_page, results_csv
from tests.browser.layout_checks import ARTIFACTS
from tests.browser.voila_server import VoilaServer
from widgets.assessment.drafts import Autosave
from widgets.assessment.model import Assessment
from widgets.content import load_content
from widgets.results.drafts import DraftStore

PAGE = "assess_iv_standard_4.ipynb"
SCRIPT = "<img src=x onerror=alert(1)>"
LEVELS = {"Not in place": 0, "Being established": 1, "In place, needs improving": 2, "In place and effective": 3}
DETAILS = {"organisation": "Northshire IV Service", "team": "Participation", "respondent": "Ann Manager", "role": "Service manager"}
FIRST_HALF = {
    "iv4-leaflets": Filled("In place, needs improving", "Consulted and informed", SCRIPT, "They liked the new colours",
                           "Redo the leaflet with the group", "Ann", "2027-03-31"),
    "iv4-children-in-care-council": Filled("Not in place", "Not involved yet", "No visits this year", "",
                                           "Book a council slot", "Raj", "2027-01-15"),
    "iv4-training": Filled("In place and effective", "Adult-initiated, shared decisions with children and young people",
                           "Two sessions co-run", "'It was fun'"),
    "iv4-interviewing": Filled("Being established", "", "=1+1 on the panel sheet", "", "Train two young panel members", "Ann"),
    "iv4-panel-questions": Filled("In place, needs improving", "Consulted and informed", "Questions list, line 1\nline 2"),
}
SECOND_HALF = {
    "iv4-feedback-forms": Filled("In place and effective", "Child-initiated, shared decisions with adults", "New form in use"),
    "iv4-activities": Filled("Being established", "", "", "More trips please", "Plan a summer day", "Lee", "2027-06-01"),
    "iv4-planning": Filled("Not in place", "", "", "", "Invite young people to planning day", "Ann", "2027-02-01"),
    "iv4-monitoring": Filled("In place, needs improving", "Consulted and informed", "Quarterly feedback review"),
}
LEFT_BLANK = "iv4-review"


def test_a_manager_fills_half_resumes_after_reload_finishes_and_keeps_csv_and_report(page: Page, staff_server: VoilaServer) -> None:
    dialogs: list[str] = []
    watch_dialogs(page, dialogs)
    open_page(page, staff_server, PAGE, ready=".viw-assessment")
    fill_details(page, **DETAILS)
    for item_id, answer in FIRST_HALF.items():
        fill_item(page, item_id, answer)
    expect(page.locator(".viw-overall")).to_contain_text("5 of 10 answered")  # the kernel has every change
    expect(page.locator(".viw-section-standard-4-1 .viw-progress")).to_contain_text("5 of 7 answered")
    code = page.locator(".viw-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)

    page.reload()  # a fresh kernel: only the draft remembers
    page.locator(".viw-assessment").wait_for()
    expect(page.locator(".viw-overall")).to_contain_text("0 of 10 answered")
    status = listen_to_status(page)
    page.get_by_label("Resume code").fill("nonsense")
    for written in (1, 2):  # the same problem twice: written afresh, so it is announced again
        page.get_by_role("button", name="Carry on from this code").click()
        page.wait_for_function("n => document.querySelector('.viw-status').viwWritten === n", arg=written)
    expect(status).to_have_text("Problem: That code doesn't look right: codes are 8 letters and digits, like K7QX-9MZD.")
    page.get_by_label("Resume code").fill(code.lower())
    page.get_by_role("button", name="Carry on from this code").click()
    expect(status).to_have_text("Done: Your saved work is back: 5 of 10 answered.")
    for name, value in DETAILS.items():
        expect(page.locator(f".viw-detail-{name} input")).to_have_value(value)
    for item_id, answer in FIRST_HALF.items():
        expect_item(page, item_id, answer)
    expect_item(page, LEFT_BLANK, Filled())

    for item_id, answer in SECOND_HALF.items():
        fill_item(page, item_id, answer)
    expect(page.locator(".viw-overall")).to_contain_text("9 of 10 answered")
    submit = page.get_by_role("button", name="Submit", exact=True)
    submit.click()
    confirm = page.locator(".viw-confirm")
    expect(confirm.locator(":focus")).to_have_count(1)  # the focus is in the confirmation, on its question
    expect(confirm.locator(".viw-message")).to_be_focused()
    expect(confirm).to_contain_text("1 item(s) have no rating yet")
    expect(confirm).to_contain_text("take part in reviewing the service")
    page.get_by_role("button", name="Keep filling in").click()
    expect(item(page, LEFT_BLANK).locator("h4")).to_be_focused()  # the item still to rate, not the top of the page
    submit.click()
    assert not results_csv(staff_server).exists() or code not in results_csv(staff_server).read_text()
    page.get_by_role("button", name="Submit with these left blank").click()
    expect(status).to_contain_text("Submitted: 10 items saved", timeout=60_000)  # storing and the report take a while on a busy machine
    expect(page.locator(".viw-result :focus")).to_have_count(1)  # the form went, with the focused button
    expect(page.locator(".viw-result h2").first).to_be_focused()
    assert status.evaluate("el => el.viwWritten") == 4  # one region all along, written four times

    report = page.locator(".viw-report")
    expect(report).to_contain_text(SCRIPT)  # shown as the literal text
    expect(report.locator("img[src=x]")).to_have_count(0)
    expect(report.get_by_role("img", name=re.compile("Bar chart of scores by section"))).to_be_visible()
    expect(report).to_contain_text("4.1 Children and young people help run the service")

    with page.expect_download() as waiting:
        page.get_by_text("Download the answers (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(waiting.value.path().read_text(encoding="utf-8"))))
    check_rows(rows)
    stored = [r for r in csv.DictReader(results_csv(staff_server).open(encoding="utf-8"))
              if r["submission_id"] == rows[0]["submission_id"]]
    assert stored == rows

    with page.expect_download() as waiting:
        page.get_by_text("Download the report (HTML)").click()
    html = waiting.value.path().read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img src=x" not in html
    plan = html.index("Action plan")
    assert html.index("Book a council slot", plan) < html.index("Invite young people", plan) < html.index("Redo the leaflet", plan)
    with page.expect_download() as waiting:
        page.get_by_text("Download the report (PDF)").click()
    pdf = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(waiting.value.path()).pages)
    assert SCRIPT in pdf and "Book a council slot" in pdf and "Northshire IV Service" in pdf

    viewer = page.context.new_page()  # the workbook's tab stays open, so its kernel is shut down on close
    watch_dialogs(viewer, dialogs)
    viewer.set_content(html)
    expect(viewer.get_by_text(SCRIPT).first).to_be_visible()
    viewer.close()
    assert dialogs == []


def listen_to_status(page: Page) -> Locator:
    """The status line before its first message: already a polite live region, and empty, as
    screen readers need. Its element counts the messages written into it (``viwWritten``): a
    status line replaced by a new element would lose the count."""
    status = page.locator(".viw-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_attribute("aria-atomic", "true")
    expect(status).to_have_text("")
    status.evaluate("""el => {
        el.viwWritten = 0;
        new MutationObserver(changes => changes.forEach(change => {
            if (change.addedNodes.length) el.viwWritten += 1;
        })).observe(el, { childList: true, subtree: true });
    }""")
    return status


def check_rows(rows: list[dict[str, str]]) -> None:
    """The downloaded CSV, row by row: one row per item in page order, each part in its column."""
    expected = {**FIRST_HALF, **SECOND_HALF, LEFT_BLANK: Filled()}
    order = ["iv4-leaflets", "iv4-children-in-care-council", "iv4-training", "iv4-interviewing", "iv4-panel-questions",
             "iv4-feedback-forms", "iv4-activities", "iv4-planning", "iv4-monitoring", "iv4-review"]
    assert [row["item_id"] for row in rows] == order
    assert len({row["submission_id"] for row in rows}) == 1
    for row in rows:
        answer = expected[row["item_id"]]
        level = LEVELS.get(answer.rating)
        assert {k: row[k] for k in ("kind", "instrument", "instrument_version", *DETAILS)} == {
            "kind": "assessment", "instrument": "iv-standard-4", "instrument_version": "1", **DETAILS}
        assert row["response"] == ("" if level is None else str(level))
        assert row["score"] == ("" if level is None else str(level))
        assert row["max_score"] == ("" if level is None else "3")
        assert row["evidence"] == spreadsheet_safe(answer.evidence)
        assert row["children_say"] == spreadsheet_safe(answer.children_say)
        assert (row["action"], row["action_owner"], row["action_due"]) == (answer.action, answer.owner, answer.due)
        assert row["participation_degree"] == answer.degree


def spreadsheet_safe(text: str) -> str:
    """Text that a spreadsheet would run as a formula is stored with a leading apostrophe."""
    return "'" + text if text.startswith(("=", "+", "-", "@", "'")) else text


def test_the_resume_link_reopens_a_draft_with_html_shown_as_typed(page: Page, staff_server: VoilaServer) -> None:
    instrument = load_content().instrument("iv-standard-4")
    assessment = Assessment(instrument)
    assessment.set_detail("organisation", SCRIPT)
    assessment.set_answer("iv4-training", "rating", 1)
    assessment.set_answer("iv4-training", "evidence", SCRIPT)
    code = Autosave(instrument, DraftStore("assessment", staff_server.results_dir)).save(assessment)
    dialogs: list[str] = []
    watch_dialogs(page, dialogs)
    page.goto(f"{staff_server.url}/voila/render/{PAGE}?code={code}")
    expect(page.locator(".viw-status")).to_contain_text("Your saved work is back: 1 of 10 answered", timeout=60_000)
    expect_item(page, "iv4-training", Filled("Being established", evidence=SCRIPT))
    expect(page.locator(".viw-detail-organisation input")).to_have_value(SCRIPT)
    expect(page.get_by_role("link", name=f"carry on with {code}")).to_have_attribute("href", f"?code={code}")
    page.get_by_role("button", name="Submit", exact=True).click()
    summary = page.locator(".viw-error-summary")  # GOV.UK's error summary, at the top of the form, with the focus
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Please fill in your name before submitting.")
    expect(page.locator(".viw-error-message")).to_have_text("Error: Enter your name")  # beside the box too
    summary.get_by_role("link", name="Enter your name").click()
    expect(page.locator(".viw-detail-respondent input")).to_be_focused()  # the link leads into the empty box
    assert dialogs == []


def test_an_impossible_date_is_refused_once_the_box_is_left_and_the_date_saved_stays(page: Page, staff_server: VoilaServer) -> None:
    """31 February typed over a saved date: the browser gives the page no date at all, which
    had cleared the date saved without a word."""
    open_page(page, staff_server, PAGE, ready=".viw-assessment")
    block = item(page, "iv4-leaflets")
    due = block.locator(".viw-action-due input")
    fill_item(page, "iv4-leaflets", Filled("Being established", action="Redo the leaflet", due="2027-03-31"))
    expect(page.locator(".viw-overall")).to_contain_text("1 of 10 answered")  # the rating, sent after the date
    code = page.locator(".viw-code").inner_text()
    expect(due).to_have_value("2027-03-31")  # a click on the rating left the date typed before it in its box
    status = page.locator(".viw-status")
    due.focus()
    page.keyboard.type("02312027")  # month, day, year: this browser's order
    assert due.evaluate("el => el.validity.badInput")  # the browser holds no date
    page.wait_for_timeout(500)
    expect(status).not_to_contain_text("not a whole, real date")  # still in the box: nothing said yet
    for _ in range(3):  # past the year, then the box's calendar button: Tab stops inside the box first
        page.keyboard.press("Tab")
        if not due.evaluate("el => el === document.activeElement"):
            break
    expect(status).to_contain_text("The date by when for \u201c")  # names the box and the item
    expect(status).to_contain_text("is not a whole, real date. Check the day, month and year, or clear the box.")
    expect(block).to_have_attribute("role", "group")  # each box is heard with the item it belongs to
    statement = block.locator("h4")
    expect(block).to_have_attribute("aria-labelledby", statement.get_attribute("id") or "no id")
    block.screenshot(path=str(ARTIFACTS / "assessment-impossible-date-item.png"))
    status.screenshot(path=str(ARTIFACTS / "assessment-impossible-date-status.png"))

    page.goto(f"{staff_server.url}/voila/render/{PAGE}?code={code}")
    expect(page.locator(".viw-status")).to_contain_text("Your saved work is back: 1 of 10 answered", timeout=60_000)
    expect(item(page, "iv4-leaflets").locator(".viw-action-due input")).to_have_value("2027-03-31")


def test_a_fully_rated_draft_is_checked_before_it_is_stored_and_the_focus_follows(page: Page, staff_server: VoilaServer) -> None:
    instrument = load_content().instrument("iv-standard-4")
    assessment = Assessment(instrument)
    assessment.set_detail("organisation", "Every Item IV")
    assessment.set_detail("respondent", "Zoë Ní Bhriain")
    for section in instrument.sections:
        for question in section.items:
            assessment.set_answer(question.id, "rating", 2)
    code = Autosave(instrument, DraftStore("assessment", staff_server.results_dir)).save(assessment)
    page.set_viewport_size({"width": 375, "height": 800})  # a phone
    page.goto(f"{staff_server.url}/voila/render/{PAGE}?code={code}")
    expect(page.locator(".viw-status")).to_contain_text("Your saved work is back: 10 of 10 answered", timeout=60_000)
    submit = page.get_by_role("button", name="Submit", exact=True)
    submit.click()
    question = page.locator(".viw-confirm .viw-message")
    expect(question).to_be_focused()  # "check your answers", read out before anything is stored
    expect(question).to_contain_text("Check your answers before submitting")
    expect(question).to_contain_text("Zoë Ní Bhriain")
    expect(question).not_to_contain_text("no rating yet")
    page.locator(".viw-confirm").screenshot(path=str(ARTIFACTS / "assessment-check-answers-all-rated-375.png"))
    page.get_by_role("button", name="Change your answers").click()
    expect(page.get_by_role("heading", name="About you", exact=True)).to_be_focused()  # back to the top of the form
    expect(page.locator(".viw-confirm-submit")).to_have_count(0)
    assert not results_csv(staff_server).exists() or "Every Item IV" not in results_csv(staff_server).read_text(encoding="utf-8")
    submit.click()
    page.get_by_role("button", name="Submit now").click()
    expect(page.locator(".viw-status")).to_contain_text("Submitted: 10 items saved", timeout=60_000)
    expect(page.locator(".viw-result h2").first).to_be_focused()
    mine = [r for r in csv.DictReader(results_csv(staff_server).open(encoding="utf-8")) if r["organisation"] == "Every Item IV"]
    assert len(mine) == 10 and {r["response"] for r in mine} == {"2"}
