"""The dashboard on many services (tests/aggregate/many_services.py), driven in the kernel:
long views page with what they show in words, every view opens a service's summary, people
are listed by name and their list downloads, and the Excel workbook says how it is getting on."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as ipw
import pytest

from tests.aggregate import many_services as many
from tests.dashboard.test_page import find, upload, walk
from widgets.dashboard.page import dashboard_page


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> ipw.VBox:
    folder = tmp_path_factory.mktemp("many")
    built = dashboard_page(many.write_store(folder / "results"), many.content(folder / "content"))
    upload(built, many.uploads())
    return built


def test_a_long_view_pages_and_says_which_rows_it_shows(page: ipw.VBox) -> None:
    completion = find(page, "viw-summary-completion")
    assert find(completion, "viw-page-shown").value == "<span>Page 1 of 2: showing 1-40 of 62 rows.</span>"
    table = find(completion, "viw-summary-table").value
    assert "Service 38" in table and "Service 39" not in table  # Northshire's two teams come first
    find(completion, "viw-page-next").click()
    assert find(completion, "viw-page-shown").value == "<span>Page 2 of 2: showing 41-62 of 62 rows.</span>"
    table = find(completion, "viw-summary-table").value
    assert "Service 39" in table and "Service 60" in table and "Service 38" not in table
    assert find(completion, "viw-page-next").disabled and not find(completion, "viw-page-previous").disabled
    ratings = find(page, "viw-summary-ratings")
    assert "Page 1 of 2: showing 1-40 of 61 organisations; showing 1-5 of 5 organisations." in find(ratings, "viw-page-shown").value
    find(completion, "viw-page-previous").click()


def test_every_view_opens_a_services_summary_and_comes_back(page: ipw.VBox) -> None:
    choosers = [w for w in walk(page) if "viw-service-chooser" in getattr(w, "_dom_classes", ())]
    assert len(choosers) == len([w for w in walk(page) if "viw-summary" in getattr(w, "_dom_classes", ())])
    for chooser in choosers:
        assert "Northshire" in find(chooser, "viw-service-pick").options
    chooser = find(find(page, "viw-summary-open_actions"), "viw-service-chooser")
    find(chooser, "viw-service-pick").value = "Northshire"
    find(chooser, "viw-service-open").click()
    service = find(page, "viw-service")
    assert service.layout.display == "flex" and page.children[-1].layout.display == "none"
    body = find(service, "viw-service-body").value
    assert "Service summary: Northshire" in body and "<li>learners started: 2</li>" in body
    assert "Latest ratings per instrument" in body and "83.3" in body and "Open actions, overdue first" in body
    assert "Service 01" not in body
    find(service, "viw-service-back").click()
    assert service.layout.display == "none" and page.children[-1].layout.display == "flex"


def test_people_are_listed_by_name_and_each_list_downloads(page: ipw.VBox) -> None:
    people = find(page, "viw-summary-people")
    find(people, "viw-people-list").value = "not_passed:lundy"
    assert "31 people: who has not passed The Lundy model." in find(people, "viw-people-heading").value
    table = find(people, "viw-summary-table").value
    assert "Tom Reed" in table and "Learner 01" in table and "Learner 02" not in table and many.ELODIE not in table
    link, = find(people, "viw-people-download").children
    assert link.filename == "people-not_passed-lundy.csv"
    data = link.data
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\r\n") == 32  # a header and 31 people
    find(people, "viw-people-list").value = "everyone"
    assert "62 people: everyone." in find(people, "viw-people-heading").value
    assert "Page 1 of 2: showing 1-40 of 62 rows." in find(people, "viw-page-shown").value


def test_the_excel_export_says_what_it_is_preparing(page: ipw.VBox) -> None:
    find(page, "viw-export-xlsx").click()
    assert [link.filename for link in find(page, "viw-downloads").children] == ["trainer-report.xlsx"]
    assert "1 file(s) ready" in find(page, "viw-status").value
