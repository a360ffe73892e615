"""A self-assessment page: details, resume, the form with progress, submit, report and files.

    from widgets.pages.assessment_page import assessment_page
    assessment_page("iv-standard-4")

Every change goes into the model and is saved as a draft at once; a resume code (typed, or in
the page link as ``?code=CODE``) brings the draft back after a reload.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

import ipywidgets as ipw

from widgets.assessment.drafts import Autosave
from widgets.assessment.last_actions import actions_of, status_label
from widgets.assessment.model import DETAIL_FIELDS, REQUIRED_DETAILS, Assessment, spoken_date
from widgets.assessment.report_html import report_html
from widgets.assessment.submit import Submitted, report_files, store_submission
from widgets.content import Content, load_content
from widgets.content.instrument import AssessmentItem, Instrument
from widgets.pages.assessment_actions import LastActions
from widgets.pages.assessment_form import SectionForm
from widgets.pages.submitting_for import FROM_THE_HUB, submitting_for
from widgets.errors import Refused, StoreError
from widgets.results.columns import ACTION_REVIEW_KIND
from widgets.results.drafts import DraftStore
from widgets.ui.deferred import import_once_the_page_is_open
from widgets.ui.downloads import DownloadLink
from widgets.ui.error_summary import ErrorSummary, field_error
from widgets.ui.free_text import SharedParts
from widgets.ui.focus import move_focus_to
from widgets.ui.markdown import to_html
from widgets.ui.messages import StatusMessage, live_region
from widgets.ui.page_guard import guarded_page
from widgets.ui.request import query_parameters
from widgets.ui.safe import safe_callback
from widgets.ui.saved_mark import saved_mark
from widgets.ui.style import page_style

if TYPE_CHECKING:
    from widgets.results import SavedSubmission
    from widgets.results.service_client import PageStore

log = logging.getLogger("widgets")

CHANGED_ELSEWHERE = ("This draft was changed in another window: your change here was saved over it. "
                     "Reload to see the latest.")
LOOK_UP_FAILED = ("Last round's actions could not be looked up just now. Your answers are saved as usual; "
                  "reload the page in a minute to see them and say how far each has got.")
DETAIL_LABELS = {
    "organisation": "Organisation or service",
    "team": "Team (optional)",
    "respondent": "Your name",
    "role": "Your role (optional)",
}
EMPTY_DETAIL = {"organisation": "Enter the organisation or service", "respondent": "Enter your name"}


class AssessmentPage(ipw.VBox):
    """The whole page for one instrument; ``submit()`` and ``resume()`` work from code as from clicks."""

    def __init__(self, instrument: Instrument, content: Content, drafts: DraftStore | None = None,
                 store: PageStore | None = None, resume_code: str | None = None):
        self.instrument = instrument
        self.assessment = Assessment(instrument)
        self.autosave = Autosave(instrument, drafts)
        self.store = store
        self.status = StatusMessage()
        safe = safe_callback(self.status)  # every handler: a plain message, never a traceback
        shared = SharedParts.make()  # one privacy reminder, style and layout for every control that needs no other
        self.saved_note = live_region(ipw.HTML())  # told once, when the first change gets a resume code
        self.saved_note.add_class("viw-autosave")
        self.details = {name: ipw.Text(description=DETAIL_LABELS[name], style=shared.style, layout=shared.plain)
                        for name in DETAIL_FIELDS}
        self.detail_errors = {name: shared.html() for name in DETAIL_FIELDS}  # beside each box, when it must be filled in
        self.errors = ErrorSummary()
        for name, box in self.details.items():
            box.add_class(f"viw-detail-{name}")
            box.observe(safe(lambda change, name=name: self._detail_changed(name, change["new"])), "value")
        self.previous_box = ipw.Text(description="Last round's code (optional)", placeholder="e.g. K7QX-9MZD",
                                     style=shared.style, layout=shared.plain)
        self.previous_box.add_class("viw-previous-round")
        self.previous_box.observe(safe(lambda change: self._previous_round_changed(change["new"])), "value")
        self.last_actions = LastActions(safe(self._review_changed), shared)
        self.sections = [SectionForm(s, instrument, safe(self._answer_changed), shared) for s in instrument.sections]
        self.overall = shared.html()
        self.overall.add_class("viw-overall-progress")
        self.code_box = ipw.Text(description="Resume code", placeholder="e.g. K7QX-9MZD", style=shared.style, layout=shared.plain)
        self.code_box.add_class("viw-resume-code")
        self.resume_button = ipw.Button(description="Carry on from this code", layout=ipw.Layout(width="auto"))
        self.resume_button.add_class("viw-resume")
        self.resume_button.on_click(safe(lambda _: self.resume(self.code_box.value)))
        self.submit_button = ipw.Button(description="Submit", button_style="primary")
        self.submit_button.add_class("viw-submit")
        self.submit_button.on_click(safe(lambda _: self.submit()))
        self.confirm = ipw.VBox()
        self.confirm.add_class("viw-confirm")
        self.result = ipw.VBox()
        self.result.add_class("viw-result")
        self._loading = False
        self.done: Submitted | None = None  # set once the report is shown
        self._submission_id = str(uuid.uuid4())  # kept for retries: a second try stores nothing new
        self._unsaved = False  # a change could not be saved; the next save that works says so
        self._about_you = shared.html("<h2>About you</h2><p>Asked once; it goes with every answer when you submit.</p>")
        self.submitting_for = submitting_for(self.store, safe(self._organisation_chosen))  # under JupyterHub: from the hub
        typed = [name for name in DETAIL_FIELDS if not (self.submitting_for and name in FROM_THE_HUB)]
        self.form = ipw.VBox([
            self.errors,
            self._about_you,
            *([self.submitting_for] if self.submitting_for else []),
            *(part for name in typed for part in (self.detail_errors[name], self.details[name])),
            shared.html("<p>To see the change since your last self-assessment, give the code of last round's report "
                     "(a new round started from that report has it already).</p>"),
            self.previous_box,
            self.last_actions,
            shared.html("<h2>Your answers</h2>"),
            self.overall,
            *self.sections,
            shared.html("<h2>Submit</h2><p>You will see a summary of your answers to check before anything is sent; "
                     "items left blank are listed there, and you can submit with them blank on purpose.</p>"),
            self.submit_button,
            self.confirm,
        ])
        super().__init__([
            page_style(content.site),
            shared.html(_introduction(instrument, content)),
            shared.html("<h2>Your work is saved as you go</h2><p>Have a resume code? Type it here to carry on.</p>"),
            ipw.HBox([self.code_box, self.resume_button]),
            self.saved_note,
            self.status,
            self.form,
            self.result,
        ])
        self.add_class("viw-page")
        self.add_class("viw-assessment")
        if self.submitting_for:
            self.submitting_for.apply(self.assessment)
            self._look_up_last_round()  # the hub says whose round this is: its round before is known at once
        self._refresh()
        self.open_link(resume_code)

    def open_link(self, code: str | None) -> None:
        """Reopen the draft a resume link names; a bad or unknown code gets a plain message."""
        if code:
            safe_callback(self.status)(self.resume)(code)

    # --- changes from the person ----------------------------------------------------------

    def _detail_changed(self, name: str, value: str) -> None:
        if not self._loading:
            self.assessment.set_detail(name, value)
            if self.detail_errors[name].value and value.strip():
                self._show_detail_errors(move_focus=False)
            self._saved()

    def _organisation_chosen(self) -> None:
        if not self._loading and self.submitting_for:
            self.submitting_for.apply(self.assessment)
            self._saved()
            self._look_up_last_round()

    def _show_detail_errors(self, move_focus: bool = True) -> list[str]:
        """The details still needed: listed at the top of the form (GOV.UK's error summary,
        which takes the focus) and said again beside each box; returns their names."""
        missing = self.assessment.missing_details()
        for name, note in self.detail_errors.items():
            note.value = field_error(EMPTY_DETAIL[name] if name in missing else "")
        self.errors.show({f"viw-detail-{name}": EMPTY_DETAIL[name] for name in missing},
                         f"Please fill in {' and '.join(REQUIRED_DETAILS[n] for n in missing)} before submitting.", move_focus)
        return missing

    def _previous_round_changed(self, typed: str) -> None:
        if not self._loading:
            self.assessment.set_previous_round(typed)
            self._saved()
            self._look_up_last_round()

    def _answer_changed(self, item_id: str, part: str, value: object) -> None:
        note = self.assessment.set_answer(item_id, part, value)
        self._saved()
        if note:
            self.status.show(note, "info")

    def _review_changed(self, item_id: str, part: str, value: object) -> None:
        self.assessment.set_review(item_id, part, value)
        self._saved()

    def _look_up_last_round(self) -> None:
        """List the actions of the round before this one (by last round's code on a server of
        its own, by the results service under JupyterHub: ``previous_round.find_round``), to
        report on; none when no round before is known."""
        found = None
        organisation = self.assessment.details["organisation"]
        if self.assessment.previous_round or (self.submitting_for is not None and organisation.strip()):
            from widgets.assessment.previous_round import find_round  # loads the store's client

            try:
                found, _ = find_round(self._store(), self.instrument.id, organisation, self.assessment.details["team"], None,
                                      self.assessment.previous_round)
            except StoreError:
                log.exception("Looking up last round's actions failed")
                self.status.show(LOOK_UP_FAILED, "info")  # the list shown stays as it was; nothing typed is lost
                return
        self.assessment.last_actions = actions_of(self.instrument, found.rows) if found else ()
        self.last_actions.list(self.assessment.last_actions, found.submitted_at if found else "")
        self.last_actions.show(self.assessment.review)

    def _saved(self) -> None:
        """After each change to the model: show progress, then save the draft at once. A save
        that fails says so (the change stays on the page and goes with the next save); the
        first save after that says all is saved again. If another window had changed an
        answer this change replaced, say so too."""
        self.confirm.children = ()
        self._refresh()
        try:
            code = self.autosave.save(self.assessment)
        except Refused:
            self._unsaved = True
            raise
        self.saved_note.value = _saved_html(code, datetime.now())
        if self._unsaved:
            self._unsaved = False
            self.status.show("All your changes are saved now.", "success")
        if self.autosave.changed_elsewhere:
            self.status.show(CHANGED_ELSEWHERE, "info")

    def _refresh(self) -> None:
        for form in self.sections:
            form.show_progress(*self.assessment.progress(form.section))
        answered, total = self.assessment.progress()
        self.overall.value = f"<p class='viw-overall'><strong>{answered} of {total} answered</strong> altogether</p>"

    # --- actions ------------------------------------------------------------------------------

    def resume(self, typed: str) -> None:
        """Reopen a saved draft and show everything in it; a draft already submitted says when,
        and offers its report or a new round."""
        self.assessment = self.autosave.resume(typed)
        self.done = None
        self.result.children = ()
        self.confirm.children = ()
        self._show_answers()
        self.saved_note.value = _saved_html(self.autosave.code)
        if self.autosave.submission_id:
            self._offer_submitted(self.autosave.submission_id, self.autosave.submitted_at or "")
            return
        self.form.layout.display = None
        answered, total = self.assessment.progress()
        left_out = (f" {len(self.assessment.left_out)} part(s) of it could not be read and were left out; "
                    "please check your answers.") if self.assessment.left_out else ""
        self.status.show(f"Your saved work is back: {answered} of {total} answered.{left_out}", "success")

    def _show_answers(self) -> None:
        self._loading = True
        try:
            for name, box in self.details.items():
                box.value = self.assessment.details[name]
            self.previous_box.value = self.assessment.previous_round
            if self.submitting_for:
                self.submitting_for.show(self.assessment)
            for form in self.sections:
                for item_form in form.items:
                    item_form.show(self.assessment.answer(item_form.item.id))
        finally:
            self._loading = False
        self._refresh()
        self._look_up_last_round()

    def submit(self, confirmed: bool = False) -> Submitted | None:
        """Submit; unless ``confirmed``, first show "check your answers" (and any unrated items),
        whose confirm button submits for real. The rows are stored once whatever happens next
        (a second press, a retry after an error, another window that submitted the same
        draft); making the report comes after."""
        if self.done is not None:
            return self.done
        if self.submitting_for:
            self.submitting_for.ready(self.assessment)
        if self._show_detail_errors():
            return None
        self.errors.clear()
        self.assessment.submission()  # checks that something is rated before anything else
        if not confirmed:
            self._ask_to_confirm(self.assessment.incomplete())
            return None
        saved = store_submission(self.assessment, self._store(), draft=self.autosave.code, submission_id=self._submission_id)
        self.autosave.submitted(saved.submission_id, saved.submitted_at)
        self.confirm.children = ()
        self.form.layout.display = "none"  # and with it the Submit button that had the focus
        return self._show_report(saved, just_now=not saved.earlier)

    def _store(self) -> PageStore:
        return self.store or self.autosave.drafts.store

    def _show_report(self, saved: SavedSubmission, just_now: bool) -> Submitted | None:
        """The files and the report of a stored submission; if they cannot be made, say the
        answers are stored all the same, and offer to make them again."""
        when = spoken_date(saved.submitted_at)
        try:
            done = self.done = report_files(self.instrument, saved, self._store(), self.assessment.previous_round)
        except Exception:  # noqa: BLE001 - the rows are stored: the person must hear that, not a failure
            log.exception("Making the report of submission %s failed", saved.submission_id)
            again = ipw.Button(description="Make the report again", layout=ipw.Layout(width="auto"))
            again.add_class("viw-report-again")
            again.on_click(safe_callback(self.status)(lambda _: self._show_report(saved, just_now)))
            note = ipw.HTML(f"<h2>Submitted on {escape(when)}</h2><p>Your answers are stored ({_counted(saved)}, "
                            f"submission {escape(saved.submission_id)}). The report could not be made just now; "
                            "press the button to try again, now or later.</p>")
            self.result.children = [note, again]
            move_focus_to(note)
            self.status.show("Your answers are stored, but the report could not be made just now: "
                             "use Make the report again below.", "error")
            return None
        files, heading = _downloads(done, when)
        self.result.children = [files, ipw.HTML(report_html(done.report, standalone=False)), self._new_round_button()]
        move_focus_to(heading)
        if just_now:
            self.status.show(
                f"Submitted: {_counted(saved)} saved (submission {saved.submission_id}). "
                "Your report is below; download it and the CSV to keep or send.", "success")
        else:
            self.status.show(f"This was submitted on {when}, and is stored once. Its report is below; "
                             "to change answers, start a new round.", "info")
        return done

    def _offer_submitted(self, submission_id: str, submitted_at: str) -> None:
        """A reopened draft that was submitted: when, its report, or a new round."""
        self.form.layout.display = "none"
        show = ipw.Button(description="Show the report", button_style="primary", layout=ipw.Layout(width="auto"))
        show.add_class("viw-show-report")
        show.on_click(safe_callback(self.status)(lambda _: self._report_of(submission_id)))
        note = ipw.HTML(f"<h2>Submitted on {escape(spoken_date(submitted_at))}</h2><p>This self-assessment was "
                        "submitted and is stored. See its report, or start a new round (next year's, say) from these answers: "
                        "the submitted one stays as it was.</p>")
        self.result.children = [note, ipw.HBox([show, self._new_round_button()])]
        move_focus_to(note)
        self.status.show(f"This self-assessment was submitted on {spoken_date(submitted_at)}.", "info")

    def _report_of(self, submission_id: str) -> None:
        saved = self._store().submission(submission_id)
        if saved is None:
            raise Refused("That submission is not in the results store any more. Please tell your trainer.")
        self._show_report(saved, just_now=False)

    def _new_round_button(self) -> ipw.Button:
        button = ipw.Button(description="Start a new round from these answers", layout=ipw.Layout(width="auto"))
        button.add_class("viw-new-round")
        button.on_click(safe_callback(self.status)(lambda _: self.new_round()))
        return button

    def new_round(self) -> None:
        """A new draft, under a new code, from the answers shown; the submitted one is kept."""
        code = self.autosave.new_round(self.assessment)
        self._show_answers()  # last round's code now fills "Last round's code"
        self.done, self._submission_id = None, str(uuid.uuid4())
        self.result.children = ()
        self.form.layout.display = None
        self.saved_note.value = _saved_html(code, datetime.now())
        self.status.show(f"A new round has started under the new code {code}: change what has changed, then submit. "
                         "The earlier submission is kept as it was.", "success")

    def _ask_to_confirm(self, missing: list[AssessmentItem]) -> None:
        """GOV.UK's "check your answers", before every submit: who is submitting, how much of
        each section is rated and the items without a rating, before anything is stored.
        Asked again while open (any change closes it), it stays as it is, with the buttons a
        person may be pressing, and takes the focus again."""
        if self.confirm.children:
            move_focus_to(self.confirm.children[0])
            return
        if missing:
            names = "".join(f"<li>{escape(item.text)}</li>" for item in missing)
            blanks = (f"<p><strong>{len(missing)} item(s) have no rating yet:</strong></p><ul>{names}</ul>"
                      "<p>Rate them now, or submit with them left blank on purpose.</p>")
            go = ipw.Button(description="Submit with these left blank", button_style="warning", layout=ipw.Layout(width="auto"))
            back = ipw.Button(description="Keep filling in", layout=ipw.Layout(width="auto"))
            back.on_click(safe_callback(self.status)(lambda _: self._keep_filling_in(missing[0])))
        else:
            blanks = "<p>Every item is rated. Submit now, or change your answers first.</p>"
            go = ipw.Button(description="Submit now", button_style="primary", layout=ipw.Layout(width="auto"))
            back = ipw.Button(description="Change your answers", layout=ipw.Layout(width="auto"))
            back.on_click(safe_callback(self.status)(lambda _: self._change_answers()))
        go.add_class("viw-confirm-submit")
        go.on_click(safe_callback(self.status)(lambda _: self.submit(confirmed=True)))
        back.add_class("viw-confirm-back")
        question = ipw.HTML(
            f"<div class='viw-message viw-info'><h2>Check your answers before submitting</h2>{self._summary_list()}"
            f"{blanks}</div>"
        )
        self.confirm.children = [question, ipw.HBox([go, back])]
        move_focus_to(question)  # read out in full, and a stray Enter there submits nothing

    def _summary_list(self) -> str:
        """The details given and each section's count, as a list of terms and answers."""
        rows = [(DETAIL_LABELS[name], self.assessment.details[name] or "Not given") for name in DETAIL_FIELDS]
        for form in self.sections:
            answered, total = self.assessment.progress(form.section)
            rows.append((form.section.title, f"{answered} of {total} rated"))
        for number, action in enumerate(self.assessment.last_actions, 1):
            review = self.assessment.review(action.item_id)
            said = f"{status_label(review.status)}: {action.action}" + (f" (note: {review.note})" if review.note else "")
            rows.append((f"Last round's action {number}", said))
        terms = "".join(f"<div><dt>{escape(term)}</dt><dd dir='auto'>{escape(value)}</dd></div>" for term, value in rows)
        return f"<dl class='viw-summary-list'>{terms}</dl>"

    def _keep_filling_in(self, first_missing: AssessmentItem) -> None:
        """Close the question, whose button had the focus: the focus goes to the first item
        still without a rating, not back to the top of the page."""
        self.confirm.children = ()
        next(form for section in self.sections for form in section.items if form.item.id == first_missing.id).take_focus()

    def _change_answers(self) -> None:
        """Close the question, whose button had the focus: the focus goes to the top of the
        form, where the details the summary began with are asked."""
        self.confirm.children = ()
        move_focus_to(self._about_you)

