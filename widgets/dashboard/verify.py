"""The trainer's "Verify a certificate" box: type the id printed on a certificate, see whose it
is (name, organisation, modules and when they were passed)."""

from __future__ import annotations

import html

import ipywidgets as ipw

from typing import Callable

from widgets.content import Content
from widgets.dashboard.service_results import DashboardResults, ServiceResults
from widgets.dashboard.viewer import EVERYONE, Viewer
from widgets.emodule.certificate import Certificate
from widgets.emodule.verification import verify_certificate
from widgets.ui.messages import StatusMessage
from widgets.ui.safe import safe_callback


def certificate_checker(results: DashboardResults, content: Content, viewer: Viewer) -> Callable[[str], Certificate]:
    """Where a certificate is checked: by the results service under the hub (it holds the
    learners' records and applies its own rule to managers), else here from the store."""
    if isinstance(results, ServiceResults):
        return results.verify
    return lambda typed: verify_certificate(typed, results, content, viewer.may_see)


class VerifyView(ipw.VBox):
    def __init__(self, results: DashboardResults, content: Content, viewer: Viewer = EVERYONE):
        self._check_certificate = certificate_checker(results, content, viewer)
        self.status = StatusMessage()  # beside the box, not the page's status line at the top:
        self.status.remove_class("viw-status")  # the page has one `.viw-status`, its own
        self.status.add_class("viw-verify-status")
        self.typed = ipw.Text(description="Verification id", placeholder="like 2bfe9f99-9d5b-468d-aa23-ebdc9f91f0d9",
                              style={"description_width": "initial"}, layout=ipw.Layout(width="36rem", max_width="100%"))
        self.typed.add_class("viw-verify-id")
        self.check = ipw.Button(description="Verify", layout=ipw.Layout(width="auto"))
        self.check.add_class("viw-verify")
        self.check.on_click(safe_callback(self.status)(lambda _: self.verify()))
        self.typed.on_submit(safe_callback(self.status)(lambda _: self.verify()))
        self.found = ipw.HTML()
        self.found.add_class("viw-verified")
        whose = "" if viewer.sees_everything else (f" You can check certificates of {html.escape(viewer.describe())}; the training "
                                                    "team checks those of other organisations.")
        super().__init__([ipw.HTML("<h2>Verify a certificate</h2><p>Type the verification id printed on a certificate "
                                   f"to see whose it is.{whose}</p>"), ipw.HBox([self.typed, self.check]), self.status, self.found])
        self.add_class("viw-verify-box")

    def verify(self) -> None:
        self.found.value = ""
        certificate = self._check_certificate(self.typed.value)
        modules = "".join(f"<li>{html.escape(m.title)}: passed on {html.escape(m.passed_on)} "
                          f"({m.score:g} of {m.max_score:g})</li>" for m in certificate.modules)
        self.status.show("This is a certificate of this workbook.", "success")
        self.found.value = (
            f"<p><strong dir='auto'>{html.escape(certificate.name)}</strong> (<span dir='auto'>{html.escape(certificate.organisation)}"
            f"</span>) completed the e-module on {html.escape(certificate.completed_on)}.</p><ul>{modules}</ul>"
        )
