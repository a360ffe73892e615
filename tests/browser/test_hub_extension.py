"""The workbook as JupyterHub runs it: each person their own Jupyter server with voila and
widgets.hub_extension (as deploy/jupyterhub_config.py sets them up), one shared results folder.
Two people submit at the same moment and every row lands once; a closed tab stops its kernel."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.emodule_steps import check, choose, drawn, go_to_step, rate_all, sign_in
from tests.browser.hub_user_server import HubUserServer
from tests.emodule_helpers import right_answers
from widgets.content import load_content
from widgets.emodule.confidence import learning_outcomes
from widgets.results import read_results
from widgets.server import IDLE_KERNEL_SECONDS

CONTENT = load_content()
OUTCOMES = learning_outcomes(CONTENT)  # one confidence row each
PEOPLE = ("ada", "ben")


@pytest.fixture(scope="module")
def shared_results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("shared-results")


@pytest.fixture(scope="module")
def people(shared_results: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, HubUserServer]]:
    servers = {name: HubUserServer(name, shared_results, tmp_path_factory.mktemp(f"home-{name}"), f"{name}-token-0123456789")
               for name in PEOPLE}
    with ThreadPoolExecutor(len(servers)) as pool:
        list(pool.map(HubUserServer.start, servers.values()))
    yield servers
    for server in servers.values():
        server.stop()


def signed_in_page(browser: Browser, server: HubUserServer) -> Page:
    """A browser of that person's own, logged in to their server as the hub's login would be:
    straight onto a workbook page, without first visiting a Jupyter page that would set an
    _xsrf cookie (with one, Voila's tab-close request passes the check and hides the bug)."""
    page = browser.new_context().new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{server.url}/api/status?token={server.token}")  # logs in (sets the login cookie)
    assert "_xsrf" not in {cookie["name"] for cookie in page.context.cookies()}
    return page


def test_two_people_submitting_at_once_each_row_lands_once_in_the_shared_file(
    browser: Browser, people: dict[str, HubUserServer], shared_results: Path
) -> None:
    quiz = CONTENT.quizzes["lundy"]
    total = len(CONTENT.module("lundy").steps) + 1
    key = right_answers(quiz)
    pages = {name: signed_in_page(browser, server) for name, server in people.items()}
    for name, page in pages.items():
        page.goto(people[name].page_url("02_lundy.ipynb"))
        expect(page.locator("[role=main]")).to_have_count(1)  # our page template is in use
        sign_in(page, f"Hub {name}", "Shire CFS", "Hub team")
        rate_all(page, "before")
        go_to_step(page, total, total)
    asked = {name: drawn(page, quiz) for name, page in pages.items()}  # each learner's own draw
    for name, page in pages.items():
        for item in asked[name][:-1]:
            check(choose(page, item, key[item.id]), item)
    cards = [choose(page, asked[name][-1], key[asked[name][-1].id]) for name, page in pages.items()]
    for card in cards:  # the attempts are saved by two kernels, in two servers, at once
        card.get_by_role("button", name="Check answer").click()
    for page in pages.values():
        expect(page.locator(".viw-quiz-result")).to_contain_text("You passed this module")
        page.close(run_before_unload=True)
        page.context.close()

    assert (shared_results / "results.csv").read_text().count("schema_version,submission_id") == 1
    result = read_results([("results.csv", shared_results / "results.csv")])
    assert result.reports[0].rejected == [] and result.reports[0].duplicates == 0
    rows = result.rows
    for name in PEOPLE:
        mine = rows[rows["respondent"] == f"Hub {name}"]
        quiz_rows = mine[mine["kind"] == "quiz"]
        assert sorted(quiz_rows["item_id"]) == sorted(item.id for item in asked[name])
        assert quiz_rows["submission_id"].nunique() == 1
        assert len(mine[mine["instrument"] == "confidence-before"]) == len(OUTCOMES)
    assert len(rows) == len(PEOPLE) * (quiz.per_attempt + len(OUTCOMES))


def test_a_closed_tab_shuts_its_kernel_down_in_extension_mode(browser: Browser, people: dict[str, HubUserServer]) -> None:
    server = people[PEOPLE[0]]
    page = signed_in_page(browser, server)
    before = set(server.kernel_pids())
    page.goto(server.page_url("index.ipynb"))
    page.locator(".viw-page").first.wait_for(state="visible")
    assert set(server.kernel_pids()) - before
    page.close(run_before_unload=True)
    page.context.close()
    deadline = time.monotonic() + 15
    while set(server.kernel_pids()) - before and time.monotonic() < deadline:
        time.sleep(0.3)
    assert set(server.kernel_pids()) - before == set(), server.log()[-3000:]
    assert f"idle kernels culled after {IDLE_KERNEL_SECONDS} s" in server.log()  # for tabs never reported closed
