"""The staff server's guard, on the real server in Chromium: the kernel caps and the busy page,
kernels of pages that never connected stopped, and only its own names in ``Host``.

Each server serves two pages (the start page and a module) with their preheated pools, so it
starts quickly; the guard's limits are set small through its settings.
"""

from __future__ import annotations

import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.voila_server import VoilaServer
from widgets.server import STAFF_POOL_SIZE
from widgets.settings import (CLOSED_TAB_SECONDS_VARIABLE, MOST_KERNELS_PER_ADDRESS_VARIABLE, MOST_KERNELS_VARIABLE, POOL_REFILL_SECONDS,
                              PUBLIC_HOSTS_VARIABLE, UNCONNECTED_SECONDS_VARIABLE, staff_notebooks_dir)

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PAGES = ("index.ipynb", "02_lundy.ipynb")
UNCONNECTED_SECONDS = 6
CLOSED_TAB_SECONDS = 8
BUSY = "The workbook is busy; this page will open in a moment"


def guarded_server(tmp_path: Path, **settings: str) -> VoilaServer:
    root = tmp_path / "pages"
    root.mkdir()
    for name in PAGES:
        shutil.copy(staff_notebooks_dir() / name, root / name)
    server = VoilaServer("staff", tmp_path / "results", root=root,
                         env={UNCONNECTED_SECONDS_VARIABLE: str(UNCONNECTED_SECONDS), **settings})
    server.results_dir.mkdir()
    server.start()
    server.wait_for_kernel_count(STAFF_POOL_SIZE * len(PAGES), timeout=120)
    return server


def ask_without_connecting(server: VoilaServer, notebook: str) -> int:
    """What a script (or curl) does: fetch the page's HTML and never open its connection."""
    with urllib.request.urlopen(f"{server.url}/voila/render/{notebook}", timeout=90) as reply:
        reply.read()
        return reply.status


@pytest.mark.parametrize("cap", [MOST_KERNELS_VARIABLE, MOST_KERNELS_PER_ADDRESS_VARIABLE])
def test_at_the_kernel_cap_a_busy_page_shows_then_the_page_opens_once_an_unconnected_kernel_is_stopped(
        browser: Browser, tmp_path: Path, cap: str) -> None:
    server = guarded_server(tmp_path, **{cap: "1"})
    try:
        pool = len(server.kernel_pids())
        assert ask_without_connecting(server, "02_lundy.ipynb") == 200  # takes the one page kernel allowed
        assert len(server.kernel_pids()) >= pool  # its kernel runs (the pool refills beside it)
        context = browser.new_context(viewport={"width": 375, "height": 740})
        page = context.new_page()
        page.goto(f"{server.url}/voila/render/02_lundy.ipynb")
        expect(page.get_by_role("heading", name=BUSY)).to_be_visible()
        expect(page.get_by_role("link", name="Try again now")).to_be_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"busy-page-375-{cap.lower()}.png"), full_page=True)
        # The script's page never connected: its kernel is stopped, and the waiting page opens by itself.
        expect(page.locator(".viw-sign-in")).to_be_visible(timeout=(UNCONNECTED_SECONDS + 60) * 1000)
        assert "never connected" in server.log()
        page.close(run_before_unload=True)
        context.close()
    finally:
        server.stop()


def open_then_close_without_goodbye(browser: Browser, server: VoilaServer) -> None:
    """A person opens a module and their tab goes away without telling the server (a phone
    locked, a laptop lid shut, a tab closed on a phone: no unload runs): its kernel stays."""
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(f"{server.url}/voila/render/02_lundy.ipynb")
    expect(page.locator(".viw-sign-in")).to_be_visible(timeout=60_000)
    context.close()


@pytest.mark.parametrize("cap", [MOST_KERNELS_VARIABLE, MOST_KERNELS_PER_ADDRESS_VARIABLE])
def test_at_a_cap_the_kernel_of_a_tab_closed_a_while_ago_is_stopped_to_let_the_next_person_in(
        browser: Browser, tmp_path: Path, cap: str) -> None:
    """The room's address (all of them 127.0.0.1 here) at its cap, or the server at its own: the
    next person waits on the busy page while the closed tab may still come back, then gets in."""
    server = guarded_server(tmp_path, **{cap: "1", CLOSED_TAB_SECONDS_VARIABLE: str(CLOSED_TAB_SECONDS)})
    try:
        open_then_close_without_goodbye(browser, server)
        context = browser.new_context(viewport={"width": 375, "height": 740})
        page = context.new_page()
        page.goto(f"{server.url}/voila/render/02_lundy.ipynb")
        expect(page.locator(".viw-sign-in")).to_be_visible(timeout=(CLOSED_TAB_SECONDS + 60) * 1000)
        assert "to make room: its tab closed longest ago" in server.log()
        context.close()
    finally:
        server.stop()


def wait_for_log(server: VoilaServer, line: str, count: int, seconds: float) -> None:
    """Until the server's log has ``line`` ``count`` times, or ``seconds`` have passed."""
    deadline = time.monotonic() + seconds
    while server.log().count(line) < count and time.monotonic() < deadline:
        time.sleep(0.5)


def test_kernels_of_pages_never_connected_are_stopped(tmp_path: Path) -> None:
    server = guarded_server(tmp_path)
    try:
        pool = server.wait_for_kernel_count(STAFF_POOL_SIZE * len(PAGES))
        for _ in range(3):  # each page gets a kernel of its own (under load, the first may be stopped already)
            assert ask_without_connecting(server, "index.ipynb") == 200
        wait_for_log(server, "Using pre-heated kernel", 3, 60)  # Voila says so once the kernel is handed over
        assert server.log().count("Using pre-heated kernel") >= 3
        wait_for_log(server, "never connected", 3, UNCONNECTED_SECONDS + 60)
        assert server.log().count("never connected") == 3
        # Then the pool is as it was (it refills POOL_REFILL_SECONDS after a kernel is taken).
        assert server.wait_for_kernel_count(pool, timeout=POOL_REFILL_SECONDS + 60) == pool
    finally:
        server.stop()


def status_for_host(server: VoilaServer, host: str) -> int:
    request = urllib.request.Request(f"{server.url}/voila/tree", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_server_answers_only_to_its_own_names(tmp_path: Path) -> None:
    server = guarded_server(tmp_path, **{PUBLIC_HOSTS_VARIABLE: "workbook.example.org"})
    try:
        port = server.port
        assert status_for_host(server, f"127.0.0.1:{port}") == 200
        assert status_for_host(server, f"localhost:{port}") == 200
        assert status_for_host(server, "workbook.example.org") == 200  # the public name, behind a proxy
        assert status_for_host(server, "attacker.example.com") == 403  # DNS rebinding
        assert status_for_host(server, f"192.168.1.20:{port}") == 403
        assert status_for_host(server, "workbook.example.org.attacker.example.com") == 403
    finally:
        server.stop()
