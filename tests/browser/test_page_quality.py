"""Every staff page, as it first opens: no request leaves our server, and an axe audit finds no
serious or critical violation. One page load per page checks both (loads are what cost time).

States people reach later (a quiz with feedback, a filled-in assessment, the dashboard with
data) are audited where the tests bring the pages there: test_keyboard_only.py and
test_trainer_dashboard.py."""

from __future__ import annotations

from typing import Callable

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import open_page
from tests.browser.page_audit import icon_font_glyphs, offline, serious_violations  # noqa: F401 - offline is a fixture
from tests.browser.voila_server import VoilaServer
from widgets.settings import staff_notebooks_dir

PAGES = sorted(path.name for path in staff_notebooks_dir().glob("*.ipynb"))


def test_every_staff_page_is_audited() -> None:
    """The list comes from the folder, so a new page is audited without anyone remembering to."""
    assert {"index.ipynb", "01_why_voice.ipynb", "05_practice.ipynb", "06_safe_participation.ipynb", "glossary.ipynb",
            "assess_iv_standard_4.ipynb"} <= set(PAGES)
    assert len(PAGES) == 12


@pytest.mark.parametrize("notebook", PAGES)
def test_page_works_offline_and_passes_an_accessibility_audit(
    page: Page, staff_server: VoilaServer, notebook: str, offline: Callable[[str], list[str]]
) -> None:
    outside = offline(staff_server.url)
    open_page(page, staff_server, notebook)
    page.wait_for_load_state("networkidle")
    assert serious_violations(page) == []
    assert icon_font_glyphs(page) == 0
    assert outside == []
