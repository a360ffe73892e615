"""The trainer dashboard as a hub service, for real: people sign in through the hub's own login
page in Chromium (the test authenticator standing in for Entra ID), and what the dashboard shows
each comes from their hub groups. Results are seeded through the results service, as staff
pages send them. Every refusal a person could meet, or try for, is asked for here."""

from __future__ import annotations

import http.client
import json
import re
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.layout_checks import at_width, whole_page
from tests.browser.page_audit import serious_violations
from tests.emodule_helpers import complete_everything
from tests.hub.hub_server import Hub, api
from widgets.content import load_content
from widgets.dashboard.service_results import TOKEN_HEADER, TOKEN_VARIABLE, ServiceResults
from widgets.dashboard.viewer import FROM_HUB_VARIABLE, VIEWER_HEADER, VIEWER_VARIABLE
from widgets.emodule import LearnerSession
from widgets.results import ResultsStore
from widgets.results.drafts import DraftStore
from widgets.results.service_client import ResultsService

DASHBOARD = "/services/dashboard/"
PAGE = DASHBOARD + "voila/render/dashboard.ipynb"
DASHBOARD_SCOPE = "access:services!service=dashboard"
ARTIFACTS = Path(__file__).resolve().parents[1] / "browser" / "artifacts"
LAPTOP, PHONE = 1280, 375
READY = ".viw-dashboard-complete .viw-summary-completion"


def plain_get(hub: Hub, path: str, headers: dict[str, str] | None = None, method: str = "GET") -> tuple[int, dict[str, str], str]:
    """One request, redirects not followed (so a refusal is seen as it is sent)."""
    address = urlparse(hub.url)
    connection = http.client.HTTPConnection(address.hostname or "127.0.0.1", address.port, timeout=120)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read().decode(errors="replace")
    finally:
        connection.close()


@pytest.fixture(scope="module")
def dashboard(hub: Hub, tokens: dict[str, str]) -> Hub:
    """The shared hub with the e-module done by one person of Oak Service's (oli) and one of Ash
    Service's (ari), through the results service by the staff pages' own code, once the
    dashboard service answers."""
    for user in ("oli", "ari"):
        service = ResultsService(f"{hub.url}/services/results/", tokens[user])
        session = LearnerSession.signed_in(load_content(), DraftStore("learner", store=service))
        assert session is not None
        complete_everything(session)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if plain_get(hub, DASHBOARD)[0] in (301, 302):
                return hub
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail("The dashboard service did not answer: " + hub.log_text()[-3000:])


def signed_in(browser: Browser, hub: Hub, user: str, headers: dict[str, str] | None = None) -> Page:
    """``user`` opens the dashboard's address, is sent to the hub's login page, signs in there
    and is sent back (through the hub's OAuth) to wherever the dashboard answers."""
    context = browser.new_context(viewport={"width": LAPTOP, "height": 900}, extra_http_headers=headers or {})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.set_default_navigation_timeout(120_000)
    page.goto(hub.url + PAGE)
    page.locator("#username_input").wait_for()
    assert urlparse(page.url).path == "/hub/login"
    page.locator("#username_input").fill(user)
    page.locator("#password_input").fill("any password will do for the test authenticator")
    page.locator("#login_submit").click()
    page.wait_for_url(f"{hub.url}{PAGE}", timeout=120_000)
    return page


