"""The trainer dashboard page: sources, filters, training views, self-assessment views, downloads.

The trainer server keeps a preheated kernel: it builds the page and reads the results before
anyone asks. When the trainer opens it, results added since then are read at once, after the
page is on its way, so the page never shows figures older than the moment it was opened.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as ipw

from widgets.content import Content, load_content
from widgets.dashboard.chart_html import CHART_CSS
from widgets.dashboard.received_view import ReceivedFilesView
from widgets.dashboard.state import DashboardState
from widgets.dashboard.tables import TABLE_CSS
from widgets.dashboard.verify import VerifyView
from widgets.dashboard.people_view import PeopleView
from widgets.dashboard.service_view import ServiceChooser, ServiceView
from widgets.dashboard.views import ExportsView, FiltersView, SortableTableView, SourcesView, SummaryView
from widgets.dashboard.service_results import dashboard_results
from widgets.ui.messages import StatusMessage
from widgets.ui.deferred import after_this_cell
from widgets.ui.page_guard import guarded_page
from widgets.ui.request import wait_for_visitor
from widgets.ui.safe import safe_callback
from widgets.ui.style import page_style

TRAINING = ("completion", "module_results", "score_distribution", "item_statistics", "confidence")
SELF_ASSESSMENT = ("ratings", "rating_distribution", "section_change", "item_change")
IMPACT = ("impact_confidence", "impact_practice")
# Table-only views, by their first sort column and order: open actions most overdue first.
SORTABLE = {"latest_sections": ("organisation", True), "open_actions": ("days_overdue", False),
            "last_round_actions": ("organisation", True), "follow_up_due": ("follow_up_due", True)}
INTRO = (  # the notebook gives the title; the page adds the warning every viewer should see, and the way out
    "<p class='viw-privacy'><strong>Results name staff.</strong> {who}; keep the "
    "downloads on a secure drive and delete them when the review is done.</p>"
    "<p class='viw-sign-out'><a href='../../logout'>Sign out</a> when you leave.</p>"  # relative: / alone, or under the hub
)
EVERYTHING = "Only trainers can open this page"
ONE_ORGANISATION = ("<span class='viw-viewer-scope'>You see {names} only</span>: every view and download here holds its "
                    "results and no one else's")  # a manager's, under the hub (widgets.dashboard.viewer)


@guarded_page
def dashboard_page(results_folder: Path | None = None, content: Content | None = None) -> ipw.VBox:
    """Build the page on the local store (``results_folder`` or the configured one)."""
    content = content or load_content()
    state = DashboardState(dashboard_results(results_folder), content)
    status = StatusMessage()
    summaries: list[SummaryView | SortableTableView | PeopleView] = [SummaryView(state, name, status) for name in TRAINING + SELF_ASSESSMENT + IMPACT]
    summaries += [SortableTableView(state, name, status, column, ascending) for name, (column, ascending) in SORTABLE.items()]
    people = PeopleView(state, status)
    summaries.append(people)
    exports = ExportsView(state, status)

    def open_service(organisation: str) -> None:
        service.open_service(organisation)
        views.layout.display = "none"

    def back() -> None:
        service.close_service()
        views.layout.display = "flex"

    service = ServiceView(state, status, back)
    choosers = [ServiceChooser(state, status, open_service) for _ in summaries]
    for view, chooser in zip(summaries, choosers):  # every view leads to any service's summary
        view.children = (*view.children, chooser)

    def redraw() -> None:
        sources.show()
        received.show()
        filters.show()
        for view in summaries:
            view.show()
        for chooser in choosers:
            chooser.show()
        service.show()
        exports.clear()

    def read_new_results() -> None:
        state.load()
        redraw()
        status.show("The results added since this page was prepared are in every view now.", "success")

    sources = SourcesView(state, status, redraw)
    received = ReceivedFilesView(state, status, redraw)
    if not state.viewer.sees_everything:  # a manager: the received files are the trainers' own
        received.layout.display = "none"
    filters = FiltersView(state, status, redraw)
    state.load()
    redraw()
    by_name = {name: view for name, view in zip((*TRAINING, *SELF_ASSESSMENT, *IMPACT, *SORTABLE, "people"), summaries)}
    views = ipw.VBox([
        sources,
        received,
        filters,
        ipw.HTML("<h2>Training</h2>"),
        by_name["completion"], people,
        *(by_name[name] for name in TRAINING[1:]),
        VerifyView(state.store, content, state.viewer),
        ipw.HTML("<h2>Self-assessments</h2>"),
        *(by_name[name] for name in (*SELF_ASSESSMENT, "latest_sections", "open_actions", "last_round_actions")),
        ipw.HTML("<h2>Impact review</h2><p>What learners say some months after the training (kind follow_up): "
                 "for a strategy review, and who to invite next.</p>"),
        *(by_name[name] for name in (*IMPACT, "follow_up_due")),
        exports,
    ], layout=ipw.Layout(width="100%"))
    page = ipw.VBox([
        page_style(content.site, home="dashboard.ipynb"),
        ipw.HTML(f"<style>{TABLE_CSS}{CHART_CSS}</style>" + INTRO.format(who=EVERYTHING if state.viewer.sees_everything else
                 ONE_ORGANISATION.format(names=html.escape(state.viewer.describe())))),
        status,
        service,
        views,
    ])
    page.add_class("viw-page")
    page.add_class("viw-dashboard")
    wait_for_visitor()
    if state.store_changed():
        status.show("Reading the results added since this page was prepared...")
        after_this_cell(safe_callback(status)(read_new_results))
    return page
