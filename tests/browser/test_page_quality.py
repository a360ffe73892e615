"""Every page works offline (no request leaves our server) and passes an axe accessibility
audit with no serious or critical violations."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, Route

from tests.browser.conftest import open_page
from tests.browser.voila_server import VoilaServer

PAGES = ["index.ipynb", "02_lundy.ipynb", "assess_iv_standard_4.ipynb", "assess_lundy_checklist.ipynb"]


def block_outside_requests(page: Page) -> list[str]:
    """Abort and record any request to a host other than our server."""
    outside: list[str] = []

    def check(route: Route) -> None:
        if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost") or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", check)
    return outside


@pytest.mark.parametrize("notebook", PAGES)
def test_page_makes_no_request_outside_the_server(page: Page, staff_server: VoilaServer, notebook: str) -> None:
    outside = block_outside_requests(page)
    open_page(page, staff_server, notebook)
    page.wait_for_load_state("networkidle")
    assert outside == []


@pytest.mark.parametrize("notebook", PAGES)
def test_page_has_no_serious_accessibility_violations(page: Page, staff_server: VoilaServer, notebook: str) -> None:
    open_page(page, staff_server, notebook)
    violations = Axe().run(page).response["violations"]
    serious = [f"{v['impact']}: {v['id']} ({v['help']}) at {v['nodes'][0]['target']}"
               for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []
