"""The self-assessment page under JupyterHub, in Chromium: a person's own server (the hub's
spawner settings) asking the real results service of a real hub with the person's token. Who
the self-assessment is for comes from their hub groups: a radio group for someone in two
organisations, a clear message for someone in none; nothing typed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.assessment_helpers import submit_and_confirm
from tests.browser.emodule_steps import accessibility_problems
from tests.browser.hub_user_server import HubUserServer
from tests.hub.hub_server import Hub
from tests.pg_server import PostgresServer
from widgets.results.service_client import SERVICE_VARIABLE

SCOPE = "access:services!service=results"
GROUPS = {"organisation:Oak Service": ["mia"], "organisation:Elm Service": ["mia"], "manager:Elm Service": ["mia"],
          "team:North": ["mia"], "manager:Oak Service": ["ned"]}
ARTIFACTS = Path(__file__).parent / "artifacts"  # ignored by git


@pytest.fixture(scope="module")
def hub(postgres: PostgresServer) -> Iterator[Hub]:
    running = Hub(postgres.new_database(), GROUPS, ["mia", "ned"]).start()
    try:
        yield running
    finally:
        running.stop()


def server_of(hub: Hub, user: str, tmp_path: Path) -> HubUserServer:
    """The person's own server, as the hub spawns it, with their token for the results service."""
    (tmp_path / "results").mkdir()  # the server is given one; under the hub nothing is written there
    server = HubUserServer(user, tmp_path / "results", tmp_path / "home", f"{user}-login-token-0123456789")
    server.env.update({SERVICE_VARIABLE: f"{hub.url}/services/results/", "JUPYTERHUB_API_TOKEN": hub.token_for(user, [SCOPE])})
    server.start()
    return server


def opened(browser: Browser, server: HubUserServer, width: int) -> Page:
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{server.url}/api/status?token={server.token}")  # logs in, as the hub's login would
    page.goto(server.page_url("assess_iv_standard_4.ipynb"))
    expect(page.locator(".viw-assessment")).to_be_visible(timeout=90_000)
    return page


def test_a_person_in_two_organisations_chooses_one_and_the_rows_carry_it(browser: Browser, hub: Hub, tmp_path: Path) -> None:
    server = server_of(hub, "mia", tmp_path)
    try:
        page = opened(browser, server, 375)
        group = page.get_by_role("group", name="You are submitting for")
        expect(group.get_by_role("radio")).to_have_count(2)
        expect(page.get_by_label("Organisation or service")).to_have_count(0)  # nothing to type
        expect(page.get_by_label("Team (optional)")).to_have_count(0)
        expect(page.locator(".viw-assessment")).to_contain_text("Your team: North.")
        assert accessibility_problems(page) == []
        group.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "hub-assessment-two-organisations-375.png"), full_page=False)
        group.get_by_role("radio", name="Elm Service").focus()
        page.keyboard.press("Space")  # by keyboard, as any native radio group
        expect(group.get_by_role("radio", name="Elm Service")).to_be_checked()
        expect(page.get_by_label("Your name")).to_have_count(0)  # the name on the rows is the sign-in's
        expect(page.locator(".viw-assessment")).to_contain_text("Your name on it: mia (from your sign-in).")
        page.locator(".viw-rating").first.get_by_role("radio").nth(2).check()
        expect(page.locator(".viw-overall")).to_contain_text("1 of", timeout=60_000)
        submit_and_confirm(page)
        expect(page.locator(".viw-result")).to_contain_text("Elm Service", timeout=90_000)
        expect(page.locator(".viw-result")).to_contain_text("mia")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=str(ARTIFACTS / "hub-assessment-submitted-1280.png"), full_page=False)
        status, rows = hub.request("GET", "/services/results/api/rows?organisation=Elm%20Service", hub.token_for("mia", [SCOPE]))
        assert status == 200 and "Elm Service" in rows.decode() and "Oak Service" not in rows.decode()
        page.context.close()
    finally:
        server.stop()


def test_a_person_in_no_organisation_is_told_to_ask_their_trainer(browser: Browser, hub: Hub, tmp_path: Path) -> None:
    server = server_of(hub, "ned", tmp_path)
    try:
        page = opened(browser, server, 1280)
        message = page.locator(".viw-no-organisation")
        expect(message).to_contain_text("Ask your trainer to add you to the hub group organisation:<your organisation's name>")
        expect(page.get_by_label("Organisation or service")).to_have_count(0)
        assert accessibility_problems(page) == []
        message.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "hub-assessment-no-organisation-1280.png"), full_page=False)
        page.locator(".viw-rating").first.get_by_role("radio").nth(1).check()
        page.get_by_role("button", name="Submit", exact=True).click()
        expect(page.locator(".viw-status")).to_contain_text("so you cannot send a self-assessment", timeout=60_000)
        expect(page.locator(".viw-confirm-submit")).to_have_count(0)  # nothing offered to submit
        status, answer = hub.request("GET", "/services/results/api/submissions", hub.token_for("ned", [SCOPE]))
        assert status == 200 and json.loads(answer) == []
        page.context.close()
    finally:
        server.stop()
