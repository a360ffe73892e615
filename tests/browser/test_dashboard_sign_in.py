"""The trainer dashboard's sign-in in Chromium: files a trainer adds are still there at the next
visit; the cookie lasts a working day and is HttpOnly and SameSite=Strict; a ?token= leaves the
address; sign-out works; wrong tokens are slowed down and logged, never the token itself."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.aggregate import known_results as known
from tests.browser.page_audit import serious_violations
from tests.browser.voila_server import VoilaServer
from widgets.server import TOKEN_VARIABLE
from widgets.sign_in import WORKING_DAY_HOURS

TOKEN = "trainer-sign-in-token-0123456789"
ARTIFACTS = Path(__file__).parent / "artifacts"


def trainer_server_on(folder: Path) -> VoilaServer:
    server = VoilaServer("trainer", known.write_store(folder), env={TOKEN_VARIABLE: TOKEN}, extra_args=("--pool-size", "0"))
    server.start()
    return server


@pytest.fixture(scope="module")
def trainer_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    server = trainer_server_on(tmp_path_factory.mktemp("sign-in-results"))
    yield server
    server.stop()


def sign_in(page: Page, server: VoilaServer) -> None:
    page.goto(f"{server.url}/")
    box = page.get_by_role("textbox", name="Password or token:")
    box.fill(TOKEN)
    box.press("Enter")
    expect(page.locator(".viw-dashboard-complete")).to_be_visible(timeout=90_000)


def test_files_added_are_there_at_the_next_visit_and_removing_one_asks_first(browser: Browser, trainer_server: VoilaServer) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    sign_in(page, trainer_server)
    page.get_by_label("Your name (kept with each file you add)").fill("Ann Trainer")
    files = [{"name": n, "mimeType": "text/csv", "buffer": d} for n, d in known.uploads()[:2]]
    with page.expect_file_chooser() as chooser:
        page.locator(".viw-upload").click()
    chooser.value.set_files(files)
    listing = page.locator(".viw-received-list")
    expect(listing).to_contain_text("service-c.csv", timeout=60_000)
    page.close(run_before_unload=True)  # the trainer leaves

    later = context.new_page()  # and comes back (the sign-in lasts the working day)
    later.set_default_timeout(60_000)
    later.goto(f"{trainer_server.url}/")
    expect(later.locator(".viw-dashboard-complete")).to_be_visible(timeout=90_000)
    listing = later.locator(".viw-received-list")
    for name in ("service-b.csv", "service-c.csv", "Ann Trainer"):
        expect(listing).to_contain_text(name)
    expect(later.locator(".viw-validation")).to_contain_text("upload: service-b.csv")
    later.locator(".viw-received-list").scroll_into_view_if_needed()
    later.screenshot(path=str(ARTIFACTS / "dashboard-received-files-1280.png"), full_page=True)
    assert (trainer_server.results_dir / "received" / "service-b.csv").read_bytes() == known.uploads()[0][1]

    later.get_by_label("File to remove").select_option("service-b.csv")
    later.get_by_role("button", name="Remove this file...").click()
    question = later.locator(".viw-remove-question")
    expect(question).to_contain_text("Remove service-b.csv?")
    later.screenshot(path=str(ARTIFACTS / "dashboard-remove-question-1280.png"))
    later.get_by_role("button", name="No, keep it").click()
    expect(later.locator(".viw-status")).to_contain_text("Kept service-b.csv")
    assert (trainer_server.results_dir / "received" / "service-b.csv").exists()
    later.get_by_role("button", name="Remove this file...").click()
    later.get_by_role("button", name="Yes, remove it").click()
    expect(later.locator(".viw-status")).to_contain_text("Removed service-b.csv")
    expect(listing).not_to_contain_text("service-b.csv")
    assert not (trainer_server.results_dir / "received" / "service-b.csv").exists()
    assert serious_violations(later) == []
    later.close(run_before_unload=True)
    context.close()


def test_the_cookie_lasts_a_working_day_the_token_leaves_the_address_and_sign_out_works(page: Page, trainer_server: VoilaServer) -> None:
    page.goto(f"{trainer_server.url}/?token={TOKEN}")
    expect(page.locator(".viw-dashboard-complete")).to_be_visible(timeout=90_000)
    assert "token" not in page.url and page.url.endswith("/voila/render/dashboard.ipynb")
    (cookie,) = [c for c in page.context.cookies() if c["name"].startswith("username-")]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert not cookie["secure"]  # served over plain HTTP on 127.0.0.1; over HTTPS it is Secure
    hours_left = (cookie["expires"] - time.time()) / 3600
    assert WORKING_DAY_HOURS - 0.5 < hours_left <= WORKING_DAY_HOURS

    page.get_by_role("link", name="Sign out").click()
    expect(page.get_by_role("heading", name="Trainer dashboard")).to_be_visible()
    expect(page.locator("main")).to_contain_text("you are signed out")
    assert serious_violations(page) == []
    assert [c for c in page.context.cookies() if c["name"].startswith("username-")] == []
    page.goto(f"{trainer_server.url}/voila/render/dashboard.ipynb")
    expect(page.get_by_role("textbox", name="Password or token:")).to_be_visible()  # signed out for real
    expect(page.locator(".viw-dashboard")).to_have_count(0)


def test_ten_wrong_tokens_are_slowed_down_and_logged_without_the_token(page: Page, tmp_path: Path) -> None:
    server = trainer_server_on(tmp_path / "results")  # its own server: the waits it imposes stay here
    try:
        page.goto(f"{server.url}/")
        messages = []
        for attempt in range(10):
            box = page.get_by_role("textbox", name="Password or token:")
            box.fill(f"wrong-guess-{attempt:02d}-abcdef")
            box.press("Enter")
            problem = page.locator(".problem")
            expect(problem).to_be_visible()
            messages.append(problem.inner_text())
        assert messages[0] == "Problem: That token is not right. Check it and try again."
        slowed = [m for m in messages if "Too many wrong tokens from your address: wait" in m]
        assert len(slowed) >= 7, messages  # from the third failure on, every answer says how long to wait
        page.screenshot(path=str(ARTIFACTS / "dashboard-wrong-token-slowed.png"))
        log = server.log()
        assert "Wrong dashboard token by the sign-in form from 127.0.0.1 (1 in a row)" in log
        assert "refused unchecked" in log
        assert "wrong-guess" not in log and TOKEN not in log
    finally:
        server.stop()
