"""The benchmark's browser-free client (bench/page_visit.py) does what a page does against the
real staff server: its frames read back as sent, it gets the page's widget states, and it
leaves as a closed tab does, so a benchmark's crowd leaves no kernels behind. No timings here:
they belong to bench/run_all.py."""

from __future__ import annotations

from playwright.sync_api import Browser

from bench.page_visit import frame, open_page, person_address, run_apart, static_files
from tests.browser.kernel_traffic import kernel_message
from tests.browser.voila_server import VoilaServer


def test_a_frame_reads_back_as_jupyters_frontend_framed_it() -> None:
    msg_id, payload = frame("shell", "a-session", "comm_msg", {"comm_id": "c1", "data": {"method": "request_states"}},
                            {"version": "1.0.0"})
    channel, header, parent, content = kernel_message(payload)
    assert (channel, header["msg_id"], header["msg_type"], header["session"]) == ("shell", msg_id, "comm_msg", "a-session")
    assert parent == {} and content == {"comm_id": "c1", "data": {"method": "request_states"}}


def test_the_client_gets_a_pages_widget_states_and_stops_its_kernel_as_a_closed_tab_does(
    browser: Browser, staff_server: VoilaServer
) -> None:
    _, static = static_files(browser, f"{staff_server.url}/voila/render/index.ipynb", ".viw-landing")
    assert "/voila/static/voila.js" in static and not any(path.startswith(("/api/", "/voila/api/")) for path in static)
    staff_server.wait_until_quiet(timeout=120)
    kernels = len(staff_server.kernel_pids())
    opened = run_apart(open_page(staff_server.url, "index.ipynb", static, person_address(7), timeout=120))
    assert opened.seconds is not None and opened.busy == 0, opened.stopped
    assert staff_server.wait_for_kernel_count(kernels, timeout=90) == kernels  # the pool refilled, the visit's kernel gone
