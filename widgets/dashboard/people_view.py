"""Who, not just how many: the learners in one list (everyone, not finished, not passed a
module), a page at a time, with the whole list as a CSV to download."""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets.aggregate.exports import csv_bytes
from widgets.dashboard.pager import Pager
from widgets.dashboard.state import DashboardState
from widgets.dashboard.tables import html_table
from widgets.ui.downloads import DownloadLink
from widgets.ui.messages import StatusMessage
from widgets.ui.safe import safe_callback


class PeopleView(ipw.VBox):
    def __init__(self, state: DashboardState, status: StatusMessage):
        self._state = state
        self._heading = ipw.HTML()
        self._heading.add_class("viw-people-heading")
        self._show = ipw.Dropdown(description="List", options=[(words, key) for key, words in state.people_lists().items()],
                                  value="everyone", style={"description_width": "initial"})
        self._show.add_class("viw-people-list")
        self._table = ipw.HTML()
        self._table.add_class("viw-summary-table")
        self._download = ipw.Box()
        self._download.add_class("viw-people-download")
        self._pager = Pager(status, self.show)

        @safe_callback(status)
        def chosen(_: dict) -> None:
            self._pager.page = 0
            self.show()

        self._show.observe(chosen, "value")
        super().__init__([self._heading, self._show, self._pager, self._table, self._download], layout=ipw.Layout(width="100%"))
        self.add_class("viw-summary")
        self.add_class("viw-summary-people")

    def show(self) -> None:
        summary = self._state.report.summaries["people"]
        lists = self._state.people_lists()
        if self._show.value not in lists:  # content changed under the page: start from everyone
            self._show.value = "everyone"
        self._show.options = [(words, key) for key, words in lists.items()]
        chosen = self._state.people(self._show.value)
        rows, shown = self._state.page("people", self._pager.page, chosen)
        pages = self._state.page_count("people", chosen)
        self._pager.show(min(self._pager.page, pages - 1), pages, shown)
        words = lists[self._show.value]
        self._heading.value = (f"<h3>{html.escape(summary.title)}</h3><p>{html.escape(summary.about)}</p>"
                               f"<p class='viw-people-count'>{len(chosen)} people: {html.escape(words)}.</p>")
        self._table.value = html_table(rows, f"{summary.title}: {words}")
        name = f"people-{self._show.value.replace(':', '-')}.csv"
        self._download.children = [DownloadLink(csv_bytes(chosen), name, "text/csv", f"Download this list ({len(chosen)} people, CSV)")] \
            if len(chosen) else []
