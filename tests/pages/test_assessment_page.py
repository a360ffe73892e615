"""The assessment page without a browser: widgets write to the model, drafts, submit and report.

The browser tests cover the same path end to end; these pin the view's wiring quickly.
"""

from __future__ import annotations

import html
import subprocess
import sys
from pathlib import Path

import ipywidgets as ipw

from widgets.content import load_content
from widgets.pages.assessment_page import AssessmentPage
from widgets.results import ItemResponse, ResultsStore, Submission, read_results
from widgets.results.drafts import DraftStore
from widgets.results.service_client import ResultsService
from widgets.settings import RESULTS_SERVICE_VARIABLE
from widgets.ui.focus import ATTRIBUTE
from widgets.ui.downloads import DownloadLink

SCRIPT = "<img src=x onerror=alert(1)>"


def make_page(resume_code: str | None = None) -> AssessmentPage:
    content = load_content()
    return AssessmentPage(content.instrument("iv-standard-4"), content, resume_code=resume_code)


def item_forms(page: AssessmentPage):
    return [form for section in page.sections for form in section.items]


def downloads(widget: ipw.Widget) -> set[str]:
    """The labels of the download links anywhere in ``widget``."""
    if isinstance(widget, DownloadLink):
        return {widget.label}
    return set().union(*(downloads(child) for child in getattr(widget, "children", ())))


def test_every_change_is_saved_and_a_link_brings_it_back(results_folder: Path) -> None:
    page = make_page()
    assert page.autosave.code is None  # opening the page saves nothing
    page.details["organisation"].value = "North IV"
    first = item_forms(page)[0]
    first.rating = 2
    first.participation_degree = "Consulted and informed"
    first.evidence = SCRIPT
    first.action_due = "2027-03-31"
    code = page.autosave.code
    assert code and code in page.saved_note.value
    assert "1 of 7 answered" in page.sections[0].progress.value
    assert "1 of 10 answered" in page.overall.value

    again = make_page(resume_code=code)
    resumed = item_forms(again)[0]
    assert again.details["organisation"].value == "North IV"
    assert (resumed.rating, resumed.evidence) == (2, SCRIPT)
    assert resumed.participation_degree == "Consulted and informed"
    assert resumed.action_due == "2027-03-31"
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
    summary = page.errors.value  # GOV.UK's error summary: a link to each box to fill in, and the focus
    assert "There is a problem" in summary and "fill in organisation and your name" in summary
    assert "data-viw-field='viw-detail-organisation'>Enter the organisation or service</a>" in summary
    assert "data-viw-field='viw-detail-respondent'>Enter your name</a>" in summary and summary.startswith("<div data-viw-focus")
    assert "Enter your name" in page.detail_errors["respondent"].value and page.detail_errors["team"].value == ""
    page.details["organisation"].value = "North IV"
    assert "organisation" not in page.errors.value and page.detail_errors["organisation"].value == ""  # fixed: gone at once
    page.details["respondent"].value = "Ann"
    item_forms(page)[0].rating = 3
    item_forms(page)[0].evidence = SCRIPT
    page.submit_button.click()
    assert not (results_folder / "results.csv").exists()
    listing = page.confirm.children[0].value
    assert "9 item(s) have no rating yet" in listing and "help train new independent visitors" in listing
    assert "<h2>Check your answers before submitting</h2>" in listing  # GOV.UK's pattern: who, and how much, first
    assert "<dt>Organisation or service</dt><dd dir='auto'>North IV</dd>" in listing and "1 of 7 rated" in listing
    page.confirm.children[1].children[0].click()  # submit with these left blank
    rows = read_results([("results.csv", results_folder / "results.csv")]).rows
    assert len(rows) == 10 and set(rows["kind"]) == {"assessment"}
    assert rows["response"].tolist() == ["3"] + [""] * 9
    assert rows.loc[0, "evidence"] == SCRIPT
    shown = "".join(child.value for child in page.result.children if isinstance(child, ipw.HTML))
    assert {"Download the answers (CSV)", "Download the report (HTML)"} <= downloads(page.result)
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown and "<img src=x" not in shown
    assert page.form.layout.display == "none"
    page.confirm.children = ()
    page.submit(confirmed=True)  # a second click saves nothing more
    assert len(read_results([("results.csv", results_folder / "results.csv")]).rows) == 10

    code = page.autosave.code
    again = make_page(resume_code=code)  # reopened later: it says when, and offers the report or a new round
    assert again.form.layout.display == "none" and "Submitted on " in again.result.children[0].value
    again.result.children[1].children[0].click()  # show the report
    assert "Download the report (PDF)" in downloads(again.result)
    again.submit(confirmed=True)  # submitting the reopened draft stores nothing new
    assert len(read_results([("results.csv", results_folder / "results.csv")]).rows) == 10
    again.new_round()  # next year's round: a new code, the same answers, the first submission kept
    assert again.autosave.code != code and again.form.layout.display is None
    assert item_forms(again)[0].rating == 3
    again.submit(confirmed=True)
    assert len(read_results([("results.csv", results_folder / "results.csv")]).rows) == 20


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
    first.rating = 1
    assert "Something went wrong and it was not saved" in page.status.value
    assert "Traceback" not in page.status.value and "No space" not in page.status.value


