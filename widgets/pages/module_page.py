"""A training module page: sign in (or resume), confidence before the first module, then the
module's steps with its quiz as the last step, under a progress panel.

    from widgets.pages.module_page import module_page
    module_page("lundy")
"""

from __future__ import annotations

import html
from urllib.parse import urlencode

import ipywidgets as ipw

from widgets.content import Content, load_content
from widgets.emodule import LearnerSession, Status
from widgets.emodule.drawing import AttemptPlan
from widgets.emodule.progress import Attempt
from widgets.emodule.resume import open_from_query, resume_link
from widgets.pages.module_parts.confidence_form import ConfidenceForm
from widgets.pages.module_parts.progress_panel import ProgressPanel
from widgets.pages.module_parts.quiz_return import QuizReturn
from widgets.pages.module_parts.sign_in import SignIn
from widgets.pages.module_parts.steps import StepsView
from widgets.quiz.quiz_view import QuizView
from widgets.ui.address import AddressCode
from widgets.ui.deferred import import_once_the_page_is_open
from widgets.ui.page_guard import guarded_page
from widgets.ui.request import query_parameters
from widgets.ui.style import page_style


CSS = """
.viw-module-list { list-style: none; padding-left: 0; }
.viw-module-list li { margin: 0.2rem 0; }
.viw-progress h2 { margin-top: 0.25rem; }
.viw-progress details > summary { color: var(--viw-text); }
.viw-progress details > summary > span { flex: 1 1 0; }
.viw-steps h2 { scroll-margin-top: 1rem; }
.viw-step-counter p { margin: 1rem 0 0; color: #3d3d3d; }
.viw-code { font-family: monospace; font-size: 1.1rem; letter-spacing: 0.1em; }
.viw-feedback ul { margin: 0.25rem 0 0 0; }
.viw-sources { font-size: 0.9rem; border-top: 1px solid #8a8a8a; margin-top: 1rem; }
.viw-picture { margin: 1rem 0; }
/* Its own box scrolls; `contain: inline-size` keeps the wide picture from widening the column around it. */
.viw-picture-scroll { overflow-x: auto; max-width: 100%; contain: inline-size; }
.viw-page .viw-picture-scroll img { display: block; max-width: none; }
"""


class ModulePage(ipw.VBox):
    def __init__(self, module_id: str, content: Content | None = None, query: str = ""):
        self.content = content or load_content()
        self.module = self.content.module(module_id)
        self.quiz = self.content.quiz_for(self.module)
        self.session: LearnerSession | None = None
        self.panel: ProgressPanel | None = None
        self.steps: StepsView | None = None
        self.quiz_view: QuizView | None = None
        self.quiz_return: QuizReturn | None = None
        self.address = AddressCode()  # keeps ?code= in the page address once the learner is known
        self.area = ipw.VBox()
        self.next_module = ipw.HTML()
        self.next_module.add_class("viw-next-module")
        outcomes = "".join(f"<li>{html.escape(o.text)}</li>" for o in self.module.learning_outcomes)
        header = ipw.HTML(
            f"<p class='viw-tagline'>{html.escape(self.module.summary)} About {self.module.minutes} minutes.</p>"
            + (f"<p>After this module you can:</p><ul>{outcomes}</ul>" if outcomes else "")
        )
        super().__init__([page_style(self.content.site), ipw.HTML(f"<style>{CSS}</style>"), self.address, header, self.area])
        self.add_class("viw-page")
        self.add_class("viw-module")
        self.open_link(query)

    def open_link(self, query: str) -> None:
        """Resume the learner the hub signed in, or the one a ``?code=`` query names, or ask who they are."""
        message = open_from_query(query, lambda code: self.start(LearnerSession.resume(code, self.content)),
                                  self._open_signed_in)
        if message is not None:
            self.area.children = [SignIn(self._signed_in, message)]

    def _open_signed_in(self) -> bool:
        session = LearnerSession.signed_in(self.content)
        if session is not None:
            self.start(session)
        return session is not None

    def start(self, session: LearnerSession) -> None:
        """Show the module for this learner (first asking their confidence, once)."""
        self.session = session
        self.address.code = session.code
        self.panel = ProgressPanel(session, self.module.page, self.module.id)  # shows the resume code from the start
        if not session.confidence_done("before"):
            self.area.children = [self.panel, ConfidenceForm(self.content, "before", self._rated_before)]
            return
        self.quiz_view = QuizView(self.quiz, session.attempt_plan(self.quiz), self._save_attempt,
                                  lambda: session.attempt_plan(self.quiz))
        passed = session.record.status(self.module.id) is Status.PASSED
        self.quiz_return = QuizReturn(self.quiz_view, session.last_result(self.quiz), passed)
        self.steps = StepsView(self.module, self.content, self.quiz_return, session.step(self.module.id), self._visit)
        self.next_module.value = self._next_module_html() if passed else ""
        if session.all_passed():  # the ratings or certificate still to come are the first thing to see
            self.area.children = [self.panel, self.panel.finish, self.steps, self.next_module]
        else:  # they appear where the learner is once the last pass comes: under the quiz's result
            self.area.children = [self.panel, self.steps, self.next_module, self.panel.finish]

    def _signed_in(self, session: LearnerSession) -> None:
        """The sign-in form gives way to the module, and takes the focused button with it: the
        focus goes to the top of what replaced it, the progress box with the resume code."""
        self.start(session)
        assert self.panel is not None
        self.panel.take_focus()

    def _rated_before(self, ratings: dict[str, int]) -> None:
        assert self.session is not None
        self.session.rate_confidence("before", ratings)
        self.start(self.session)
        assert self.steps is not None
        self.steps.take_focus()  # the form and its Save button gave way to the first step

    def _visit(self, step: int) -> None:
        assert self.session is not None and self.panel is not None
        self.session.visit(self.module.id, step)
        self.panel.refresh()

    def _save_attempt(self, responses: dict, plan: AttemptPlan) -> Attempt:
        assert self.session is not None and self.panel is not None
        attempt = self.session.finish_attempt(self.quiz, responses, plan)
        self.panel.refresh()
        if self.quiz_return is not None:
            self.quiz_return.show(None)  # the quiz's own result now says how this attempt went
        self.next_module.value = self._next_module_html() if attempt.passed else ""
        return attempt

    def _next_module_html(self) -> str:
        """After a pass, one clear next action: the next module not yet passed, as the page's main
        button, or (every module passed) the last ratings, just below, then the certificate."""
        assert self.session is not None
        if self.session.all_passed():
            return ("<div class='viw-message viw-success'><p><strong>Every module is passed.</strong> "
                    "Rate your confidence once more just below, then download your certificate.</p></div>")
        modules = [m for m, status in self.session.statuses() if status is not Status.PASSED]
        later = [m for m in modules if m.order > self.module.order] or modules
        link = resume_link(later[0].page, self.session.code)
        return (f"<p><a class='viw-button-link viw-primary-action viw-next-module-link' href='{html.escape(link)}'>"
                f"Next module: {html.escape(later[0].title)}</a></p>")


@guarded_page
def module_page(module_id: str) -> ModulePage:
    """The page for one module; a ``?code=`` in the page's address resumes that learner.

    The page is built before the query is read: a preheated kernel does the slow part (imports,
    content, widgets) before anyone asks, then waits in ``query_parameters`` for the visitor."""
    page = ModulePage(module_id)
    query = query_parameters()
    if query:
        page.open_link(urlencode(query))
    import_once_the_page_is_open("widgets.results.store")  # SQLAlchemy and pandas, once the page is on screen
    return page