def shoot(page: Page, name: str) -> None:
    """The whole page at a laptop's and a phone's width, in tests/browser/artifacts/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width in (LAPTOP, PHONE):
        at_width(page, width, 900)
        window = whole_page(page)
        try:
            page.screenshot(path=str(ARTIFACTS / f"hub-dashboard-{name}-{width}.png"))
        finally:
            page.set_viewport_size(window)
    at_width(page, LAPTOP, 900)


def close(page: Page) -> None:
    context = page.context
    page.close(run_before_unload=True)  # so Voila is told the tab went away and stops the kernel
    context.close()


def exported(page: Page) -> dict[str, str]:
    """Every file of the CSV export, with the full results rows, as the page offers them."""
    page.locator(".viw-export-with-results input").check()
    page.locator(".viw-export-csv").click()
    links = page.locator(".viw-downloads a[download]")
    expect(links.first).to_be_visible(timeout=120_000)
    with page.expect_download() as download:  # a person's click saves the file, as named
        links.first.click()
    first = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    # The rest read as the links give them (Chromium asks before a page saves several files).
    files: dict[str, str] = links.evaluate_all(
        "async links => Object.fromEntries(await Promise.all(links.map(async a => [a.download, await (await fetch(a.href)).text()])))")
    assert files[download.value.suggested_filename].lstrip("\ufeff") == first
    return {name: text.lstrip("\ufeff") for name, text in files.items()}


def test_a_trainer_signs_in_through_the_hub_and_sees_every_organisation(dashboard: Hub, browser: Browser) -> None:
    page = signed_in(browser, dashboard, "tina")
    completion = page.locator(READY)
    expect(completion).to_contain_text("Oak Service")
    expect(completion).to_contain_text("Ash Service")
    expect(page.locator(".viw-viewer-scope")).to_have_count(0)
    expect(page.locator(".viw-upload")).to_be_visible()  # the received files are the trainers'
    shoot(page, "trainer")
    files = exported(page)
    assert "Oak Service" in files["results.csv"] and "Ash Service" in files["results.csv"]
    page.get_by_role("link", name="Sign out").click()  # out of the dashboard and the hub alike
    page.wait_for_url(re.compile(re.escape(dashboard.url) + "/hub/"))
    page.goto(dashboard.url + PAGE)
    page.locator("#username_input").wait_for()  # signed out: the hub asks who it is again
    close(page)


def test_a_manager_sees_their_organisation_only_in_the_page_and_its_export(dashboard: Hub, browser: Browser) -> None:
    page = signed_in(browser, dashboard, "mo")
    expect(page.locator(READY)).to_contain_text("Oak Service")
    expect(page.locator(".viw-viewer-scope")).to_contain_text("You see Oak Service only")
    expect(page.locator(".viw-upload")).to_be_hidden()
    assert "Ash Service" not in page.locator(".viw-dashboard").inner_text()
    shoot(page, "manager")
    assert serious_violations(page) == []
    files = exported(page)
    assert "Oak Service" in files["results.csv"] and "Oak Service" in files["completion.csv"]
    assert not [name for name, text in files.items() if "Ash Service" in text]
    close(page)


def process_environments(command: bytes) -> list[dict[str, str]]:
    """The environment of every process on this machine whose command line holds ``command``."""
    found = []
    for process in Path("/proc").glob("[0-9]*"):
        try:
            if command not in (process / "cmdline").read_bytes():
                continue
            text = (process / "environ").read_bytes().decode(errors="replace")
        except OSError:  # gone meanwhile
            continue
        found.append(dict(line.split("=", 1) for line in text.split("\0") if "=" in line))
    return found


def page_kernel_environments() -> list[dict[str, str]]:
    """The environment of every dashboard page kernel running on this machine."""
    return [environment for environment in process_environments(b"ipykernel") if environment.get(FROM_HUB_VARIABLE) == "1"]



def test_a_manager_cannot_claim_more_with_a_header_of_their_own(dashboard: Hub, browser: Browser, tokens: dict[str, str],
                                                               tmp_path: Path) -> None:
    forged = {VIEWER_HEADER: json.dumps({"user": "mo", "organisations": None}),  # "everything", as a trainer's
              TOKEN_HEADER: tokens["tina"]}  # and a trainer's token for the results service
    page = signed_in(browser, dashboard, "mo", headers=forged)
    expect(page.locator(READY)).to_contain_text("Oak Service")
    assert "Ash Service" not in page.locator(".viw-dashboard").inner_text()
    # The page's kernel was told who is looking by the service, and holds no hub token of the service's.
    kernels = [e for e in page_kernel_environments() if '"mo"' in e.get(VIEWER_VARIABLE, "")]
    assert kernels and all(json.loads(e[VIEWER_VARIABLE])["organisations"] == ["Oak Service"] for e in kernels)
    assert not any("JUPYTERHUB_API_TOKEN" in e for e in kernels)
    # It reads the results with mo's own token, which the results service answers as mo's.
    held = {e[TOKEN_VARIABLE] for e in kernels}
    assert len(held) == 1 and tokens["tina"] not in held
    token = held.pop()
    status, rows = api(dashboard, "GET", "rows", token)
    assert status == 200 and "Oak Service" in rows and "Ash Service" not in rows
    assert api(dashboard, "GET", "rows?organisation=Ash%20Service", token)[0] == 403
    assert api(dashboard, "GET", "store", token)[0] == 403  # the whole store's state is the trainers'
    assert api(dashboard, "GET", "me", token)[1]["user"] == "mo"
    assert api(dashboard, "POST", "record", token, {"changes": {"learner.name": "x"}, "seen": {}})[0] == 403  # it never saves
    # What the page reads through the service is what the database holds for Oak Service, value for value.
    read = ServiceResults(f"{dashboard.url}/services/results/", token, tmp_path).rows()
    held = ResultsStore(tmp_path, url=dashboard.database_url).rows(organisation="Oak Service")
    assert len(read) > 0 and read.to_dict("records") == held.to_dict("records")
    close(page)


def test_the_dashboard_service_holds_no_database_address(dashboard: Hub, browser: Browser) -> None:
    """The results service is the only program that reads or writes the results database: the
    dashboard service, and the page kernels it starts, are given no address or password of it."""
    page = signed_in(browser, dashboard, "tina")
    expect(page.locator(READY)).to_contain_text("Oak Service")
    services = process_environments(b"widgets.hub_dashboard")
    assert services and page_kernel_environments()
    for environment in services + page_kernel_environments():
        assert not [name for name in environment if "DATABASE" in name or name.startswith("PG")], sorted(environment)
        assert dashboard.database_url not in "\0".join(environment.values())
    close(page)


def test_certificates_are_checked_through_the_results_service(dashboard: Hub, browser: Browser, tokens: dict[str, str]) -> None:
    """A trainer checks any organisation's certificate; a manager their organisation's, and one
    of another organisation's is answered as an unknown id would be."""
    earned = {user: ResultsService(f"{dashboard.url}/services/results/", tokens[user]).certificate() for user in ("oli", "ari")}
    for viewer, user, found in (("tina", "ari", True), ("mo", "oli", True), ("mo", "ari", False)):
        page = signed_in(browser, dashboard, viewer)
        expect(page.locator(READY)).to_contain_text("Oak Service")
        page.get_by_label("Verification id").fill(earned[user].verification_id)
        page.get_by_role("button", name="Verify").click()
        if found:
            expect(page.locator(".viw-verify-status")).to_contain_text("This is a certificate of this workbook.")
            expect(page.locator(".viw-verified")).to_contain_text(earned[user].name)
        else:
            expect(page.locator(".viw-verify-status")).to_contain_text("No certificate has the verification id")
            expect(page.locator(".viw-verified")).to_have_text("")
        close(page)


