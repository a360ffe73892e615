"""Start the e-module (name, organisation, team, role, given once) or continue with a code.

Someone signing up again with the name and organisation of a record that exists is asked for
that record's resume code (the code is the secret: nothing of the record is shown to a person
who only typed a name), or can knowingly start a new record when the code is lost."""

from __future__ import annotations

from typing import Callable

import ipywidgets as ipw

from widgets.emodule import Learner, LearnerSession
from widgets.emodule.session import StartedBefore
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
        self.start_anew = ipw.Button(description="Start a new record", layout=ipw.Layout(width="auto", display="none"))
        self.start_anew.add_class("viw-start-anew")
        self.start_anew.on_click(safe_callback(self.status)(lambda _: self.register(knowingly=True)))
        super().__init__([
            ipw.HTML("<h2>New here?</h2><p>Tell us who you are once. You will get a resume code "
                     "and a link that bring you back to your progress in any module.</p>"),
            self.name, self.organisation, self.team, self.role, self.start,
            ipw.HTML("<h2>Been here before?</h2><p>Type the resume code you were given.</p>"),
            self.code, self.resume_button, self.status, self.start_anew,
        ])
        self.add_class("viw-card")
        self.add_class("viw-sign-in")

    def register(self, knowingly: bool = False) -> None:
        learner = Learner.from_form(self.name.value, self.organisation.value, self.team.value, self.role.value)
        try:
            session = LearnerSession.register(learner, knowingly=knowingly)
        except StartedBefore as error:
            self.status.show(str(error), "info")
            self.start_anew.layout.display = None
            self.code.focus()  # the Start button keeps its place: the code is what is asked for now
            return
        self._on_session(session)

    def resume(self) -> None:
        self._on_session(LearnerSession.resume(self.code.value))
