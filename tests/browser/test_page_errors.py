"""On the real server a page that cannot build shows the friendly panel, never a traceback,
although the test session asks pages to raise (VIW_PAGE_ERRORS=raise, for nbval): the servers
the tests start are given the environment without it, as a real server runs."""

from __future__ import annotations

import shutil
from typing import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import open_page
from tests.browser.voila_server import VoilaServer
from tests.session_env import FIXTURE_CONTENT
from widgets.settings import CONTENT_DIR_VARIABLE


@pytest.fixture(scope="module")
def broken_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """A staff server whose content has a quiz file a slip in an editor left unreadable."""
    content = tmp_path_factory.mktemp("broken") / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    (content / "quizzes" / "lundy.yaml").write_text("id: lundy\nitems: [unclosed\n", encoding="utf-8")
    # No preheated kernels: one page is visited, and the machine is shared with other tests.
    server = VoilaServer("staff", tmp_path_factory.mktemp("broken-results"), extra_args=("--pool-size", "0"),
                         env={CONTENT_DIR_VARIABLE: str(content)})
    server.start()
    yield server
    server.stop()


def test_a_page_that_cannot_build_shows_what_to_fix_not_a_traceback(page: Page, broken_server: VoilaServer) -> None:
    open_page(page, broken_server, "02_lundy.ipynb", ready=".viw-page-error")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("This page cannot open yet")
    expect(alert).to_contain_text("content/quizzes/lundy.yaml: line 3: the file could not be read")
    expect(page.locator("text=Traceback")).to_have_count(0)
    expect(page.locator("text=ContentError")).to_have_count(0)
    expect(page.locator("text=There was an error when executing cell")).to_have_count(0)