@pytest.mark.parametrize("user", ["sam", "nel"])  # staff of Oak Service; someone in no group at all
def test_staff_and_people_in_no_group_get_the_plain_403_page(dashboard: Hub, browser: Browser, user: str) -> None:
    page = signed_in(browser, dashboard, user)
    expect(page.get_by_role("heading", level=1)).to_have_text("This page is for trainers and service managers")
    response = page.goto(dashboard.url + PAGE)  # signed in now: the answer itself
    assert response is not None and response.status == 403
    assert "Oak Service" not in page.content() and page.locator(".viw-dashboard").count() == 0
    assert serious_violations(page) == []
    shoot(page, f"not-yours-{user}")
    close(page)


def test_requests_without_a_token_or_outside_the_scope_are_refused(dashboard: Hub, tokens: dict[str, str]) -> None:
    status, headers, body = plain_get(dashboard, PAGE)  # nobody signed in: off to the hub's sign-in, nothing shown
    assert status == 302 and urlparse(headers["location"]).path == "/hub/api/oauth2/authorize" and "Service" not in body
    status, headers, _ = plain_get(dashboard, PAGE, {"Authorization": "token not-a-real-token"})
    assert status == 302 and urlparse(headers["location"]).path == "/hub/api/oauth2/authorize"
    other_scope = dashboard.token_for("tina", ["read:users:name!user"])  # a trainer's real token, not for the dashboard
    assert plain_get(dashboard, PAGE, {"Authorization": f"token {other_scope}"})[0] == 403
    results_only = tokens["tina"]  # a trainer's token for the results service, not the dashboard
    assert plain_get(dashboard, PAGE, {"Authorization": f"token {results_only}"})[0] == 403
    door_only = dashboard.token_for("tina", [DASHBOARD_SCOPE])  # a trainer's, reaching the dashboard but not the results
    status, _, body = plain_get(dashboard, PAGE, {"Authorization": f"token {door_only}"})
    assert status == 403 and "Please sign in again" in body and "Oak Service" not in body
    staff = dashboard.token_for("sam", [DASHBOARD_SCOPE])  # the right scope, but staff
    status, _, body = plain_get(dashboard, PAGE, {"Authorization": f"token {staff}"})
    assert status == 403 and "This page is for trainers and service managers" in body


