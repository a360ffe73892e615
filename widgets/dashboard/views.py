"""The dashboard's parts: sources and their validation, filters, one view per summary, exports.

Each part takes the state and a status line, draws itself from ``state.report`` in
``show()``, and calls back into the state (never holding figures of its own).
"""

from __future__ import annotations

import html
from typing import Callable

import ipywidgets as ipw

from widgets.aggregate import Filters
from widgets.aggregate.exports import EXPORTERS
from widgets.dashboard.state import DashboardState
from widgets.dashboard.chart_html import chart_html
from widgets.dashboard.pager import Pager
from widgets.dashboard.tables import html_table
from widgets.ui.downloads import DownloadLink
from widgets.ui.messages import StatusMessage
from widgets.ui.safe import safe_callback


def full_width() -> ipw.Layout:
    return ipw.Layout(width="100%")


class SourcesView(ipw.VBox):
    """Read the results database again, and see what each source gave."""

    def __init__(self, state: DashboardState, status: StatusMessage, changed: Callable[[], None]):
        self._state, self._changed = state, changed
        reload = ipw.Button(description="Read the results again", layout=ipw.Layout(width="auto"))
        reload.add_class("viw-reload")
        self._report = ipw.HTML()
        self._report.add_class("viw-validation")

        @safe_callback(status)
        def reloaded(_: ipw.Button) -> None:
            self._state.load()
            status.show("The results database was read again.", "success")
            self._changed()

        reload.on_click(reloaded)
        files = ", and so are the received files below" if state.viewer.sees_everything else ""  # a manager has none
        intro = ipw.HTML(f"<h2>Sources</h2><p>The results database is always included{files}.</p>")
        super().__init__([intro, reload, self._report], layout=full_width())

    def show(self) -> None:
        report, read_at = self._state.report, self._state.read_at
        parts = [f"<p class='viw-read-at'>The results database was read at {read_at:%H:%M:%S on %d %B %Y}.</p>" if read_at else ""]
        if self._state.notices:
            notes = "".join(f"<li>{html.escape(notice)}</li>" for notice in self._state.notices)
            parts.append(f"<div class='viw-store-notices'><h3>Notes from the results store</h3><ul>{notes}</ul></div>")
        parts.append(html_table(report.validation, "What each file gave"))
        if not report.rejections.empty:
            parts.append(html_table(report.rejections, "Rows rejected, with their line and why"))
        self._report.value = "".join(parts)


class FiltersView(ipw.VBox):
    """Organisation, team, instrument and a date range; every view follows them."""

    def __init__(self, state: DashboardState, status: StatusMessage, changed: Callable[[], None]):
        self._state = state
        self._pick = {
            column: ipw.SelectMultiple(description=label, rows=5, style={"description_width": "initial"})
            for column, label in (("organisation", "Organisation"), ("team", "Team"), ("instrument", "Instrument"))
        }
        for column, picker in self._pick.items():
            picker.add_class(f"viw-filter-{column}")
        self._start = ipw.DatePicker(description="From")
        self._end = ipw.DatePicker(description="To")
        apply = ipw.Button(description="Apply filters", button_style="primary")
        apply.add_class("viw-apply-filters")
        clear = ipw.Button(description="Show everything")
        clear.add_class("viw-clear-filters")

        @safe_callback(status)
        def applied(_: ipw.Button) -> None:
            organisations, teams, instruments = (tuple(self._pick[c].value) for c in ("organisation", "team", "instrument"))
            filters = Filters(organisations, teams, instruments, self._start.value, self._end.value)
            self._state.set_filters(filters)
            status.show(f"Showing {filters.describe()}.", "success")
            changed()

        @safe_callback(status)
        def cleared(_: ipw.Button) -> None:
            for picker in self._pick.values():
                picker.value = ()
            self._start.value = self._end.value = None
            self._state.set_filters(Filters())
            status.show("Showing all results.", "success")
            changed()

        apply.on_click(applied)
        clear.on_click(cleared)
        hint = ipw.HTML("<h2>Filters</h2><p>Choose none to include all. Hold Ctrl (or Cmd) to choose several.</p>")
        super().__init__([hint, ipw.HBox(list(self._pick.values())), ipw.HBox([self._start, self._end]), ipw.HBox([apply, clear])],
                         layout=full_width())

    def show(self) -> None:
        """Offer every value in the results loaded, keeping choices that still exist."""
        for column, picker in self._pick.items():
            options = self._state.choices(column)
            kept = tuple(v for v in picker.value if v in options)
            picker.options = options
            picker.value = kept


