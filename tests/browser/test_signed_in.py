"""Staying signed in, in Chromium against the real server: the resume code goes into the page
address at sign-in (no reload), a reload keeps the learner signed in, links to the start page
and other modules keep the code, and the start page continues with it; signing up again with
the same name and organisation leads to the existing record once the code is given. The
certificate downloads (a blob: link) with the learner's name in any script, and its
verification id, typed into the trainer dashboard, finds its learner."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser.conftest import open_page
from tests.browser.emodule_steps import accessibility_problems, rate_all, sign_in
from tests.browser.voila_server import VoilaServer
from tests.emodule_helpers import complete_everything
from widgets.content import load_content
from widgets.emodule import Learner, LearnerSession
from widgets.server import TOKEN_VARIABLE
from widgets.settings import RESULTS_DIR_VARIABLE

CONTENT = load_content()
ARTIFACTS = Path(__file__).parent / "artifacts"  # ignored by git
CODE = re.compile(r"[?&]code=([A-Z2-9]{4}-[A-Z2-9]{4})")
TOKEN = "trainer-test-token-verify-0123456789"
NAMES = ["Zoë Ní Bhriain", "Siân Llywelyn", "فاطمة الزهراء", "王小明"]


def code_in_address(page: Page) -> str:
    found = CODE.search(page.url)
    assert found, page.url
    return found.group(1)


def test_signed_in_after_a_reload_and_on_the_start_page(page: Page, staff_server: VoilaServer) -> None:
    open_page(page, staff_server, "02_lundy.ipynb", ready=".viw-sign-in")
    sign_in(page, "Reload Learner", "Shire CFS")
    expect(page).to_have_url(CODE, timeout=30_000)  # put there without a reload
    code = code_in_address(page)
    rate_all(page, "before")
    page.reload()
    expect(page.locator(".viw-progress")).to_contain_text("Signed in as Reload Learner", timeout=60_000)
    assert code_in_address(page) == code

    # A plain link to the start page, as the page header has: followed, it carries the code.
    page.evaluate("""() => { const a = document.createElement('a'); a.href = 'index.ipynb'; a.id = 'viw-test-home';
                             a.textContent = 'Start page'; document.querySelector('.viw-page').prepend(a); }""")
    page.locator("#viw-test-home").click()
    expect(page.locator(".viw-landing")).to_be_visible(timeout=60_000)
    assert code_in_address(page) == code
    expect(page.get_by_role("link", name="Continue the training: Why voice matters")).to_be_visible()
    assert accessibility_problems(page) == []
    page.get_by_role("link", name="The Lundy model").click()  # the list's own links keep the code too
    expect(page.locator(".viw-progress")).to_contain_text("Signed in as Reload Learner", timeout=60_000)
    assert code_in_address(page) == code


def test_the_start_page_continues_with_a_typed_code(page: Page, staff_server: VoilaServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(RESULTS_DIR_VARIABLE, str(staff_server.results_dir))  # the server's store
    session = LearnerSession.register(Learner("Typed Code Learner", "Shire CFS"), CONTENT)
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        open_page(page, staff_server, "index.ipynb", ready=".viw-landing")
        expect(page.get_by_role("link", name="Start the training")).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / f"start-page-{width}.png"))
    page.get_by_label("Your resume code, like K7QX-9MZD").fill(session.code.lower())
    page.get_by_label("Your resume code, like K7QX-9MZD").press("Enter")
    expect(page.get_by_role("link", name="Continue the training: Why voice matters")).to_be_visible(timeout=60_000)
    assert code_in_address(page) == session.code


def test_the_same_name_and_organisation_again_leads_to_the_existing_record_after_the_code(
    page: Page, staff_server: VoilaServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(RESULTS_DIR_VARIABLE, str(staff_server.results_dir))
    first = LearnerSession.register(Learner("Twice Signed", "Shire CFS"), CONTENT)
    open_page(page, staff_server, "03_treseder.ipynb", ready=".viw-sign-in")
    sign_in(page, "twice signed", "Shire CFS")
    status = page.locator(".viw-sign-in .viw-status")
    expect(status).to_contain_text("has started the training already")
    expect(status).not_to_contain_text(first.code)
    expect(page.get_by_label("Resume code")).to_be_focused()
    expect(page.get_by_role("button", name="Start a new record")).to_be_visible()
    page.get_by_label("Resume code").fill(first.code)
    page.get_by_role("button", name="Continue where I left off").click()
    expect(page.locator(".viw-confidence-before")).to_be_visible()  # the record's own next step
    assert code_in_address(page) == first.code


def test_the_certificate_downloads_with_the_names_and_looks_right(page: Page, staff_server: VoilaServer,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(RESULTS_DIR_VARIABLE, str(staff_server.results_dir))
    ARTIFACTS.mkdir(exist_ok=True)
    for number, name in enumerate(NAMES):
        session = LearnerSession.register(Learner(name, "Cyngor Sir Gâr"), CONTENT)
        complete_everything(session)
        width = (375, 1280)[number % 2]
        page.set_viewport_size({"width": width, "height": 2000})  # tall enough for the whole certificate part
        open_page(page, staff_server, f"05_practice.ipynb?code={session.code}", ready=".viw-certificate")
        link = page.get_by_role("link", name="Download your certificate (PDF)")
        assert (link.get_attribute("href") or "").startswith("blob:")
        with page.expect_download() as waiting:
            link.click()
        assert waiting.value.suggested_filename == f"Certificate {name}.pdf"
        text = " ".join(p.extract_text() for p in PdfReader(waiting.value.path()).pages)
        assert name in text and page.locator(".viw-verification").inner_text() in text.replace(" ", "")
        expect(page.locator(".viw-confidence-change")).to_contain_text("Before")
        page.locator(".viw-certificate").screenshot(path=str(ARTIFACTS / f"certificate-{width}-{number}.png"))
        if number < 2:
            assert accessibility_problems(page) == []


@pytest.fixture
def trainer_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[VoilaServer, LearnerSession]]:
    monkeypatch.setenv(RESULTS_DIR_VARIABLE, str(tmp_path))
    session = LearnerSession.register(Learner("Verified Learner", "Shire CFS"), CONTENT)
    complete_everything(session)
    server = VoilaServer("trainer", tmp_path, env={TOKEN_VARIABLE: TOKEN})
    server.start()
    yield server, session
    server.stop()


def test_a_verification_id_typed_into_the_dashboard_finds_its_learner(page: Page, trainer_server) -> None:
    server, session = trainer_server
    page.set_viewport_size({"width": 1280, "height": 900})
    open_page(page, server, f"dashboard.ipynb?token={TOKEN}", ready=".viw-verify-box")
    box = page.locator(".viw-verify-box")
    box.get_by_label("Verification id").fill(session.certificate().verification_id)
    box.get_by_role("button", name="Verify").click()
    expect(box.locator(".viw-verified")).to_contain_text("Verified Learner (Shire CFS) completed the e-module on")
    expect(box.locator(".viw-verified")).to_contain_text("The Lundy model: passed on")
    box.screenshot(path=str(ARTIFACTS / "verify-1280.png"))
    box.get_by_label("Verification id").fill("2bfe9f99-9d5b-468d-aa23-ebdc9f91f0d9")
    box.get_by_role("button", name="Verify").click()
    expect(box.locator(".viw-verify-status")).to_contain_text("No certificate has the verification id")
    expect(box.locator(".viw-verified")).to_have_text("")
