"""One service's summary page, and the chooser every view carries to open it.

The page is shown in place of the other views (with a way back), so a trainer reading any view
goes from a name in it to that service's completion, latest ratings and actions in one step.
"""

from __future__ import annotations

import html
from typing import Callable

import ipywidgets as ipw

from widgets.dashboard.state import DashboardState
from widgets.dashboard.tables import html_table
from widgets.ui.messages import StatusMessage
from widgets.ui.safe import safe_callback


class ServiceChooser(ipw.HBox):
    """'Service summary for [organisation] [Open]': in every view, opening the service page."""

    def __init__(self, state: DashboardState, status: StatusMessage, open_service: Callable[[str], None]):
        self._state = state
        self._pick = ipw.Dropdown(description="Service summary for", style={"description_width": "initial"})
        self._pick.add_class("viw-service-pick")
        go = ipw.Button(description="Open the service's summary", layout=ipw.Layout(width="auto"))
        go.add_class("viw-service-open")

        @safe_callback(status)
        def opened(_: ipw.Button) -> None:
            if self._pick.value:
                open_service(self._pick.value)

        go.on_click(opened)
        super().__init__([self._pick, go], layout=ipw.Layout(align_items="center", gap="0.5rem"))
        self.add_class("viw-service-chooser")

    def show(self) -> None:
        options = self._state.organisations()
        kept = self._pick.value if self._pick.value in options else (options[0] if options else None)
        self._pick.options = options
        self._pick.value = kept


class ServiceView(ipw.VBox):
    """The summary of one service: a few counts, then its rows of each table."""

    def __init__(self, state: DashboardState, status: StatusMessage, back: Callable[[], None]):
        self._state = state
        self.organisation: str | None = None
        self._body = ipw.HTML()
        self._body.add_class("viw-service-body")
        back_button = ipw.Button(description="Back to every service", layout=ipw.Layout(width="auto"))
        back_button.add_class("viw-service-back")
        back_button.on_click(safe_callback(status)(lambda _: back()))
        super().__init__([back_button, self._body], layout=ipw.Layout(width="100%", display="none"))
        self.add_class("viw-service")

    def open_service(self, organisation: str) -> None:
        self.organisation = organisation
        self.show()
        self.layout.display = "flex"

    def close_service(self) -> None:
        self.organisation = None
        self.layout.display = "none"

    def show(self) -> None:
        if self.organisation is None:
            return
        summary = self._state.service(self.organisation)
        counts = "".join(f"<li>{html.escape(what)}: {number}</li>" for what, number in summary.headline.items())
        parts = [f"<h2>Service summary: {html.escape(summary.organisation)}</h2>",
                 f"<p>For {html.escape(self._state.filters.describe())}.</p><ul class='viw-service-counts'>{counts}</ul>"]
        for heading, table in summary.tables.values():
            parts.append(f"<h3>{html.escape(heading)}</h3>{html_table(table, name=heading)}")
        self._body.value = "".join(parts)
