"""Who is signed in, their resume code and link, each module's status, and at the end the
after-ratings and the certificate.

The list of modules folds away (a native details/summary, so it opens with Enter or Space)
once this module has started: the step being read comes first. The after-ratings and the
certificate (``finish``) are placed by the page, where the learner is when they appear."""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets.emodule import LearnerSession, Status
from widgets.emodule.resume import resume_link
from widgets.pages.module_parts.certificate_part import certificate_part
from widgets.pages.module_parts.confidence_form import ConfidenceForm
from widgets.ui.focus import move_focus_to
from widgets.ui.messages import StatusMessage
from widgets.ui.saved_mark import saved_mark

ICONS = {Status.NOT_STARTED: "○", Status.IN_PROGRESS: "◐", Status.PASSED: "✔"}


class ProgressPanel(ipw.VBox):
    def __init__(self, session: LearnerSession, page: str, module_id: str):
        self.session = session
        self.page = page
        self.module_id = module_id
        self.status = StatusMessage()
        self.summary = ipw.HTML()
        self.summary.add_class("viw-progress")
        self.saved = ipw.HTML()  # the saved mark alone, redrawn each time: the box redraws only when it changes
        self.saved.add_class("viw-progress-saved")
        self.finish = ipw.VBox()
        self.finish.add_class("viw-finish")
        self._stage: tuple[bool, bool] | None = None
        super().__init__([self.summary, self.saved, self.status])
        self.add_class("viw-card")
        self.add_class("viw-progress-box")
        self.refresh()

    def refresh(self) -> None:
        """Redraw from the saved record (after a step, an attempt or a rating)."""
        session = self.session
        link = resume_link(self.page, session.code)
        statuses = session.statuses()
        rows = "".join(
            f"<li class='viw-status-{status.name.lower().replace('_', '-')}'>"
            f"<span aria-hidden='true'>{ICONS[status]}</span> "
            f"<a href='{html.escape(resume_link(module.page, session.code))}'>{html.escape(module.title)}</a>: "
            f"<strong>{status.value}</strong></li>"
            for module, status in statuses
        )
        passed = sum(status is Status.PASSED for _, status in statuses)
        started = any(module.id == self.module_id and status is not Status.NOT_STARTED for module, status in statuses)
        self.summary.value = (
            f"<h2>My progress</h2><details class='viw-progress-details'{'' if started else ' open'}>"
            f"<summary><span>{passed} of {len(session.content.modules)} modules passed. "
            f"Resume code <strong class='viw-code'>{session.code}</strong></span></summary>"
            f"<p>Signed in as <strong>{html.escape(session.learner.name)}</strong> "
            f"({html.escape(session.learner.organisation)}). Your resume code is "
            f"<strong class='viw-code'>{session.code}</strong>: keep it, or bookmark "
            f"<a class='viw-resume-link' href='{html.escape(link)}'>this page's resume link</a>.</p>"
            f"<ul class='viw-module-list'>{rows}</ul></details>"
        )
        self.saved.value = f"<span {saved_mark(link)}></span>"
        stage = (session.all_passed(), session.confidence_done("after"))
        if stage != self._stage:  # rebuild only when it changes, so a half-filled form survives
            self._stage = stage
            self.finish.children = self._finish_parts()

    def take_focus(self) -> None:
        """Focus the panel's heading, "My progress", at the top of what it shows."""
        move_focus_to(self.summary)

    def _finish_parts(self) -> list[ipw.Widget]:
        session = self.session
        if not session.all_passed():
            return []
        if not session.confidence_done("after"):
            return [ConfidenceForm(session.content, "after", self._rated_after)]
        return [certificate_part(session)]

    def _rated_after(self, ratings: dict[str, int]) -> None:
        """The certificate replaces the ratings form, whose Save button had the focus: the focus
        goes to the certificate."""
        self.session.rate_confidence("after", ratings)
        self.refresh()
        certificate, = self.finish.children
        assert isinstance(certificate, ipw.VBox)
        move_focus_to(certificate.children[0])
