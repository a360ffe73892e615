"""The trainer dashboard on its own server, in Chromium: the token is required, uploads are
validated, a filter narrows the Excel export, and script in results files never runs."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable, Iterator

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from tests.aggregate import known_results as known
from tests.browser.conftest import open_page
from tests.browser.page_audit import icon_font_glyphs, offline, serious_violations  # noqa: F401 - offline is a fixture
from tests.browser.voila_server import VoilaServer
from widgets.results import ResultsStore
from widgets.server import TOKEN_VARIABLE, TRAINER_POOL_SIZE

TOKEN = "trainer-test-token-0123456789"


@pytest.fixture(scope="module")
def trainer_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    results = known.write_store(tmp_path_factory.mktemp("trainer-results"))
    server = VoilaServer("trainer", results, env={TOKEN_VARIABLE: TOKEN})
    server.start()
    yield server
    server.stop()


def status_of(url: str) -> tuple[int, str]:
    """HTTP status and body, without following redirects (a login redirect is a refusal)."""
    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003 - urllib's signature
            return None

    try:
        with urllib.request.build_opener(Stay).open(url, timeout=30) as answer:
            return answer.status, answer.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def upload_known_files(page: Page) -> None:
    """Services B and C (the second with bad rows), added as a trainer would."""
    files = [{"name": n, "mimeType": "text/csv", "buffer": d} for n, d in known.uploads()[:2]]
    # ipywidgets keeps the file input outside the page (its button's label replaces it), so
    # choose the files through the chooser the button opens, as a person would.
    with page.expect_file_chooser() as chooser:
        page.locator(".viw-upload").click()
    chooser.value.set_files(files)
    # Files are kept from one visit to the next, so wait for this upload itself, not its names.
    expect(page.locator(".viw-status")).to_contain_text("Added 2 file(s)", timeout=60_000)
    expect(page.locator(".viw-validation")).to_contain_text("upload: service-c.csv")


def test_without_the_token_the_dashboard_is_refused(page: Page, trainer_server: VoilaServer) -> None:
    code, body = status_of(f"{trainer_server.url}/voila/render/dashboard.ipynb")
    assert code in (302, 403) and "Trainer dashboard" not in body
    code, _ = status_of(f"{trainer_server.url}/voila/render/dashboard.ipynb?token=wrong-token-0123456")
    assert code in (302, 403)
    page.goto(f"{trainer_server.url}/")
    expect(page.get_by_role("textbox", name="Password or token:")).to_be_visible()  # the login page
    expect(page.locator(".viw-dashboard")).to_have_count(0)


def test_the_staff_server_cannot_render_the_dashboard(staff_server: VoilaServer) -> None:
    for path in ("dashboard.ipynb", "../trainer/dashboard.ipynb", "%2E%2E/trainer/dashboard.ipynb", "..%2Ftrainer%2Fdashboard.ipynb"):
        code, body = status_of(f"{staff_server.url}/voila/render/{path}")
        assert code != 200 and "Trainer dashboard" not in body, path


def test_trainer_uploads_filters_and_downloads_the_excel_export(page: Page, trainer_server: VoilaServer, tmp_path: Path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{trainer_server.url}/?token={TOKEN}")
    dashboard = page.locator(".viw-dashboard-complete")
    expect(dashboard).to_be_visible(timeout=60_000)
    expect(page.locator(".viw-validation")).to_contain_text("the results database")

    upload_known_files(page)
    expect(page.locator(".viw-validation")).to_contain_text("kind 'exam' is not one of quiz, confidence, assessment, follow_up, action_review")

    page.locator(".viw-filter-organisation select").select_option("Org B")
    page.locator(".viw-apply-filters").click()
    expect(page.locator(".viw-status")).to_contain_text("organisations: Org B", timeout=30_000)

    completion = page.locator(".viw-summary-completion figure[role='img']")  # charts are HTML, drawn at once
    expect(completion).to_contain_text("Org B · Team 2")
    expect(completion).not_to_contain_text("Org A")
    expect(page.locator(".viw-summary img")).to_have_count(0)

    actions = page.locator(".viw-summary-open_actions")
    expect(actions).to_contain_text(known.XSS_ACTION)  # shown as text, so the page reads it back verbatim
    expect(actions.locator("img")).to_have_count(0)

    page.get_by_label("Add every results row (the full results: slower)").check()
    page.locator(".viw-export-xlsx").click()
    link = page.locator(".viw-downloads a[download='trainer-report.xlsx']")
    with page.expect_download() as download:
        link.click()
    saved = tmp_path / "report.xlsx"
    download.value.save_as(saved)
    workbook = openpyxl.load_workbook(saved)
    organisations = {row[6].value for row in workbook["results"].iter_rows(min_row=2)}
    assert organisations == {"Org B"}
    assert [c.value for c in workbook["completion"][2]][:3] == ["Org B", "Team 2", 1]
    assert dialogs == []
    expect(page.locator("text=Traceback")).to_have_count(0)


def test_sign_in_and_dashboard_with_data_work_offline_and_pass_an_accessibility_audit(
    page: Page, trainer_server: VoilaServer, offline: Callable[[str], list[str]]
) -> None:
    outside = offline(trainer_server.url)
    page.goto(f"{trainer_server.url}/")
    token_box = page.get_by_role("textbox", name="Password or token:")
    expect(token_box).to_be_visible()
    assert serious_violations(page) == []  # our sign-in page, not Jupyter Server's

    token_box.fill(TOKEN)
    token_box.press("Enter")
    expect(page.locator(".viw-dashboard-complete")).to_be_visible(timeout=60_000)
    upload_known_files(page)  # self-assessments too, so the heatmap (with a cell not rated) is audited
    expect(page.locator(".viw-summary-ratings figure")).to_contain_text("not rated")
    toggles = page.get_by_role("button", name="Show the table")
    for left in range(toggles.count() - 1, -1, -1):  # every table open, as a trainer reading them has
        toggles.first.click()
        expect(toggles).to_have_count(left)
    page.locator(".viw-export-csv").click()
    expect(page.locator(".viw-downloads a").first).to_be_visible()
    assert serious_violations(page) == []
    assert icon_font_glyphs(page) == 0
    assert outside == []


def test_results_saved_while_the_preheated_dashboard_waited_show_when_it_opens(page: Page, trainer_server: VoilaServer) -> None:
    assert trainer_server.wait_for_kernel_count(TRAINER_POOL_SIZE, timeout=60) == TRAINER_POOL_SIZE
    trainer_server.wait_until_quiet()  # the waiting kernel has built its page from the store as it was
    ResultsStore(trainer_server.results_dir).import_rows(known.late_attempt(), origin="late")
    page.goto(f"{trainer_server.url}/?token={TOKEN}")
    expect(page.locator(".viw-dashboard-complete")).to_be_visible(timeout=60_000)
    expect(page.locator(".viw-status")).to_contain_text("are in every view now", timeout=30_000)
    expect(page.locator(".viw-summary-completion .viw-summary-table")).to_contain_text("Org Late")
    expect(page.locator(".viw-filter-organisation select option", has_text="Org Late")).to_have_count(1)