def _counted(saved: SavedSubmission) -> str:
    """What a submission holds, in words: its items, and last round's actions reported on."""
    reviews = sum(row["kind"] == ACTION_REVIEW_KIND for row in saved.rows)
    return f"{len(saved.rows) - reviews} items" + (f" and {reviews} of last round's actions" if reviews else "")


def _introduction(instrument: Instrument, content: Content) -> str:
    levels = "".join(
        f"<li><strong>{escape(level.label)}</strong>{': ' + escape(level.description) if level.description else ''}</li>"
        for level in instrument.scale.levels
    )
    cited = "".join(f"<li>{escape(content.sources[s].citation)}</li>" for s in instrument.sources)
    sources = f"<details><summary>Sources</summary><ul>{cited}</ul></details>" if cited else ""
    return (
        f"{to_html(instrument.summary)}<h2>The scale: {escape(instrument.scale.name)}</h2><ul>{levels}</ul>{sources}"
    )


def _saved_html(code: str | None, when: datetime | None = None) -> str:
    """The note beside the form; its saved mark tells the page (and a lost connection's
    message) when the work was last saved and how to reopen it."""
    if not code:
        return ""
    at = f" at {when:%H:%M}" if when else ""
    return (
        f"<div class='viw-message viw-info' {saved_mark(f'?code={code}')}><strong>Saved{at}.</strong> Your resume code is "
        f"<strong class='viw-code'>{escape(code)}</strong>. Note it, or keep this link to carry on later: "
        f"<a href='?code={escape(code)}'>carry on with {escape(code)}</a>.</div>"
    )