WEBSOCKET = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}


def kernel_requests(hub: Hub, kernel: str, token: str) -> dict[str, int]:
    """What the dashboard answers to ``token`` on a page kernel's endpoints (none changes it
    unless allowed: the shutdown and DELETE are asked only of people who must be refused)."""
    auth = {"Authorization": f"token {token}"}
    return {
        "GET": plain_get(hub, f"{DASHBOARD}api/kernels/{kernel}", auth)[0],
        "DELETE": plain_get(hub, f"{DASHBOARD}api/kernels/{kernel}", auth, method="DELETE")[0],
        "websocket": plain_get(hub, f"{DASHBOARD}api/kernels/{kernel}/channels?session_id=x", {**auth, **WEBSOCKET})[0],
        "shutdown": plain_get(hub, f"{DASHBOARD}voila/api/shutdown/{kernel}", auth, method="POST")[0],
    }


def test_a_trainers_page_kernel_is_hers_alone(dashboard: Hub, browser: Browser) -> None:
    """Staff (signed in, with the dashboard's scope every hub user has) get 403 from every kernel
    endpoint, by token and by their browser's cookie; so does a manager on a trainer's kernel
    (a kernel is usable by the person whose page started it); the trainer herself is let in."""
    page = signed_in(browser, dashboard, "tina")
    expect(page.locator(READY)).to_contain_text("Oak Service")
    kernel = page.evaluate("JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    refused = {"GET": 403, "DELETE": 403, "websocket": 403, "shutdown": 403}
    for user in ("sam", "nel", "mo"):  # staff, someone in no group, a manager
        assert kernel_requests(dashboard, kernel, dashboard.token_for(user, [DASHBOARD_SCOPE])) == refused, user
    assert plain_get(dashboard, f"{DASHBOARD}voila/tree", {"Authorization": f"token {dashboard.token_for('sam', [DASHBOARD_SCOPE])}"})[0] == 403
    staff_page = signed_in(browser, dashboard, "sam")  # the cookie the hub's sign-in gave sam's browser
    for method in ("GET", "DELETE"):
        assert staff_page.request.fetch(f"{dashboard.url}{DASHBOARD}api/kernels/{kernel}", method=method).status == 403
    assert staff_page.request.post(f"{dashboard.url}{DASHBOARD}voila/api/shutdown/{kernel}").status == 403
    opened = staff_page.evaluate("""url => new Promise(done => {
        const socket = new WebSocket(url);
        socket.onopen = () => { socket.close(); done(true); };
        socket.onerror = () => done(false);
    })""", f"{dashboard.url.replace('http', 'ws', 1)}{DASHBOARD}api/kernels/{kernel}/channels?session_id=x")
    assert opened is False
    close(staff_page)
    tina = {"Authorization": f"token {dashboard.token_for('tina', [DASHBOARD_SCOPE])}"}
    status, _, body = plain_get(dashboard, f"{DASHBOARD}api/kernels/{kernel}", tina)  # hers, and still running
    assert status == 200 and json.loads(body)["id"] == kernel
    assert plain_get(dashboard, f"{DASHBOARD}api/kernels/{kernel}/channels?session_id=x", {**tina, **WEBSOCKET})[0] == 101
    expect(page.locator(READY)).to_contain_text("Oak Service")
    close(page)