class SummaryView(ipw.VBox):
    """One summary: what it shows, its chart, and its table behind a toggle."""

    def __init__(self, state: DashboardState, name: str, status: StatusMessage):
        self._state, self._name = state, name
        self._heading = ipw.HTML()
        self._chart = ipw.HTML()
        self._table = ipw.HTML(layout=ipw.Layout(display="none"))
        self._table.add_class("viw-summary-table")
        self._toggle = ipw.ToggleButton(description="Show the table", value=False, layout=ipw.Layout(width="auto", align_self="flex-start"))
        self._toggle.observe(safe_callback(status)(self._toggled), "value")
        self._pager = Pager(status, self.show)
        super().__init__([self._heading, self._pager, self._chart, self._toggle, self._table], layout=full_width())
        self.add_class("viw-summary")
        self.add_class(f"viw-summary-{name}")

    def _toggled(self, change: dict) -> None:
        self._table.layout.display = "block" if change["new"] else "none"
        self._toggle.description = "Hide the table" if change["new"] else "Show the table"

    def show(self) -> None:
        summary = self._state.report.summaries[self._name]
        pages = self._state.page_count(self._name)
        page = min(self._pager.page, pages - 1)
        rows, shown = self._state.page(self._name, page)
        self._pager.show(page, pages, shown)
        self._heading.value = f"<h3>{html.escape(summary.title)}</h3><p>{html.escape(summary.about)}</p>"
        self._chart.value = chart_html(summary, page)
        self._table.value = html_table(rows, summary.title)


class SortableTableView(ipw.VBox):
    """A table-only summary (open actions, last round's actions) the trainer sorts by any column."""

    def __init__(self, state: DashboardState, name: str, status: StatusMessage, sort_by: str, ascending: bool = True):
        self._state, self._name = state, name
        self._heading = ipw.HTML()
        self._column = ipw.Dropdown(description="Sort by", options=list(state.report.summaries[name].table.columns), value=sort_by)
        self._order = ipw.ToggleButtons(options=["ascending", "descending"], value="ascending" if ascending else "descending",
                                        description="Order")
        self._table = ipw.HTML()
        self._table.add_class("viw-summary-table")
        self._column.observe(safe_callback(status)(lambda _: self.show()), "value")
        self._order.observe(safe_callback(status)(lambda _: self.show()), "value")
        self._pager = Pager(status, self.show)
        super().__init__([self._heading, ipw.HBox([self._column, self._order]), self._pager, self._table], layout=full_width())
        self.add_class("viw-summary")
        self.add_class(f"viw-summary-{name}")

    def show(self) -> None:
        summary = self._state.report.summaries[self._name]
        self._heading.value = f"<h3>{html.escape(summary.title)}</h3><p>{html.escape(summary.about)}</p>"
        table = self._state.sorted_table(self._name, self._column.value, self._order.value == "ascending")
        pages = self._state.page_count(self._name, table)
        page = min(self._pager.page, pages - 1)
        rows, shown = self._state.page(self._name, page, table)
        self._pager.show(page, pages, shown)
        self._table.value = html_table(rows, summary.title)


class ExportsView(ipw.VBox):
    """One button per export format; each makes download links for the filtered results."""

    def __init__(self, state: DashboardState, status: StatusMessage):
        self._links = ipw.HBox(layout=ipw.Layout(flex_flow="row wrap"))
        self._links.add_class("viw-downloads")
        self._with_results = ipw.Checkbox(value=False, description="Add every results row (the full results: slower)",
                                          indent=False, layout=ipw.Layout(width="auto"))
        self._with_results.add_class("viw-export-with-results")
        buttons = []
        for name, plugin in EXPORTERS.items():
            button = ipw.Button(description=f"Prepare {plugin.label}", layout=ipw.Layout(width="auto"))
            button.add_class(f"viw-export-{name}")

            @safe_callback(status)
            def prepare(_: ipw.Button, name: str = name) -> None:
                rows = len(state.report.rows)
                status.show(f"Preparing the {EXPORTERS[name].label}" + (f" with {rows:,} results rows" if self._with_results.value
                                                                        else "") + "...")
                files = state.export(name, self._with_results.value, status.show)
                self._links.children = [DownloadLink(f.data, f.filename, f.mime, f.filename) for f in files] or \
                    [ipw.HTML("<p>Nothing to download for these filters.</p>")]
                status.show(f"{len(files)} file(s) ready: use the links below. They hold names of staff: keep them safe.", "success")

            button.on_click(prepare)
            buttons.append(button)
        intro = ipw.HTML("<h2>Downloads</h2><p>Every table above, as CSV files (UTF-8, which Excel opens with accented "
                         "names intact) or one Excel workbook, and the charts as pictures; the filtered results rows too "
                         "when you tick the box.</p>")
        super().__init__([intro, self._with_results, ipw.HBox(buttons), self._links], layout=full_width())

    def clear(self) -> None:
        """Links made for earlier filters would mislead: drop them when the data changes."""
        self._links.children = []