def _downloads(done: Submitted, when: str) -> tuple[ipw.VBox, ipw.HTML]:
    """The files to keep, and their heading, which takes the focus when the result replaces the
    form (and its Submit button)."""
    heading = ipw.HTML(f"<h2>Submitted on {escape(when)}: your files</h2>")
    links = ipw.HBox([
        DownloadLink(done.csv, f"{done.file_stem}.csv", "text/csv", "Download the answers (CSV)"),
        DownloadLink(done.pdf, f"{done.file_stem}-report.pdf", "application/pdf", "Download the report (PDF)"),
        DownloadLink(done.html.encode("utf-8"), f"{done.file_stem}-report.html", "text/html", "Download the report (HTML)"),
    ], layout=ipw.Layout(flex_flow="row wrap"))
    return ipw.VBox([heading, links]), heading


@guarded_page
def assessment_page(instrument_id: str, content: Content | None = None) -> AssessmentPage:
    """The page a thin notebook shows; a resume code in the page address (?code=...) is picked up.

    Built before the query is read, so a preheated kernel has done the slow part before anyone asks."""
    content = content or load_content()
    page = AssessmentPage(content.instrument(instrument_id), content)
    page.open_link(query_parameters().get("code"))
    import_once_the_page_is_open("widgets.results.store")  # SQLAlchemy and pandas, once the page is on screen
    return page
