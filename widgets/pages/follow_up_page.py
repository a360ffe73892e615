"""The impact review page: a learner opens the link a trainer sent (``follow_up.ipynb?code=...``)
or types their resume code, then rates their confidence again, says which frameworks they have
used in practice, and gives one example.

    from widgets.pages.follow_up_page import follow_up_page
    follow_up_page()
"""

from __future__ import annotations

import html
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import ipywidgets as ipw

from widgets.assessment.model import MAX_TEXT, spoken_date
from widgets.content import Content, load_content
from widgets.emodule import LearnerSession
from widgets.emodule.confidence import SCALE, learning_outcomes
from widgets.emodule.resume import open_from_query
from widgets.follow_up.learner_review import LearnerReview, Standing
from widgets.follow_up.review import USED
from widgets.pages.module_parts.sign_in import labelled_text
from widgets.results.drafts import DraftStore
from widgets.ui.focus import move_focus_to
from widgets.ui.free_text import FreeText
from widgets.ui.messages import StatusMessage
from widgets.ui.page_guard import guarded_page
from widgets.ui.request import query_parameters
from widgets.ui.safe import safe_callback
from widgets.ui.style import page_style

if TYPE_CHECKING:  # the store loads when the review is sent, not with the page
    from widgets.results import SavedSubmission
    from widgets.results.service_client import PageStore


CSS = """
.viw-scale .widget-radio-box { flex-direction: row; flex-wrap: wrap; gap: 0 1.25rem; }
.viw-used .widget-radio-box { flex-direction: row; flex-wrap: wrap; gap: 0 1.25rem; }
.viw-follow-up .widget-radio-box label { white-space: normal; }
/* The example's label is a whole question: it wraps on a phone rather than ending in "..." */
.viw-example .widget-label { white-space: normal; overflow: visible; text-overflow: clip; height: auto; line-height: 1.4; }
"""


class ReviewForm(ipw.VBox):
    """The questions; ``answers()`` gives what is chosen and typed, for the review to check."""

    def __init__(self, content: Content):
        self.ratings: dict[str, ipw.RadioButtons] = {}
        self.used: dict[str, ipw.RadioButtons] = {}
        rows: list[ipw.Widget] = [ipw.HTML("<h2>How confident are you now?</h2><p>Rate each statement from 1 (not at all "
                                           "confident) to 5 (very confident), as you did during the training.</p>")]
        for number, outcome in enumerate(learning_outcomes(content), start=1):
            scale = ipw.RadioButtons(options=[(label, value) for value, label in SCALE.items()], value=None,
                                     description=f"Statement {number}", style={"description_width": "initial"})
            scale.add_class("viw-scale")
            self.ratings[outcome.id] = scale
            rows.append(ipw.VBox([ipw.HTML(f"<p><strong>Statement {number}:</strong> I can {html.escape(outcome.text)}</p>"), scale]))
        rows.append(ipw.HTML("<h2>Have you used these in your work?</h2><p>Since the training, in your own practice.</p>"))
        for framework in content.site.follow_up.frameworks:
            choice = ipw.RadioButtons(options=[(label, value) for value, label in USED.items()], value=None,
                                      description=framework.name, style={"description_width": "initial"},
                                      layout=ipw.Layout(width="auto"))
            choice.add_class("viw-used")
            choice.add_class(f"viw-used-{framework.id}")
            self.used[framework.id] = choice
            rows.append(choice)
        rows.append(ipw.HTML("<h2>One example</h2>"))
        self.example = FreeText(content.site.follow_up.example_prompt, rows=5, max_length=MAX_TEXT)
        self.example.add_class("viw-example")
        rows.append(self.example)
        super().__init__(rows)

    def answers(self) -> tuple[dict[str, int], dict[str, str], str]:
        ratings = {key: scale.value for key, scale in self.ratings.items() if scale.value is not None}
        used = {key: choice.value for key, choice in self.used.items() if choice.value is not None}
        return ratings, used, self.example.box.value


