"""A page whose kernel is gone says so at once, in words, with the time of the last save and a
"Reload the page" button, and every control on it is disabled, so nothing typed into a dead page
looks saved (connection_watch.js in the page template).

The ways a kernel goes, each made for real against a real Voila server:
- killed (SIGKILL to the page's own ipykernel process; the server restarts it empty),
- culled (the server shuts it down, as the idle culler does; the page is told nothing),
- the server stops and starts again,
- the network drops for a moment and comes back (then the banner goes and the page works again).

The page's kernel process is found from the page itself: its kernel id (Voila's page config)
is in the command line of exactly one of the server's ipykernel children (its connection file,
kernel-<id>.json). The preheated pool's other kernels are left alone.
"""

from __future__ import annotations

import os
import signal
import time
import urllib.request
from datetime import datetime
from pathlib import Path
from typing import Iterator
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.assessment_helpers import fill_details
from tests.browser.conftest import open_page
from tests.browser.emodule_steps import accessibility_problems, rate_all, sign_in
from tests.browser.kernel_traffic import KernelTraffic
from tests.browser.page_audit import serious_violations
from tests.browser.voila_server import VoilaServer

ASSESSMENT = "assess_iv_standard_4.ipynb"
MODULE = "02_lundy.ipynb"
# The person's own time zone, not the server's (UTC here): half an hour off, so a time shown
# unconverted could not pass.
PERSON_ZONE = "Asia/Kolkata"
SAYS_AT_ONCE_MS = 5_000
ARTIFACTS = Path(__file__).parent / "artifacts"  # ignored by git


