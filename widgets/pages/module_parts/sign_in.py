"""Start the e-module (name, organisation, team, role, given once) or continue with a code."""

from __future__ import annotations

from typing import Callable

import ipywidgets as ipw

from widgets.emodule import Learner, LearnerSession
from widgets.ui.messages import StatusMessage
from widgets.ui.safe import safe_callback


AUTO_WIDTH = ipw.Layout(width="auto")


def labelled_text(label: str, placeholder: str = "") -> ipw.Text:
    return ipw.Text(description=label, placeholder=placeholder, style={"description_width": "12rem"},
                    layout=ipw.Layout(width="36rem", max_width="100%"))


class SignIn(ipw.VBox):
    """Calls ``on_session`` with a registered or resumed session."""

    def __init__(self, on_session: Callable[[LearnerSession], None], message: str = ""):
        self._on_session = on_session
        self.status = StatusMessage()
        if message:
            self.status.show(message, "error")
        self.name = labelled_text("Your name", "as it should appear on your certificate")
        self.organisation = labelled_text("Organisation", "your service or council")
        self.team = labelled_text("Team (optional)")
        self.role = labelled_text("Role (optional)", "e.g. social worker")
        self.start = ipw.Button(description="Start the e-module", button_style="primary", layout=AUTO_WIDTH)
        self.start.add_class("viw-start")
        self.start.on_click(safe_callback(self.status)(lambda _: self.register()))
        self.code = labelled_text("Resume code", "like K7QX-9MZD")
        self.resume_button = ipw.Button(description="Continue where I left off", layout=AUTO_WIDTH)
        self.resume_button.add_class("viw-resume")
        self.resume_button.on_click(safe_callback(self.status)(lambda _: self.resume()))
        super().__init__([
            ipw.HTML("<h2>New here?</h2><p>Tell us who you are once. You will get a resume code "
                     "and a link that bring you back to your progress in any module.</p>"),
            self.name, self.organisation, self.team, self.role, self.start,
            ipw.HTML("<h2>Been here before?</h2><p>Type the resume code you were given.</p>"),
            self.code, self.resume_button, self.status,
        ])
        self.add_class("viw-card")
        self.add_class("viw-sign-in")

    def register(self) -> None:
        learner = Learner.from_form(self.name.value, self.organisation.value, self.team.value, self.role.value)
        self._on_session(LearnerSession.register(learner))

    def resume(self) -> None:
        self._on_session(LearnerSession.resume(self.code.value))
