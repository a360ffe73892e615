"""The trainer dashboard page: sources, filters, training views, self-assessment views, downloads.

The trainer server keeps a preheated kernel: it builds the page and reads the results before
anyone asks. When the trainer opens it, its first screen shows at once; the other views are
built as it is drawn, and results added since the kernel was preheated are read then, so the
page never shows figures older than the moment it was opened.
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
from widgets.ui.on_screen import OnScreen
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
# The views built once the first screen (sources, files, filters, completion) is made, by section.
LATER_TRAINING = ("people", *TRAINING[1:])
SELF_ASSESSMENT_VIEWS = (*SELF_ASSESSMENT, "latest_sections", "open_actions", "last_round_actions")
IMPACT_VIEWS = (*IMPACT, "follow_up_due")
COMPLETE = "viw-dashboard-complete"  # every view is on the page
NEW_RESULTS_READ = "The results added since this page was prepared are in every view now."


@guarded_page
def dashboard_page(results_folder: Path | None = None, content: Content | None = None) -> ipw.VBox:
    """Build the page on the local store (``results_folder`` or the configured one).

    Its first screen (sources, files, filters and completion) is all the browser builds before
    the page shows; the other views are built the moment its views are made (``OnScreen``),
    while the trainer reads it, and then the page has the class ``viw-dashboard-complete``."""
    content = content or load_content()
    state = DashboardState(dashboard_results(results_folder), content)
    status = StatusMessage()
    summaries: list[SummaryView | SortableTableView | PeopleView] = []
    choosers: list[ServiceChooser] = []

    def open_service(organisation: str) -> None:
        service.open_service(organisation)
        views.layout.display = "none"

    def back() -> None:
        service.close_service()
        views.layout.display = "flex"

    def built(names: tuple[str, ...]) -> dict[str, SummaryView | SortableTableView | PeopleView]:
        """The views of ``names``, drawn, each with its way to any service's summary."""
        made: dict[str, SummaryView | SortableTableView | PeopleView] = {}
        for name in names:
            view = (PeopleView(state, status) if name == "people" else
                    SortableTableView(state, name, status, *SORTABLE[name]) if name in SORTABLE else SummaryView(state, name, status))
            chooser = ServiceChooser(state, status, open_service)
            view.children = (*view.children, chooser)
            view.show()
            chooser.show()
            summaries.append(view)
            choosers.append(chooser)
            made[name] = view
        return made

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

    def the_rest() -> None:
        """The later views, built from results read now if they changed since preheat (the store
        says so until they are read), so each is drawn once, with the figures of this moment."""
        fresh = state.store_changed()
        if fresh:
            state.load()
            redraw()  # the first screen, drawn from the results as they were
        later = built((*LATER_TRAINING, *SELF_ASSESSMENT_VIEWS, *IMPACT_VIEWS))
        views.children = (*first, *(later[name] for name in LATER_TRAINING),
                          VerifyView(state.store, content, state.viewer),
                          ipw.HTML("<h2>Self-assessments</h2>"),
                          *(later[name] for name in SELF_ASSESSMENT_VIEWS),
                          ipw.HTML("<h2>Impact review</h2><p>What learners say some months after the training (kind follow_up): "
                                   "for a strategy review, and who to invite next.</p>"),
                          *(later[name] for name in IMPACT_VIEWS),
                          exports)
        page.add_class(COMPLETE)
        if fresh:
            status.show(NEW_RESULTS_READ, "success")

    service = ServiceView(state, status, back)
    sources = SourcesView(state, status, redraw)
    received = ReceivedFilesView(state, status, redraw)
    if not state.viewer.sees_everything:  # a manager: the received files are the trainers' own
        received.layout.display = "none"
    filters = FiltersView(state, status, redraw)
    exports = ExportsView(state, status)
    state.load()
    sources.show()
    received.show()
    filters.show()
    service.show()
    first = (sources, received, filters, ipw.HTML("<h2>Training</h2>"), built(("completion",))["completion"])
    views = ipw.VBox(first, layout=ipw.Layout(width="100%"))
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
    on_screen = OnScreen(the_rest, safe_callback(status))  # outside a browser: the rest at once
    if on_screen.waiting:  # made last of the first screen, then gives way to the rest
        views.children = (*first, on_screen)
    return page