def test_the_focus_follows_each_step_of_submitting(results_folder: Path, monkeypatch) -> None:
    page = make_page()
    sent: list[dict] = []
    monkeypatch.setattr(page.details["organisation"], "send", sent.append)
    page.submit_button.click()
    assert sent == [] and page.errors.value.startswith(f"<div {ATTRIBUTE}")  # to the error summary, whose links lead to the boxes
    page.details["organisation"].value = "North IV"
    page.details["respondent"].value = "Ann"
    item_forms(page)[0].rating = 3
    page.submit_button.click()
    question, buttons = page.confirm.children
    assert question.value.startswith(f"<div {ATTRIBUTE}")  # the question about the blanks, read out in full
    assert "role=" not in question.value  # told by the focus, not a second time as an alert

    buttons.children[1].click()  # keep filling in
    assert page.confirm.children == ()
    marked = [form for form in item_forms(page) if ATTRIBUTE in form.heading]
    assert [form.item.id for form in marked] == [item_forms(page)[1].item.id]  # the first item still unrated

    page.submit_button.click()
    page.confirm.children[1].children[0].click()  # submit with these left blank
    files, report, _new_round = page.result.children
    heading = files.children[0]
    assert heading.value.startswith(f"<h2 {ATTRIBUTE}") and ": your files" in heading.value and "Submitted on " in heading.value
    assert ATTRIBUTE not in report.value


def test_a_fully_rated_form_is_checked_first_and_stored_once_on_confirm(results_folder: Path) -> None:
    page = make_page()
    fill_details(page)
    for form in item_forms(page):
        form.rating = 2
    page.submit_button.click()
    assert not (results_folder / "results.csv").exists()  # the first press only asks to check
    question, buttons = page.confirm.children
    assert "<h2>Check your answers before submitting</h2>" in question.value and question.value.startswith(f"<div {ATTRIBUTE}")
    assert "<dt>Your name</dt><dd dir='auto'>Siân Llŷr</dd>" in question.value and "7 of 7 rated" in question.value
    assert "no rating yet" not in question.value
    go, back = buttons.children
    assert (go.description, go.button_style, back.description) == ("Submit now", "primary", "Change your answers")
    assert "viw-confirm-submit" in go._dom_classes

    back.click()  # change your answers: the question closes, the focus goes to the top of the form
    assert page.confirm.children == () and page._about_you.value.startswith(f"<h2 {ATTRIBUTE}")
    page.submit_button.click()
    shown = page.confirm.children
    page.submit_button.click()  # pressed again: the same question (and buttons) takes the focus again, nothing stored
    assert page.confirm.children == shown and shown[0].value.startswith(f"<div {ATTRIBUTE}")
    assert not (results_folder / "results.csv").exists()
    item_forms(page)[0].rating = 3  # a change closes the question: what it summed up is out of date
    assert page.confirm.children == ()
    page.submit_button.click()
    go = page.confirm.children[1].children[0]
    go.click()
    go.click()  # a second press of the confirm stores nothing new
    rows = stored_rows(results_folder)
    assert len(rows) == 10 and rows["response"].tolist() == ["3"] + ["2"] * 9
    assert len(set(rows["submission_id"])) == 1 and page.form.layout.display == "none"
    assert "Submitted: 10 items saved" in page.status.value


