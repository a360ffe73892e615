"""The dashboard on the known rounds of tests/aggregate/test_last_round_actions.py: the
self-assessment view lists last round's actions with the status reported (a "this year" filter
still shows them), and a service's summary counts them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import ipywidgets as ipw

from tests.aggregate import known_results as known
from tests.aggregate.test_last_round_actions import older_file, org_d, stored_rounds
from tests.dashboard.test_page import find, upload, walk
from widgets.dashboard.page import dashboard_page
from widgets.results import ResultsStore


def test_last_round_s_actions_with_their_status_in_the_view_and_the_service_summary(tmp_path: Path) -> None:
    store = ResultsStore(tmp_path / "results")
    store.import_rows(stored_rounds(), origin="test")
    page = dashboard_page(store.folder, known.content(tmp_path / "content"))
    upload(page, [("org-d.csv", org_d()), ("org-b-older.csv", older_file())])
    view = find(page, "viw-summary-last_round_actions")
    table = find(view, "viw-summary-table").value
    for shown in ("Printed 500, in every waiting room", "Partly done", "Not started", "No longer needed", "Consent refused",
                  "Start a youth forum"):
        assert shown in table
    assert table.count("Not reported") == 3

    start = next(w for w in walk(page) if isinstance(w, ipw.DatePicker) and w.description == "From")
    start.value = date(2026, 1, 1)  # this year: last year's actions are still what this year reports on
    find(page, "viw-apply-filters").click()
    assert find(view, "viw-summary-table").value.count("Not reported") == 3

    chooser = find(view, "viw-service-chooser")
    find(chooser, "viw-service-pick").value = "Org A"
    find(chooser, "viw-service-open").click()
    body = find(find(page, "viw-service"), "viw-service-body").value
    assert "<li>last round&#x27;s actions: 4</li>" in body and "<li>last round&#x27;s actions reported done: 1</li>" in body
    assert "Last round&#x27;s actions" in body and "One held; the second is booked" in body
