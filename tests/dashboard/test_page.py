"""The dashboard page driven in the kernel, as the browser would: upload, filter, export.
Free text from files (HTML, script) must reach the page only as text."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterator

import ipywidgets as ipw
import openpyxl
import pytest

from tests.aggregate import known_results as known
from tests.aggregate.test_impact import review
from widgets.aggregate import SUMMARIES, Filters
from widgets.dashboard.page import dashboard_page
from widgets.dashboard.state import DashboardState
from widgets.results import FileReport, ResultsStore


def walk(widget: ipw.Widget) -> Iterator[ipw.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def find(page: ipw.Widget, css_class: str) -> ipw.Widget:
    return next(w for w in walk(page) if css_class in getattr(w, "_dom_classes", ()))


def page_html(page: ipw.Widget) -> str:
    return "\n".join(w.value for w in walk(page) if isinstance(w, ipw.HTML))


def upload(page: ipw.Widget, files: list[tuple[str, bytes]]) -> None:
    """What ipywidgets 8 puts in FileUpload.value when files are chosen in the browser."""
    find(page, "viw-upload").value = tuple({"name": n, "type": "text/csv", "size": len(d), "content": memoryview(d),
                                            "last_modified": datetime.now(timezone.utc)} for n, d in files)


@pytest.fixture
def page(tmp_path: Path) -> ipw.VBox:
    return dashboard_page(known.write_store(tmp_path / "results"), known.content(tmp_path))


def test_the_page_has_a_view_for_every_summary_and_starts_from_the_local_store(page: ipw.VBox) -> None:
    for name in SUMMARIES:
        find(page, f"viw-summary-{name}")
    validation = find(page, "viw-validation").value
    assert "the results database" in validation and "<td>12</td>" in validation


def test_uploads_are_validated_per_file_and_every_view_follows_the_filters(page: ipw.VBox) -> None:
    upload(page, known.uploads())
    validation = find(page, "viw-validation").value
    assert "upload: service-c.csv" in validation and "kind 'exam' is not one of" in validation
    assert re.search(r"upload: service-b-again.csv</td>\s*<td>0</td>\s*<td>0</td>\s*<td>8</td>", validation)
    assert find(page, "viw-upload").value == ()
    organisations = find(page, "viw-filter-organisation")
    assert list(organisations.options) == ["Org A", "Org B", "Org C"]
    organisations.value = ("Org B",)
    find(page, "viw-apply-filters").click()
    completion = find(page, "viw-summary-completion")
    table = find(completion, "viw-summary-table").value
    assert "Org B" in table and "Org A" not in table
    assert "Org A" not in find(find(page, "viw-summary-open_actions"), "viw-summary-table").value


def test_every_summary_with_a_chart_draws_it_as_html(page: ipw.VBox) -> None:
    reviews = review("r1", "2026-02-10T15:00:00Z", "Org A", "Team 1", "Sam", 5, "yes", "no")
    upload(page, [*known.uploads(), ("reviews.csv", known.csv_bytes(reviews))])  # the impact review's charts too
    for name, spec in SUMMARIES.items():
        shown = page_html(find(page, f"viw-summary-{name}"))
        assert "<img" not in shown, name
        assert ("<figure class='viw-chart" in shown) == (spec.chart is not None), name


def test_free_text_with_html_or_script_is_shown_as_text_everywhere(page: ipw.VBox) -> None:
    upload(page, known.uploads())
    for widget in walk(page):
        if isinstance(widget, ipw.ToggleButton):
            widget.value = True
    shown = page_html(page)
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown
    assert "<img src=x" not in shown and "<script>" not in shown and "<b>bold</b>" not in shown


def test_the_excel_export_holds_the_filtered_results_and_every_table(page: ipw.VBox) -> None:
    upload(page, known.uploads())
    find(page, "viw-filter-organisation").value = ("Org A",)
    find(page, "viw-apply-filters").click()
    find(page, "viw-export-xlsx").click()
    link, = find(page, "viw-downloads").children
    assert "results" not in openpyxl.load_workbook(io.BytesIO(link.data)).sheetnames  # the full rows only when asked
    find(page, "viw-export-with-results").value = True
    find(page, "viw-export-xlsx").click()
    link, = find(page, "viw-downloads").children
    assert link.filename == "trainer-report.xlsx"
    workbook = openpyxl.load_workbook(io.BytesIO(link.data))
    assert {"results", *SUMMARIES} <= set(workbook.sheetnames)
    organisations = {row[6].value for row in workbook["results"].iter_rows(min_row=2)}
    assert organisations == {"Org A"}
    find(page, "viw-clear-filters").click()
    assert find(page, "viw-downloads").children == ()  # links for old filters are dropped


def test_open_actions_sort_by_any_column_blanks_last(tmp_path: Path) -> None:
    state = DashboardState(ResultsStore(known.write_store(tmp_path / "results")), known.content(tmp_path))
    state.add_uploads(known.uploads())
    by_due = state.sorted_table("open_actions", "action_due", ascending=False)
    assert by_due["action_due"].tolist() == ["2026-06-30", "2026-05-01", ""]
    by_owner = state.sorted_table("open_actions", "action_owner", ascending=True)
    assert by_owner["action_owner"].tolist() == ["Bo", "Cat", ""]
    with pytest.raises(ValueError):
        state.sorted_table("open_actions", "not-a-column", ascending=True)


def test_bad_choices_are_explained_not_raised(page: ipw.VBox) -> None:
    find(page, "viw-filter-organisation")  # the page is built
    start = next(w for w in walk(page) if isinstance(w, ipw.DatePicker) and w.description == "From")
    end = next(w for w in walk(page) if isinstance(w, ipw.DatePicker) and w.description == "To")
    start.value, end.value = date(2026, 2, 1), date(2026, 1, 1)
    find(page, "viw-apply-filters").click()
    status = next(w for w in walk(page) if "viw-status" in w._dom_classes)
    assert "start date is after the end date" in status.value


def test_an_upload_that_is_not_a_results_file_is_reported_and_the_rest_still_load(tmp_path: Path) -> None:
    state = DashboardState(ResultsStore(known.write_store(tmp_path / "results")), known.content(tmp_path))
    state.add_uploads([("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00"), ("service-b.csv", known.service_b())])
    reports = {r.name: r for r in state.loaded.reports}
    assert reports["upload: photo.csv"].error
    assert reports["upload: service-b.csv"].accepted == 8
    assert state.report.filters == Filters()


def reports_by_name(state: DashboardState) -> dict[str, FileReport]:
    return {r.name: r for r in state.loaded.reports}


@pytest.mark.parametrize("kind", known.broken_uploads())
def test_a_broken_upload_between_two_good_ones_leaves_both_loaded_and_later_uploads_work(tmp_path: Path, kind: str) -> None:
    state = DashboardState(ResultsStore(known.write_store(tmp_path / "results")), known.content(tmp_path))
    data, problem = known.broken_uploads()[kind]
    state.add_uploads([("service-b.csv", known.service_b()), ("broken.csv", data), ("service-c.csv", known.service_c_with_bad_rows())])
    reports = reports_by_name(state)
    assert reports["upload: broken.csv"].error == problem
    assert reports["upload: service-b.csv"].accepted == 8 and reports["upload: service-c.csv"].accepted == 5
    state.add_uploads([("late.csv", known.csv_bytes(known.late_attempt()))])
    assert reports_by_name(state)["upload: late.csv"].accepted == 3
    assert "Org Late" in set(state.report.summaries["completion"].table["organisation"])


def test_files_uploaded_under_the_same_name_are_all_kept(tmp_path: Path) -> None:
    state = DashboardState(ResultsStore(known.write_store(tmp_path / "results")), known.content(tmp_path))
    state.add_uploads([("services.csv", known.service_b())])
    state.add_uploads([("services.csv", known.service_c_with_bad_rows()), ("services.csv", known.service_b())])
    reports = reports_by_name(state)
    assert reports["upload: services.csv"].accepted == 8
    assert reports["upload: services (2).csv"].accepted == 5
    assert (reports["upload: services (3).csv"].accepted, reports["upload: services (3).csv"].duplicates) == (0, 8)


def test_a_file_too_large_is_reported_as_not_loaded_and_the_others_in_its_batch_load(tmp_path: Path,
                                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("widgets.dashboard.state.MOST_UPLOAD_BYTES", 1024**2)
    state = DashboardState(ResultsStore(known.write_store(tmp_path / "results")), known.content(tmp_path))
    state.add_uploads([("huge.csv", b"x" * (1024**2 + 1)), ("service-b.csv", known.service_b())])
    reports = reports_by_name(state)
    assert reports["upload: huge.csv"].error == "it is larger than 1 MB: use the command-line report for it"
    assert reports["upload: service-b.csv"].accepted == 8


def test_a_batch_the_browser_garbled_is_refused_whole(tmp_path: Path) -> None:
    state = DashboardState(ResultsStore(known.write_store(tmp_path / "results")), known.content(tmp_path))
    with pytest.raises(ValueError, match="cannot read"):
        state.add_uploads([("service-b.csv", known.service_b()), ("odd.csv", "text, not bytes")])
    assert state.received.files() == []


def test_the_page_reads_uploads_after_a_broken_one(page: ipw.VBox) -> None:
    data, problem = known.broken_uploads()["value-too-long"]  # it used to raise, and again on every later read
    upload(page, [("service-b.csv", known.service_b()), ("broken.csv", data), ("service-c.csv", known.service_c_with_bad_rows())])
    validation = find(page, "viw-validation").value
    assert f"not loaded: {problem}" in validation
    assert re.search(r"upload: service-b.csv</td>\s*<td>8</td>", validation)
    assert re.search(r"upload: service-c.csv</td>\s*<td>5</td>", validation)
    upload(page, [("late.csv", known.csv_bytes(known.late_attempt()))])
    assert re.search(r"upload: late.csv</td>\s*<td>3</td>", find(page, "viw-validation").value)
    assert "Added 1 file(s)" in find(page, "viw-status").value


def test_after_a_failed_upload_the_same_files_can_be_chosen_again(page: ipw.VBox, monkeypatch: pytest.MonkeyPatch) -> None:
    box = find(page, "viw-upload")
    data = known.service_b()
    chosen = ({"name": "service-b.csv", "type": "text/csv", "size": len(data), "content": memoryview(data),
               "last_modified": datetime(2026, 11, 23, tzinfo=timezone.utc)},)  # what the browser sends each time

    def reading_fails(sources: list) -> None:
        raise TimeoutError("the results store stayed locked")

    with monkeypatch.context() as failing:
        failing.setattr("widgets.dashboard.state.read_results", reading_fails)
        box.value = chosen
    assert "Problem:" in find(page, "viw-status").value and box.value == ()
    box.value = chosen
    assert "Added 1 file(s)" in find(page, "viw-status").value
    assert "upload: service-b.csv" in find(page, "viw-validation").value


def test_uploads_are_kept_for_the_next_visit_with_who_and_when_and_removing_asks_first(tmp_path: Path) -> None:
    results, content = known.write_store(tmp_path / "results"), known.content(tmp_path)
    page = dashboard_page(results, content)
    find(page, "viw-added-by").value = "Ann Trainer"
    upload(page, known.uploads()[:2])
    later = dashboard_page(results, content)  # the next visit: a new kernel, a new page
    listing = find(later, "viw-received-list").value
    assert "service-b.csv" in listing and "service-c.csv" in listing and "Ann Trainer" in listing
    assert re.search(r"service-b.csv</td>\s*<td>service-b.csv</td>\s*<td>[0-9: -]+</td>\s*<td>Ann Trainer</td>\s*<td>8</td>", listing)
    assert "upload: service-b.csv" in find(later, "viw-validation").value
    choice = find(later, "viw-received-choice")
    choice.value = "service-b.csv"
    find(later, "viw-remove-received").click()
    assert "Remove service-b.csv?" in find(later, "viw-remove-question").value
    find(later, "viw-keep-received").click()  # asked, and said no: nothing removed
    assert (results / "received" / "service-b.csv").exists()
    find(later, "viw-remove-received").click()
    find(later, "viw-confirm-remove").click()
    assert not (results / "received" / "service-b.csv").exists()
    assert "service-b.csv" not in find(later, "viw-received-list").value
    assert "upload: service-b.csv" not in find(later, "viw-validation").value
    assert find(later, "viw-received-choice").options == ("service-c.csv",)


def test_removing_a_file_already_gone_is_explained(tmp_path: Path) -> None:
    state = DashboardState(ResultsStore(known.write_store(tmp_path / "results")), known.content(tmp_path))
    with pytest.raises(ValueError, match="not among the received files"):
        state.remove_received("nothing.csv")