class FollowUpPage(ipw.VBox):
    def __init__(self, content: Content | None = None, drafts: DraftStore | None = None, today: date | None = None):
        self.content = content or load_content()
        self._drafts = drafts or DraftStore("learner")
        self._today = today or date.today()
        self.review: LearnerReview | None = None
        self.form: ReviewForm | None = None
        self.status = StatusMessage()
        self.area = ipw.VBox()
        months = self.content.site.follow_up.months_after_last_pass
        header = ipw.HTML(f"<p class='viw-tagline'>It takes about five minutes. Your answers, {months} months after you "
                          "finished the training, help your service see what it changed.</p>")
        super().__init__([page_style(), ipw.HTML(f"<style>{CSS}</style>"), header, self.area, self.status])
        self.add_class("viw-page")
        self.add_class("viw-follow-up")
        self.ask_code()

    @property
    def store(self) -> PageStore:
        return self._drafts.store

    def ask_code(self, message: str = "") -> None:
        code = labelled_text("Resume code", "like K7QX-9MZD")
        code.add_class("viw-code-box")
        go = ipw.Button(description="Open my review", button_style="primary", layout=ipw.Layout(width="auto"))
        go.add_class("viw-open-review")
        go.on_click(safe_callback(self.status)(lambda _: self.open_code(code.value)))
        self.area.children = [ipw.VBox([
            ipw.HTML("<h2>Your resume code</h2><p>Open the link your trainer sent you, or type the resume code you were "
                     "given when you started the training.</p>"), code, go])]
        if message:
            self.status.show(message, "error")

    def open_link(self, query: str) -> None:
        """Open the review of the learner named by a ``?code=`` query, or ask for the code."""
        message = open_from_query(query, self.open_code)
        if message is None:
            return
        self.ask_code(message)

    def open_code(self, code: str) -> None:
        session = LearnerSession.resume(code, self.content, self._drafts)
        self.review = LearnerReview(session, self.store, self._today)
        self.status.clear()
        self.show()

    def show(self) -> None:
        assert self.review is not None
        review = self.review
        name = html.escape(review.session.learner.name)
        standing = review.standing()
        if standing is Standing.SENT:
            sent = review.sent()
            assert sent is not None
            self._thanks(sent)
        elif standing is Standing.NOT_PASSED:
            self._note(f"<h2>Not yet, {name}</h2><p>This review is for after you have passed every training module. "
                       "<a href='index.ipynb'>The start page</a> lists them; your resume code brings back your progress.</p>")
        elif standing is Standing.NOT_DUE:
            assert review.due is not None
            self._note(f"<h2>Not yet, {name}</h2><p>Your review opens on <strong>{spoken_date(review.due.isoformat())}</strong>, "
                       f"{self.content.site.follow_up.months_after_last_pass} months after you passed your last module. "
                       "Come back then with the same link.</p>")
        else:
            self.form = ReviewForm(self.content)
            send = ipw.Button(description="Send my review", button_style="primary", layout=ipw.Layout(width="auto"))
            send.add_class("viw-send-review")
            send.on_click(safe_callback(self.status)(lambda _: self.send()))
            intro = ipw.HTML(f"<h2>Hello, {name}</h2><p>Every question needs an answer; your example can be short.</p>")
            self.area.children = [intro, self.form, send]

    def send(self) -> None:
        assert self.review is not None and self.form is not None
        saved = self.review.send(*self.form.answers())
        self._thanks(saved)
        self.status.show("Your review is saved. Thank you.", "success")

    def _thanks(self, sent: SavedSubmission) -> None:
        self._note(f"<h2>Thank you</h2><p>Your review was sent on <strong>{spoken_date(sent.submitted_at)}</strong>. "
                   "Your trainer sees it with everyone else's, to show what the training changed.</p>")

    def _note(self, text: str) -> None:
        note = ipw.HTML(text)
        note.add_class("viw-review-note")
        self.area.children = [ipw.VBox([note], layout=ipw.Layout(width="100%"))]
        move_focus_to(note)


@guarded_page
def follow_up_page() -> FollowUpPage:
    """The page; a ``?code=`` in its address opens that learner's review (built before the query
    is read, so a preheated kernel has done the slow part)."""
    page = FollowUpPage()
    query = query_parameters()
    if query:
        page.open_link(urlencode(query))
    return page