def fill_details(page: AssessmentPage) -> None:
    page.details["organisation"].value = "North IV"
    page.details["respondent"].value = "Siân Llŷr"


def stored_rows(results_folder: Path):
    return read_results([("results.csv", results_folder / "results.csv")]).rows


def test_a_report_that_cannot_be_made_leaves_the_answers_stored_once_and_can_be_made_again(results_folder: Path, monkeypatch) -> None:
    page = make_page()
    fill_details(page)
    for form in item_forms(page):
        form.rating = 2

    def broken_pdf(_report) -> bytes:
        raise ValueError("Character at index 0 in text is outside the range of characters supported by the font")

    monkeypatch.setattr("widgets.assessment.submit.report_pdf", broken_pdf)
    for _ in range(3):  # Submit only shows "check your answers", however often it is pressed
        page.submit_button.click()
    assert not (results_folder / "results.csv").exists()
    confirm = page.confirm.children[1].children[0]
    for _ in range(3):  # its confirm pressed three times while the report fails
        confirm.click()
    assert len(stored_rows(results_folder)) == 10
    assert "Your answers are stored, but the report could not be made" in page.status.value
    assert "outside the range" not in page.status.value and "Submitted on " in page.result.children[0].value
    monkeypatch.undo()
    page.result.children[1].click()  # make the report again
    assert "Download the report (PDF)" in downloads(page.result)
    page.submit_button.click()
    assert len(stored_rows(results_folder)) == 10


def test_two_windows_on_one_draft_keep_both_answers_and_a_clash_is_told(results_folder: Path) -> None:
    first = make_page()
    fill_details(first)
    code = first.autosave.code
    second = make_page(resume_code=code)
    item_forms(first)[0].evidence = "Written in the first window"
    item_forms(second)[1].evidence = "Written in the second window"
    assert "changed in another window" not in second.status.value
    third = make_page(resume_code=code)
    assert item_forms(third)[0].evidence == "Written in the first window"
    assert item_forms(third)[1].evidence == "Written in the second window"
    item_forms(second)[0].evidence = "The second window, later"  # the same answer, changed in both
    assert "This draft was changed in another window" in second.status.value
    assert item_forms(make_page(resume_code=code))[0].evidence == "The second window, later"


def test_a_past_due_date_gets_a_gentle_note_and_an_impossible_one_a_message_naming_the_box(results_folder: Path) -> None:
    page = make_page()
    first = item_forms(page)[0]
    first.action_due = "2020-03-03"
    assert "already past" in page.status.value and "3 March 2020" in page.status.value
    assert page.assessment.answer(first.item.id).action_due == "2020-03-03"
    first.action_due = "0002-03-31"  # a year typed as 2
    assert "the year 2 looks like a slip" in page.status.value and "date by when" in page.status.value
    assert page.assessment.answer(first.item.id).action_due == "2020-03-03"


