"""The staff server opens on the landing page, and closed tabs leave no kernels behind."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.voila_server import VoilaServer
from widgets.server import staff_pool_kernels


def open_landing(page: Page, server: VoilaServer) -> None:
    page.goto(server.url + "/")
    expect(page.locator(".viw-landing")).to_be_visible(timeout=60_000)


def test_root_opens_the_landing_page_with_title_purpose_and_privacy(page: Page, staff_server: VoilaServer) -> None:
    open_landing(page, staff_server)
    assert page.url.endswith("/voila/render/index.ipynb")
    assert page.title() == "Voice & Influence Workbook: start here"
    expect(page.get_by_role("heading", name="Voice & Influence Workbook", level=1)).to_be_visible()
    expect(page.get_by_text("Who it is for")).to_be_visible()
    privacy = page.get_by_role("region", name="Privacy")
    expect(privacy).to_contain_text("What is stored")
    expect(privacy).to_contain_text("Never name or identify a child")
    expect(page.locator("text=Traceback")).to_have_count(0)


def test_closed_and_reloaded_tabs_do_not_leave_kernels_running(browser, staff_server: VoilaServer) -> None:
    # Every kernel these visits use must go when their tab does. The session's server may still
    # hold kernels of other tests' tabs that closed without a goodbye (as a locked phone does; the
    # idle culler takes those): the count must come back to what it was before, the pool refilled.
    pool = staff_pool_kernels()
    staff_server.wait_until_quiet(timeout=120)
    before = len(staff_server.kernel_pids())
    assert before >= pool, staff_server.log()[-3000:]
    context = browser.new_context()
    for _ in range(3):
        page = context.new_page()
        open_landing(page, staff_server)
        page.reload()
        expect(page.locator(".viw-landing")).to_be_visible(timeout=60_000)
        page.close(run_before_unload=True)
    context.close()
    assert staff_server.wait_for_kernel_count(before, timeout=60) == before, staff_server.log()[-3000:]
