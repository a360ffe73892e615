"""Browser tests: the real Voila server (our launcher) driven in Debian's Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.voila_server import VoilaServer
from widgets.server import staff_pool_kernels
from widgets.settings import MOST_KERNELS_PER_ADDRESS_VARIABLE

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def staff_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    # Every test's browser is 127.0.0.1, one "address" for the whole session: its cap is not what
    # these tests are about (test_server_guard.py tests the caps on servers of its own).
    server = VoilaServer("staff", tmp_path_factory.mktemp("staff-results"), env={MOST_KERNELS_PER_ADDRESS_VARIABLE: "1000"})
    server.start()
    # As in use: one preheated kernel per page. Let the pool fill before the first visit.
    server.wait_for_kernel_count(staff_pool_kernels(), timeout=120)
    yield server
    server.stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    opened = context.new_page()
    opened.set_default_timeout(30_000)
    opened.set_default_navigation_timeout(90_000)  # a page whose preheated kernel is still warming
    yield opened
    if not opened.is_closed():
        opened.close(run_before_unload=True)  # so Voila is told the tab went away
    context.close()


def results_csv(server: VoilaServer) -> Path:
    return server.results_dir / "results.csv"


def open_page(page: Page, server: VoilaServer, notebook: str, ready: str = ".viw-page") -> None:
    """Open a notebook page as a person would and wait until its widgets are on screen."""
    page.goto(f"{server.url}/voila/render/{notebook}")
    try:
        page.locator(ready).first.wait_for(state="visible", timeout=60_000)
    except PlaywrightTimeoutError:
        heading = page.locator("h1").first.text_content(timeout=1_000) if page.locator("h1").count() else None
        warnings = [line for line in server.log().splitlines() if "WARNING" in line or "ERROR" in line or "Busy" in line]
        raise AssertionError(f"{notebook} did not show {ready} within 60 s; the page's heading: {heading!r}; "
                             "the server's last warnings:\n" + "\n".join(warnings[-15:])) from None
