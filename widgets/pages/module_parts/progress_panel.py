"""Who is signed in, their resume code and link, each module's status, and at the end the
after-ratings and the certificate."""

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
    def __init__(self, session: LearnerSession, page: str):
        self.session = session
        self.page = page
        self.status = StatusMessage()
        self.summary = ipw.HTML()
        self.summary.add_class("viw-progress")
        self.finish = ipw.VBox()
        self._stage: tuple[bool, bool] | None = None
        super().__init__([self.summary, self.finish, self.status])
        self.add_class("viw-card")
        self.refresh()

    def refresh(self) -> None:
        """Redraw from the saved record (after a step, an attempt or a rating)."""
        session = self.session
        link = resume_link(self.page, session.code)
        rows = "".join(
            f"<li class='viw-status-{status.name.lower().replace('_', '-')}'>"
            f"<span aria-hidden='true'>{ICONS[status]}</span> "
            f"<a href='{html.escape(resume_link(module.page, session.code))}'>{html.escape(module.title)}</a>: "
            f"<strong>{status.value}</strong></li>"
            for module, status in session.statuses()
        )
        passed = sum(status is Status.PASSED for _, status in session.statuses())
        self.summary.value = (
            f"<h2>My progress</h2><p {saved_mark(link)}>Signed in as <strong>{html.escape(session.learner.name)}</strong> "
            f"({html.escape(session.learner.organisation)}). Your resume code is "
            f"<strong class='viw-code'>{session.code}</strong>: keep it, or bookmark "
            f"<a class='viw-resume-link' href='{html.escape(link)}'>this page's resume link</a>.</p>"
            f"<p>{passed} of {len(session.content.modules)} modules passed.</p><ul class='viw-module-list'>{rows}</ul>"
        )
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
