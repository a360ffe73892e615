"""The trainer dashboard with sixty services and more, in Chromium at a laptop's width: a
service's summary opened from a view, who has not passed a module listed by name, and the
Excel workbook of summaries downloaded (without the full results rows unless asked)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Iterator

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from tests.aggregate import many_services as many
from tests.browser.page_audit import serious_violations
from tests.browser.voila_server import VoilaServer
from tests.builders import result_row
from widgets.aggregate import Labels, build_report
from widgets.aggregate.sources import store_source
from widgets.aggregate.training import people_shown
from widgets.content import load_content
from widgets.results import ResultsStore, read_results
from widgets.server import TOKEN_VARIABLE

TOKEN = "trainer-services-token-0123456789"
ARTIFACTS = Path(__file__).parent / "artifacts"  # ignored by git


PASSED = "Paula Pass"


def full_marks_on_the_servers_lundy_quiz() -> list[dict[str, str]]:
    """An attempt with every mark of the Lundy quiz the server's content has (the fixture
    content's, whose questions differ from the known data's), so one learner has passed it."""
    quiz = load_content().quizzes["lundy"]
    return [result_row(submission_id="6f7d0c3e-0000-4000-8000-00000000a001", submitted_at="2026-04-05T09:00:00Z",
                       organisation="Service 01", team="Team A", respondent=PASSED, item_id=item.id, response="x",
                       score=str(item.score_max), max_score=str(item.score_max)) for item in quiz.items]


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every many-services row in the local store (the uploads imported, as a trainer would)."""
    folder = many.write_store(tmp_path_factory.mktemp("many-services"))
    store = ResultsStore(folder)
    store.import_rows(read_results(many.uploads()).rows, origin="uploads")
    store.import_rows(full_marks_on_the_servers_lundy_quiz(), origin="a pass")
    return folder


@pytest.fixture(scope="module")
def trainer_server(results: Path) -> Iterator[VoilaServer]:
    server = VoilaServer("trainer", results, env={TOKEN_VARIABLE: TOKEN})
    server.start()
    yield server
    server.stop()


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"trainer-{name}-1280.png"))


def test_a_service_summary_who_has_not_passed_and_the_excel_workbook(page: Page, trainer_server: VoilaServer, results: Path,
                                                                     tmp_path: Path) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{trainer_server.url}/?token={TOKEN}")
    expect(page.locator(".viw-dashboard-complete")).to_be_visible(timeout=90_000)
    completion = page.locator(".viw-summary-completion")
    expect(completion.locator(".viw-page-shown")).to_have_text("Page 1 of 2: showing 1-40 of 62 rows.", timeout=60_000)
    expect(completion.locator("figure")).to_contain_text("Service 01 · Team A")
    completion.get_by_role("button", name="Next page").click()
    expect(completion.locator(".viw-page-shown")).to_have_text("Page 2 of 2: showing 41-62 of 62 rows.")
    expect(completion.locator("figure")).to_contain_text("Service 60")
    completion.evaluate("view => view.scrollIntoView({block: 'start'})")
    screenshot(page, "completion-page-2")

    actions = page.locator(".viw-summary-open_actions")
    actions.get_by_label("Service summary for").select_option("Northshire")
    actions.get_by_role("button", name="Open the service's summary").click()
    service = page.locator(".viw-service")
    expect(service).to_contain_text("Service summary: Northshire", timeout=30_000)
    expect(service).to_contain_text("overdue actions: 2")
    expect(service).to_contain_text("hold a children's panel")  # the browser folds the spaces typed twice
    expect(page.locator(".viw-summary-completion")).to_be_hidden()
    service.locator("h2").evaluate("heading => heading.scrollIntoView({block: 'start'})")
    screenshot(page, "service-summary")
    assert serious_violations(page) == []
    service.get_by_role("button", name="Back to every service").click()
    expect(page.locator(".viw-summary-completion")).to_be_visible()

    labels = Labels.from_content(load_content())  # the server's content (the fixture content)
    everyone = build_report(read_results(store_source(ResultsStore(results))), labels).summaries["people"].table
    not_passed = people_shown(everyone, "not_passed:lundy", labels)
    people = page.locator(".viw-summary-people")
    people.get_by_label("List").select_option(label=f"who has not passed {labels.module_titles['lundy']}")
    expect(people.locator(".viw-people-heading")).to_contain_text(f"{len(not_passed)} people: who has not passed", timeout=30_000)
    assert PASSED not in set(not_passed["respondent"]) and len(not_passed) == len(everyone) - 1
    expect(people.locator("table")).to_contain_text("Learner 01")  # Service 01, on the first page ...
    expect(people.locator("table")).not_to_contain_text(PASSED)  # ... beside the one who passed, not listed
    expect(people.locator(".viw-people-download a")).to_have_attribute("download", "people-not_passed-lundy.csv")
    people.evaluate("view => view.scrollIntoView({block: 'start'})")
    screenshot(page, "people-not-passed")

    page.locator(".viw-export-xlsx").click()
    link = page.locator(".viw-downloads a[download='trainer-report.xlsx']")
    expect(link).to_be_visible(timeout=60_000)
    expect(page.locator(".viw-status")).to_contain_text("1 file(s) ready")
    with page.expect_download() as download:
        link.click()
    saved = tmp_path / "report.xlsx"
    download.value.save_as(saved)
    workbook = openpyxl.load_workbook(io.BytesIO(saved.read_bytes()), read_only=True)
    assert {"people", "item_statistics", "open_actions", "item_change"} <= set(workbook.sheetnames)
    assert "results" not in workbook.sheetnames
    people_rows = list(workbook["people"].iter_rows(values_only=True))
    assert len(people_rows) == 1 + len(everyone) and many.ELODIE in {row[2] for row in people_rows}
    page.locator(".viw-export-xlsx").scroll_into_view_if_needed()
    screenshot(page, "downloads")
    expect(page.locator("text=Traceback")).to_have_count(0)