def test_a_change_that_cannot_be_saved_is_kept_and_saved_with_the_next(results_folder: Path, monkeypatch) -> None:
    from widgets.results import StoreError
    from widgets.results.store import ResultsStore

    page = make_page()
    fill_details(page)
    original = ResultsStore.save_draft
    calls = {"n": 0}

    def fails_once(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise StoreError("database or disk is full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ResultsStore, "save_draft", fails_once)
    item_forms(page)[0].evidence = "Kept through a failed save"
    assert "could not be saved just now. It is still on this page" in page.status.value
    assert "disk is full" not in page.status.value
    item_forms(page)[1].rating = 1  # the next change saves both
    again = make_page(resume_code=page.autosave.code)
    assert item_forms(again)[0].evidence == "Kept through a failed save"
    assert item_forms(again)[1].rating == 1


def test_long_text_in_every_box_of_every_item_is_kept_whole_and_over_the_limit_refused(results_folder: Path) -> None:
    text = ("Dywedodd y plant fod y cyngor ieuenctid yn gwrando; قال الأطفال إن المجلس استمع إليهم 👍🏽 " * 80)[:5000]
    page = make_page()
    fill_details(page)
    for form in item_forms(page):
        form.rating = 3
        for part in ("evidence", "children_say", "action"):
            if part in form.page_parts:
                setattr(form, part, text)
    first = item_forms(page)[0]
    first.evidence = text + "!"
    assert "5,001 characters long" in page.status.value and first.evidence == text + "!"
    first.evidence = text
    page.submit_button.click()
    page.confirm.children[1].children[0].click()  # submit now
    rows = stored_rows(results_folder)
    assert len(rows) == 10 and set(rows["evidence"]) == {text}
    assert page.assessment.answer(first.item.id).evidence == text


def test_last_round_s_actions_are_listed_marked_kept_in_the_draft_checked_and_reported(results_folder: Path) -> None:
    first = make_page()
    first.details["organisation"].value = "North IV"
    first.details["respondent"].value = "Mo Manager"
    leaflets, voice = item_forms(first)[:2]
    leaflets.rating = 1
    leaflets.action = "Print leaflets for every waiting room"
    leaflets.action_owner = "Ann"
    leaflets.action_due = "2025-06-01"
    voice.rating = 0
    voice.action = "Hold a children's panel"
    first.submit(confirmed=True)
    last_code = first.autosave.code

    second = make_page()
    assert second.last_actions.children == ()  # no round before known yet: nothing is asked
    second.details["organisation"].value = "North IV"
    second.details["respondent"].value = "Mo Manager"
    second.previous_box.value = last_code
    forms = second.last_actions.forms
    assert [form.action.action for form in forms] == ["Print leaflets for every waiting room", "Hold a children's panel"]
    assert "Ann" in forms[0]._heading.value and "1 June 2025" in forms[0]._heading.value
    assert [choice["label"] for choice in forms[0].status.choices] == [
        "Not reported", "Done", "Partly done", "Not started", "No longer needed"]
    forms[0].status.value = "done"
    forms[0].note.box.value = "Printed 500.\nThe rest are at the library."
    item_forms(second)[0].rating = 3

    third = make_page(resume_code=second.autosave.code)  # a reload in the middle
    forms = third.last_actions.forms
    assert (forms[0].status.value, forms[0].note.box.value) == ("done", "Printed 500.\nThe rest are at the library.")
    assert forms[1].status.value == ""
    third.submit()
    summary = third.confirm.children[0].value
    assert "Done: Print leaflets for every waiting room (note: Printed 500." in summary
    assert "Not reported: Hold a children&#x27;s panel" in summary
    done = third.submit(confirmed=True)
    assert done is not None
    reviews = [(r["item_id"], r["response"], r["evidence"]) for r in done.saved.rows if r["kind"] == "action_review"]
    assert reviews == [("action-review.iv4-leaflets", "done", "Printed 500.\nThe rest are at the library."),
                       ("action-review.iv4-children-in-care-council", "", "")]
    assert "Last round&#x27;s actions" in done.html and "1 of 2 reported on in this round." in done.html
    assert "Partly done" not in done.html and "Not reported" in done.html


class StandInService(ResultsService):
    """The results service as a page under JupyterHub sees it, answered by a local store; the
    person works for two organisations, in Team 1."""

    def __init__(self, store: ResultsStore):
        super().__init__("http://results.invalid", "token")
        self.store = store

    def me(self) -> dict:
        return {"name": "Mo", "organisations": ["North IV", "South IV"], "team": "Team 1", "learner_code": "AAAA-2222"}

    def previous(self, kind: str, instrument: str, organisation: str, before: str, team: str | None = None):
        return self.store.previous(kind, instrument, organisation, before=before, team=team)

    def save(self, submission, submission_id=None, draft=None, learner=None, record=None):
        return self.store.save(submission, submission_id=submission_id)

    def submission(self, submission_id: str):
        return self.store.submission(submission_id)


def test_under_jupyterhub_last_round_s_actions_come_from_the_service_without_a_code(results_folder: Path, monkeypatch) -> None:
    store = ResultsStore(results_folder)
    store.save(Submission("assessment", "iv-standard-4", "1", "North IV", "Team 1", "Mo", "", (
        ItemResponse("iv4-leaflets", "1", 1, 3, action="Print leaflets", action_owner="Ann"),)))
    store.save(Submission("assessment", "iv-standard-4", "1", "North IV", "Team 2", "Flo", "", (
        ItemResponse("iv4-leaflets", "1", 1, 3, action="Another team's action"),)))
    monkeypatch.setenv(RESULTS_SERVICE_VARIABLE, "http://results.invalid")
    content = load_content()
    page = AssessmentPage(content.instrument("iv-standard-4"), content, drafts=DraftStore("assessment", results_folder),
                          store=StandInService(store))
    assert page.submitting_for is not None and page.last_actions.forms == []  # no organisation chosen yet
    page.submitting_for.choice.value = "North IV"  # type: ignore[union-attr]
    assert [form.action.action for form in page.last_actions.forms] == ["Print leaflets"]  # Team 1's, found with no code
    page.submitting_for.choice.value = "South IV"  # type: ignore[union-attr]
    assert page.last_actions.forms == []
    page.submitting_for.choice.value = "North IV"  # type: ignore[union-attr]
    page.last_actions.forms[0].status.value = "no-longer-needed"
    item_forms(page)[0].rating = 2
    done = page.submit(confirmed=True)
    assert done is not None
    assert [(r["kind"], r["response"], r["action"]) for r in done.saved.rows if r["kind"] == "action_review"] == [
        ("action_review", "no-longer-needed", "Print leaflets")]


def test_last_round_s_actions_that_cannot_be_looked_up_just_now_are_said_so_and_nothing_is_lost(results_folder: Path,
                                                                                               monkeypatch) -> None:
    from widgets.errors import StoreError
    from widgets.pages.assessment_page import LOOK_UP_FAILED

    page = make_page()
    page.details["organisation"].value = "North IV"

    def down(code: str):
        raise StoreError("The results store could not be read just now.")

    monkeypatch.setattr(page._store(), "draft", down)
    page.previous_box.value = "K7QX-9MZD"
    assert html.escape(LOOK_UP_FAILED) in page.status.value
    assert page.assessment.previous_round == "K7QX-9MZD" and page.last_actions.forms == []


def tree(widget: ipw.Widget) -> list[ipw.Widget]:
    """``widget`` and everything inside it."""
    return [widget, *(w for child in getattr(widget, "children", ()) for w in tree(child))]


def test_an_item_is_one_widget_and_the_items_share_one_layout(results_folder: Path) -> None:
    """A browser builds every widget model before it shows a Voila page, layouts and styles
    included: IV Standard 4 held 430 models, then 208 with shared layouts, 15 for each item. An
    item is one model now (its controls drawn by its own script), all items share the page's
    plain layout, and nothing a page does to show or hide a part changes the shared one."""
    page = make_page()
    forms = item_forms(page)
    assert all(tree(form) == [form] for form in forms)
    assert len({form.layout.model_id for form in forms}) == 1
    everything = tree(page)
    assert len({w.layout.model_id for w in everything}) < 15 < len(everything) / 2

    fill_details(page)
    page.submit_button.click()  # the check, then the report: the form is hidden, the result shown
    for form in item_forms(page):
        form.rating = 2
    page.submit_button.click()
    page.confirm.children[1].children[0].click()
    assert page.form.layout.display == "none"
    plain = item_forms(page)[0].layout
    assert plain.get_state() == ipw.Layout().get_state() | {"_view_count": plain.get_state()["_view_count"]}
