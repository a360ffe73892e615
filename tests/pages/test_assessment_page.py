"""The assessment page without a browser: widgets write to the model, drafts, submit and report.

The browser tests cover the same path end to end; these pin the view's wiring quickly.
"""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

from widgets.content import load_content
from widgets.pages.assessment_page import AssessmentPage
from widgets.results import read_results
from widgets.ui.focus import ATTRIBUTE

SCRIPT = "<img src=x onerror=alert(1)>"


def make_page(resume_code: str | None = None) -> AssessmentPage:
    content = load_content()
    return AssessmentPage(content.instrument("iv-standard-4"), content, resume_code=resume_code)


def item_forms(page: AssessmentPage):
    return [form for section in page.sections for form in section.items]


def test_every_change_is_saved_and_a_link_brings_it_back(results_folder: Path) -> None:
    page = make_page()
    assert page.autosave.code is None  # opening the page saves nothing
    page.details["organisation"].value = "North IV"
    first = item_forms(page)[0]
    first.rating.value = 2
    first.controls["participation_degree"].value = "Consulted and informed"
    first.controls["evidence"].value = SCRIPT
    first.controls["action_due"].value = datetime.date(2027, 3, 31)
    code = page.autosave.code
    assert code and code in page.saved_note.value
    assert "1 of 7 answered" in page.sections[0].progress.value
    assert "1 of 10 answered" in page.overall.value

    again = make_page(resume_code=code)
    resumed = item_forms(again)[0]
    assert again.details["organisation"].value == "North IV"
    assert (resumed.rating.value, resumed.controls["evidence"].value) == (2, SCRIPT)
    assert resumed.controls["participation_degree"].value == "Consulted and informed"
    assert resumed.controls["action_due"].value == datetime.date(2027, 3, 31)
    assert "1 of 10 answered" in again.overall.value
    assert "Your saved work is back" in again.status.value


def test_a_bad_code_shows_a_plain_message(results_folder: Path) -> None:
    page = make_page()
    page.code_box.value = "nonsense"
    page.resume_button.click()
    assert "codes are 8 letters" in page.status.value
    assert "Traceback" not in page.status.value


def test_submit_lists_unrated_items_then_saves_with_them_left_blank(results_folder: Path) -> None:
    page = make_page()
    page.submit_button.click()
    assert "fill in organisation and your name" in page.status.value
    page.details["organisation"].value = "North IV"
    page.details["respondent"].value = "Ann"
    item_forms(page)[0].rating.value = 3
    item_forms(page)[0].controls["evidence"].value = SCRIPT
    page.submit_button.click()
    assert not (results_folder / "results.csv").exists()
    listing = page.confirm.children[0].value
    assert "9 item(s) have no rating yet" in listing and "help train new independent visitors" in listing
    page.confirm.children[1].children[0].click()  # submit with these left blank
    rows = read_results([("results.csv", results_folder / "results.csv")]).rows
    assert len(rows) == 10 and set(rows["kind"]) == {"assessment"}
    assert rows["response"].tolist() == ["3"] + [""] * 9
    assert rows.loc[0, "evidence"] == SCRIPT
    shown = "".join(child.value for child in page.result.children)
    assert "Download the answers (CSV)" in shown and "Download the report (HTML)" in shown
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown and "<img src=x" not in shown
    assert page.form.layout.display == "none"
    page.confirm.children = ()
    page.submit(blanks_confirmed=True)  # a second click saves nothing more
    assert len(read_results([("results.csv", results_folder / "results.csv")]).rows) == 10

    page.resume(page.autosave.code)  # the draft is kept: a start for next year's round
    assert page.form.layout.display is None and page.result.children == ()
    assert item_forms(page)[0].rating.value == 3


def test_the_model_and_report_never_import_ipywidgets() -> None:
    code = (
        "import sys, widgets.assessment.model, widgets.assessment.report, widgets.assessment.report_html, "
        "widgets.assessment.drafts, widgets.assessment.submit; print('ipywidgets' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_refused_value_or_a_failed_save_shows_a_plain_message(results_folder: Path, monkeypatch) -> None:
    page = make_page()
    first = item_forms(page)[0]
    first._on_change(first.item.id, "rating", 9)  # what a tampered page could send
    assert "not a level" in page.status.value and page.assessment.answer(first.item.id).rating is None

    def disk_full(assessment) -> str:
        raise OSError("No space left on device")

    monkeypatch.setattr(page.autosave, "save", disk_full)
    first.rating.value = 1
    assert "Something went wrong and it was not saved" in page.status.value
    assert "Traceback" not in page.status.value and "No space" not in page.status.value


def test_the_focus_follows_each_step_of_submitting(results_folder: Path, monkeypatch) -> None:
    page = make_page()
    sent: list[dict] = []
    monkeypatch.setattr(page.details["organisation"], "send", sent.append)
    page.submit_button.click()
    assert sent == [{"do": "focus"}]  # into the first empty box the message names
    page.details["organisation"].value = "North IV"
    page.details["respondent"].value = "Ann"
    item_forms(page)[0].rating.value = 3
    page.submit_button.click()
    question, buttons = page.confirm.children
    assert question.value.startswith(f"<div {ATTRIBUTE}")  # the question about the blanks, read out in full
    assert "role=" not in question.value  # told by the focus, not a second time as an alert

    buttons.children[1].click()  # keep filling in
    assert page.confirm.children == ()
    marked = [form for form in item_forms(page) if ATTRIBUTE in form._heading.value]
    assert [form.item.id for form in marked] == [item_forms(page)[1].item.id]  # the first item still unrated

    page.submit_button.click()
    page.confirm.children[1].children[0].click()  # submit with these left blank
    files, report = page.result.children
    assert files.value.startswith(f"<h2 {ATTRIBUTE}") and "Submitted: your files" in files.value
    assert ATTRIBUTE not in report.value