@pytest.fixture
def watched_page(browser: Browser) -> Iterator[Page]:
    """A page in the person's time zone, at a laptop's width."""
    context = browser.new_context(timezone_id=PERSON_ZONE, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.set_default_navigation_timeout(90_000)
    yield page
    if not page.is_closed():
        page.close(run_before_unload=True)
    context.close()


def kernel_id(page: Page) -> str:
    return page.evaluate("JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")


def kernel_pid(server: VoilaServer, kernel: str) -> int:
    """The server's ipykernel child whose connection file names this kernel."""
    found = [pid for pid in server.kernel_pids() if kernel in Path(f"/proc/{pid}/cmdline").read_bytes().decode()]
    assert len(found) == 1, f"kernel {kernel}: processes {found}"
    return found[0]


def cull(server: VoilaServer, kernel: str) -> None:
    """Shut the kernel down in the server, as the idle culler does (both end in the kernel
    manager's shutdown_kernel): here through the endpoint a closing tab calls."""
    request = urllib.request.Request(f"{server.url}/voila/api/shutdown/{kernel}", data=b"", method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 204


def banner(page: Page) -> Locator:
    return page.locator("#viw-connection")


def last_saved(page: Page) -> str:
    """The time of the last save the page shows, as the person reads a clock (HH:MM, their zone)."""
    stamps = page.locator("[data-viw-saved-at]").evaluate_all("els => els.map(e => e.dataset.viwSavedAt)")
    assert stamps, "the page shows no save"
    saved = max(datetime.fromisoformat(stamp) for stamp in stamps)
    assert abs((datetime.now(saved.tzinfo) - saved).total_seconds()) < 300
    return saved.astimezone(ZoneInfo(PERSON_ZONE)).strftime("%H:%M")


def expect_connection_lost(page: Page, since: float, saved: str | None) -> None:
    """The banner within 5 s of ``since`` (time.monotonic()), saying what happened, what was
    saved and what to do, and every control of the page disabled."""
    alert = page.get_by_role("alert").filter(has_text="Connection lost.")
    expect(alert).to_be_visible(timeout=SAYS_AT_ONCE_MS)
    assert time.monotonic() - since < SAYS_AT_ONCE_MS / 1000
    expect(alert).to_contain_text("Nothing you do on this page now can be saved. Reload the page to carry on")
    if saved:
        expect(alert).to_contain_text(f"everything up to {saved} is saved.")
    expect(alert.get_by_role("button", name="Reload the page")).to_be_enabled()
    controls = page.locator("#rendered_cells").locator("input, textarea, select, button")
    assert controls.count() > 0
    assert controls.evaluate_all("els => els.filter(e => !e.disabled && !e.readOnly).length") == 0
    assert page.locator("#rendered_cells").bounding_box()["y"] >= alert.bounding_box()["height"] - 1  # nothing under the banner


def screenshots(page: Page, name: str) -> None:
    """The banner at a laptop's and a phone's width, for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    window = page.viewport_size
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        page.wait_for_timeout(300)  # the page's panels settle to the new width
        page.locator("#rendered_cells").evaluate("panel => { panel.scrollTop = 0; }")  # the top, with the Saved note
        expect(page.get_by_role("button", name="Reload the page")).to_be_in_viewport()
        page.screenshot(path=str(ARTIFACTS / f"connection-lost-{name}-{width}.png"))
    page.set_viewport_size(window)


def test_an_assessment_page_whose_kernel_is_killed_says_so_and_reload_brings_the_work_back(
    watched_page: Page, staff_server: VoilaServer
) -> None:
    page = watched_page
    traffic = KernelTraffic(page)
    open_page(page, staff_server, ASSESSMENT, ready=".viw-assessment")
    expect(banner(page)).to_be_empty()  # there, empty, from the start: a live region screen readers follow
    fill_details(page, organisation="Eastshire IV Service")
    expect(page.locator(".viw-autosave .viw-code")).to_be_visible()  # saved: the resume code is shown

    page.context.set_offline(True)  # a network blip: the banner at once, then back to work
    since = time.monotonic()
    expect_connection_lost(page, since, last_saved(page))
    page.context.set_offline(False)
    expect(banner(page)).to_be_empty(timeout=30_000)
    team = page.locator(".viw-detail-team input")
    expect(team).to_be_enabled()
    team.fill("Participation")  # saved again: the page works after the blip (the reload below shows it)
    traffic.settle()

    team.click()  # the person is typing when the kernel goes
    os.kill(kernel_pid(staff_server, kernel_id(page)), signal.SIGKILL)
    since = time.monotonic()
    expect_connection_lost(page, since, last_saved(page))
    reload = page.get_by_role("button", name="Reload the page")
    expect(reload).to_be_focused()  # the box typed in became read-only: the focus went to the way out
    expect(banner(page)).to_have_attribute("data-viw-connection", "gone")
    organisation = page.locator(".viw-detail-organisation input")
    organisation.focus()
    page.keyboard.type(" and more")  # typing into the dead page changes nothing
    expect(organisation).to_have_value("Eastshire IV Service")
    reload.focus()
    screenshots(page, "assessment")
    assert serious_violations(page) == []

    page.keyboard.press("Enter")  # reopens the saved work by its resume link
    expect(page.locator(".viw-status")).to_contain_text("Your saved work is back", timeout=60_000)
    expect(page.locator(".viw-detail-organisation input")).to_have_value("Eastshire IV Service")
    expect(page.locator(".viw-detail-team input")).to_have_value("Participation")
    expect(banner(page)).to_be_empty()


@pytest.mark.parametrize("how", ["killed", "culled"])
def test_a_module_page_whose_kernel_goes_says_so_with_the_last_save(
    watched_page: Page, staff_server: VoilaServer, how: str
) -> None:
    page = watched_page
    open_page(page, staff_server, MODULE, ready=".viw-sign-in")
    sign_in(page, f"Connection Learner {how}", "Shire CFS")
    rate_all(page, "before")
    counter = page.locator(".viw-step-counter")
    expect(counter).to_contain_text("Step 1 of")
    page.get_by_role("button", name="Next").click()
    expect(counter).to_contain_text("Step 2 of")  # the step reached is saved
    # Next moves the focus to the new step's heading (a message from the kernel, which may come
    # after the counter changes): wait for it, then go back to Next, about to press it again.
    page.wait_for_function("document.activeElement && /^H[1-6]$/.test(document.activeElement.tagName)")
    page.get_by_role("button", name="Next").focus()
    expect(page.get_by_role("button", name="Next")).to_be_focused()
    kernel = kernel_id(page)
    if how == "killed":
        os.kill(kernel_pid(staff_server, kernel), signal.SIGKILL)
    else:
        cull(staff_server, kernel)  # the page is told nothing: it finds out when the person is back
        page.wait_for_timeout(500)
        page.keyboard.press("Shift")  # back at the page (a look it had scheduled may have found out already)
    since = time.monotonic()
    expect_connection_lost(page, since, last_saved(page))
    expect(counter).to_contain_text("Step 2 of")  # the Next pressed into the dead page moved nothing
    expect(page.get_by_role("button", name="Reload the page")).to_be_focused()  # Next, pressed last, is disabled
    if how == "killed":
        screenshots(page, "module")
    assert serious_violations(page) == []
    assert accessibility_problems(page) == []  # nor anything less serious, as for the module pages in test_emodule.py


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[VoilaServer]:
    """A server of this test's own, to stop and start again (no preheated kernels: one page)."""
    server = VoilaServer("staff", tmp_path, extra_args=("--pool-size", "0"))
    server.start()
    yield server
    server.stop()


def test_when_the_server_restarts_the_page_says_so_and_reload_brings_the_work_back(
    watched_page: Page, own_server: VoilaServer
) -> None:
    page = watched_page
    open_page(page, own_server, ASSESSMENT, ready=".viw-assessment")
    fill_details(page, organisation="Westshire IV Service")
    expect(page.locator(".viw-autosave .viw-code")).to_be_visible()
    own_server.stop()  # Ctrl+C: Voila stops its kernels (some seconds), then itself; timed from its exit
    since = time.monotonic()
    expect_connection_lost(page, since, last_saved(page))
    own_server.start()  # the same port, a new server: it knows nothing of the page's kernel
    expect(banner(page)).to_have_attribute("data-viw-connection", "gone", timeout=15_000)
    page.get_by_role("button", name="Reload the page").click()
    expect(page.locator(".viw-status")).to_contain_text("Your saved work is back", timeout=90_000)
    expect(page.locator(".viw-detail-organisation input")).to_have_value("Westshire IV Service")
