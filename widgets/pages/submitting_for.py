"""Under JupyterHub, which organisation and team a self-assessment is for comes from the
person's hub groups (``organisation:<name>``, ``team:<name>``) or the trainer's people file,
never from typing: shown as text, or chosen among the person's own organisations. The results
service refuses any other (``widgets.results_service.judge``). On a server of its own the page
asks in free text, as before.
"""

from __future__ import annotations

import os
from html import escape
from typing import TYPE_CHECKING, Any, Callable, Mapping

import ipywidgets as ipw

from widgets.assessment.model import Assessment
from widgets.errors import Refused
from widgets.results.keys import same_key
from widgets.settings import RESULTS_SERVICE_VARIABLE
from widgets.ui.choices import SingleChoice

if TYPE_CHECKING:
    from widgets.results.service_client import PageStore

FROM_THE_HUB = ("organisation", "team", "respondent")  # the details not typed under JupyterHub
NO_ORGANISATION = ("Your sign-in is not in an organisation yet, so you cannot send a self-assessment. Ask your trainer "
                   "to add you to the hub group organisation:<your organisation's name> (for example "
                   "organisation:Shire Children and Family Service), then reload this page.")
CHOOSE = "Choose which of your organisations this self-assessment is for (under \u201cYou are submitting for\u201d)."


class SubmittingFor(ipw.VBox):
    """"You are submitting for: ..." from the hub; a radio group when the person works for more
    than one organisation; a clear message when they are in none."""

    def __init__(self, me: Mapping[str, Any], chosen: Callable[[], None]):
        self.organisations = [str(name) for name in me.get("organisations") or ([me["organisation"]] if me.get("organisation") else [])]
        self.team = str(me.get("team") or "")
        self.name = str(me.get("name") or me.get("user") or "")  # what the service writes as the respondent
        self.organisation = self.organisations[0] if len(self.organisations) == 1 else ""
        team = f", team <strong dir='auto'>{escape(self.team)}</strong>" if self.team else ""
        signed = f"<p>Your name on it: <strong dir='auto'>{escape(self.name)}</strong> (from your sign-in).</p>"
        self.choice: SingleChoice | None = None
        if not self.organisations:
            parts: list[ipw.Widget] = [ipw.HTML(f"<p class='viw-no-organisation'><strong>{escape(NO_ORGANISATION)}</strong></p>")]
        elif len(self.organisations) == 1:
            parts = [ipw.HTML(f"<p class='viw-submitting-for'>You are submitting for: "
                              f"<strong dir='auto'>{escape(self.organisation)}</strong>{team}.</p>{signed}")]
        else:
            self.choice = SingleChoice([(name, name) for name in self.organisations], legend="You are submitting for",
                                       hint="You work for more than one organisation: choose the one this self-assessment is for.")
            self.choice.add_class("viw-submitting-for")
            self.choice.observe(lambda change: self._chose(change["new"], chosen), "value")
            your_team = f"<p>Your team: <strong dir='auto'>{escape(self.team)}</strong>.</p>" if self.team else ""
            parts = [self.choice, ipw.HTML(your_team + signed)]
        super().__init__(parts)

    def _chose(self, organisation: Any, chosen: Callable[[], None]) -> None:
        self.organisation = str(organisation or "")
        chosen()

    def apply(self, assessment: Assessment) -> None:
        """Put the hub's organisation, team and name on the assessment (before saving or submitting)."""
        assessment.set_detail("organisation", self.organisation)
        assessment.set_detail("team", self.team)
        assessment.set_detail("respondent", self.name)

    def ready(self, assessment: Assessment) -> None:
        """Before submitting: refused, in words, when there is no organisation to submit for."""
        if not self.organisations:
            raise Refused(NO_ORGANISATION)
        if not self.organisation:
            raise Refused(CHOOSE)
        self.apply(assessment)

    def show(self, assessment: Assessment) -> None:
        """A reopened draft: its organisation chosen again if it is one of the person's."""
        if self.choice is not None:
            typed = same_key(assessment.details["organisation"])
            self.organisation = next((name for name in self.organisations if same_key(name) == typed), "")
            self.choice.value = self.organisation or None
        self.apply(assessment)


def submitting_for(store: PageStore | None, chosen: Callable[[], None]) -> SubmittingFor | None:
    """The hub's part of a self-assessment's details, under JupyterHub; None on a server of its own."""
    if store is None and not os.environ.get(RESULTS_SERVICE_VARIABLE):
        return None
    from widgets.results.service_client import ResultsService, page_store

    store = store or page_store()
    return SubmittingFor(store.me(), chosen) if isinstance(store, ResultsService) else None
