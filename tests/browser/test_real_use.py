"""A service manager's self-assessment as people really write it, in Chromium on the real server:
long evidence in Welsh, Arabic and emoji in every box, Submit and its confirm pressed again and again, a report
that fails, two tabs on one draft, and a disk that fills. Nothing typed is lost, cut, doubled
or changed, and the page stays usable throughout."""

from __future__ import annotations

from collections import Counter
import csv
import html
import io
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from tests.browser.assessment_helpers import fill_details, item, submit_and_confirm
from tests.browser.conftest import open_page, results_csv
from tests.browser.voila_server import VoilaServer
from tests.disk_space import fill_the_disk
from widgets.content import load_content
from widgets.server import staff_pool_kernels

PAGE = "assess_iv_standard_4.ipynb"
ITEMS = [i.id for i in load_content().instrument("iv-standard-4").items]
BOXES = ("Evidence (what shows this)", "What children and young people say", "Next action: what will be done")
WELSH = "Dywedodd y plant fod y cyngor ieuenctid yn gwrando arnyn nhw, a newidiodd Siân a Llŷr y cynllun chwarae."
ARABIC = "قال الأطفال إن المجلس استمع إليهم وغيّر خطة اللعب"
EMOJI = "They loved the trip 👍🏽🎉"
PARAGRAPH = " ".join([WELSH, "The council's young people chaired the review, and", ARABIC, EMOJI] * 12)
WORDS_220 = " ".join(PARAGRAPH.split()[:220])
CHARS_5000 = (PARAGRAPH + " ") * 4
CHARS_5000 = CHARS_5000[:4999].rstrip() + "."
CHARS_5000 = CHARS_5000 + "x" * (5000 - len(CHARS_5000))
FAULTS = Path(__file__).parent / "faults"


def squeezed(text: str) -> str:
    """Text without its whitespace: line breaks a page or PDF adds are not part of what was typed."""
    return re.sub(r"\s+", "", text)


def stored_submissions(server: VoilaServer) -> dict[str, list[dict[str, str]]]:
    by_id: dict[str, list[dict[str, str]]] = {}
    if results_csv(server).exists():
        for row in csv.DictReader(io.StringIO(results_csv(server).read_text(encoding="utf-8"), newline="")):
            by_id.setdefault(row["submission_id"], []).append(row)
    return by_id


def download(page: Page, label: str) -> bytes:
    """The bytes a download link on the page saves (a blob: address)."""
    with page.expect_download() as waiting:
        page.get_by_text(label).click()
    return waiting.value.path().read_bytes()


def rate_every_item(page: Page, level: str = "In place, needs improving") -> None:
    for item_id in ITEMS:
        item(page, item_id).get_by_label(level, exact=True).check()
    expect(page.locator(".viw-overall")).to_contain_text(f"{len(ITEMS)} of {len(ITEMS)} answered")


@pytest.mark.parametrize("text", [WORDS_220, CHARS_5000], ids=["220 words", "5,000 characters"])
def test_long_evidence_in_every_box_submits_first_time_and_is_whole_in_the_page_the_html_and_the_pdf(
        page: Page, staff_server: VoilaServer, text: str) -> None:
    assert len(text) <= 5000
    open_page(page, staff_server, PAGE, ready=".viw-assessment")
    fill_details(page, organisation="Gwasanaeth Ymwelwyr Annibynnol", respondent="Siân Llŷr")
    for item_id in ITEMS:
        block = item(page, item_id)
        for label in BOXES:
            block.get_by_label(label).fill(text)
        expect(block.locator(".viw-count").first).to_contain_text(f"{len(text):,} of 5,000 characters")
    rate_every_item(page)
    before = set(stored_submissions(staff_server))
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.locator(".viw-confirm")).to_contain_text("Check your answers before submitting")
    expect(page.locator(".viw-confirm")).to_contain_text("Siân Llŷr")
    page.get_by_role("button", name="Submit now").click()  # every item rated: one press to confirm
    expect(page.locator(".viw-status")).to_contain_text(f"Submitted: {len(ITEMS)} items saved", timeout=60_000)

    [new] = [rows for sid, rows in stored_submissions(staff_server).items() if sid not in before]
    assert len(new) == len(ITEMS) and {(r["evidence"], r["children_say"], r["action"]) for r in new} == {(text, text, text)}
    shown = page.locator(".viw-report").inner_text()
    assert squeezed(shown).count(squeezed(text)) >= len(ITEMS)  # every item's evidence, whole, on the page
    report_html = html.unescape(download(page, "Download the report (HTML)").decode("utf-8"))
    assert report_html.count(text) >= len(ITEMS) * 2
    pdf = PdfReader(io.BytesIO(download(page, "Download the report (PDF)")))
    assert len(pdf.pages) > 1  # running onto further pages
    # Every word of every box, letters in order, as often as it was typed (a PDF reader gives
    # table cells in drawing order, with page headers between, so words are what can be compared).
    extracted = " ".join(p.extract_text() for p in pdf.pages)
    pdf_words = Counter(extracted.split())
    typed = Counter(word for word in text.split() if any(letter.isalpha() for letter in word))
    assert "👍" in extracted  # colour emoji are pictures in a PDF: there, though not countable as words
    short = {word: (pdf_words[word], count * len(ITEMS) * len(BOXES)) for word, count in typed.items()
             if pdf_words[word] < count * len(ITEMS) * len(BOXES)}
    assert not short, f"words missing from the PDF (found, typed): {short}"


def test_two_tabs_on_one_draft_keep_both_answers_and_a_clash_is_told(browser: Browser, staff_server: VoilaServer) -> None:
    first_context, second_context = browser.new_context(), browser.new_context()
    first, second = first_context.new_page(), second_context.new_page()
    try:
        open_page(first, staff_server, PAGE, ready=".viw-assessment")
        fill_details(first, organisation="North IV", respondent="Zoë Ñúñez")
        code = first.locator(".viw-code").inner_text()
        open_page(second, staff_server, f"{PAGE}?code={code}", ready=".viw-assessment")
        expect(second.locator(".viw-status")).to_contain_text("Your saved work is back")
        item(first, ITEMS[0]).get_by_label(BOXES[0]).fill("Written in the first tab")
        expect(first.locator(".viw-autosave")).to_contain_text("Saved")
        item(second, ITEMS[1]).get_by_label(BOXES[0]).fill("Written in the second tab")
        item(second, ITEMS[1]).get_by_label("Not in place", exact=True).check()
        expect(second.locator(".viw-overall")).to_contain_text("1 of")
        expect(second.locator(".viw-status")).not_to_contain_text("changed in another window")
        item(first, ITEMS[2]).get_by_label(BOXES[0]).fill("The first tab wrote this")
        expect(first.locator(".viw-autosave")).to_contain_text("Saved")
        item(second, ITEMS[2]).get_by_label(BOXES[0]).fill("The second tab wrote this later")
        expect(second.locator(".viw-status")).to_contain_text("This draft was changed in another window")

        third = first_context.new_page()
        open_page(third, staff_server, f"{PAGE}?code={code}", ready=".viw-assessment")
        expect(item(third, ITEMS[0]).get_by_label(BOXES[0])).to_have_value("Written in the first tab")
        expect(item(third, ITEMS[1]).get_by_label(BOXES[0])).to_have_value("Written in the second tab")
        expect(item(third, ITEMS[1]).get_by_label("Not in place", exact=True)).to_be_checked()
        expect(item(third, ITEMS[2]).get_by_label(BOXES[0])).to_have_value("The second tab wrote this later")
    finally:
        first_context.close()
        second_context.close()


@pytest.fixture(scope="module")
def fragile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """A staff server whose results folder is a small disk of its own (tmpfs) that a test can
    fill, and whose kernels fail to make a report's PDF while a flag file exists."""
    disk = Path(tempfile.mkdtemp(prefix="viw-small-disk-"))
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("a tmpfs cannot be mounted here")
    flag = tmp_path_factory.mktemp("faults") / "fail-reports"
    server = VoilaServer("staff", disk, log_dir=tmp_path_factory.mktemp("logs"),
                         env={"VIW_TEST_REPORT_FAILS": str(flag), "PYTHONPATH": f"{FAULTS}{os.pathsep}{Path.cwd()}"})
    server.flag = flag  # type: ignore[attr-defined]
    server.start()
    server.wait_for_kernel_count(staff_pool_kernels(), timeout=120)
    try:
        yield server
    finally:
        server.stop()
        subprocess.run(["umount", "-l", str(disk)], check=False)
        shutil.rmtree(disk, ignore_errors=True)


def test_submit_pressed_three_times_and_a_retry_after_a_failed_report_store_one_submission(page: Page, fragile_server: VoilaServer) -> None:
    flag: Path = fragile_server.flag  # type: ignore[attr-defined]
    flag.touch()  # making the PDF will fail
    open_page(page, fragile_server, PAGE, ready=".viw-assessment")
    fill_details(page, organisation="Three Presses IV", respondent="Ann")
    rate_every_item(page)
    before = set(stored_submissions(fragile_server))
    submit = page.get_by_role("button", name="Submit", exact=True)
    submit.evaluate("button => { button.click(); button.click(); button.click(); }")  # three presses before any answer
    confirm = page.get_by_role("button", name="Submit now")
    expect(confirm).to_have_count(1)  # Submit only asks to check the answers, however often it is pressed
    expect(page.locator(".viw-confirm .viw-message")).to_be_focused()
    assert set(stored_submissions(fragile_server)) == before
    confirm.evaluate("button => { button.click(); button.click(); button.click(); }")  # its confirm, three times
    expect(page.locator(".viw-status")).to_contain_text("Your answers are stored, but the report could not be made")
    expect(page.locator(".viw-status")).not_to_contain_text("injected")
    assert len(set(stored_submissions(fragile_server)) - before) == 1
    flag.unlink()  # whatever broke the PDF is mended; the person tries again
    page.get_by_role("button", name="Make the report again").click()
    expect(page.get_by_text("Download the report (PDF)")).to_be_visible()
    new = set(stored_submissions(fragile_server)) - before
    assert len(new) == 1 and len(stored_submissions(fragile_server)[new.pop()]) == len(ITEMS)


def test_a_full_disk_leaves_the_page_usable_and_the_file_intact_and_the_retry_saves_once(page: Page, fragile_server: VoilaServer) -> None:
    open_page(page, fragile_server, PAGE, ready=".viw-assessment")
    fill_details(page, organisation="Full Disk IV", respondent="Raj")
    expect(page.locator(".viw-autosave")).to_contain_text("Saved")
    code = page.locator(".viw-code").inner_text()
    before = results_csv(fragile_server).read_bytes() if results_csv(fragile_server).exists() else b""
    filler = fill_the_disk(fragile_server.results_dir)
    try:
        for item_id in ITEMS:
            item(page, item_id).get_by_label(BOXES[0]).fill(CHARS_5000)
        expect(page.locator(".viw-status")).to_contain_text("could not be saved just now. It is still on this page")
        rate_every_item(page)
        submit = page.get_by_role("button", name="Submit", exact=True)
        submit_and_confirm(page)
        expect(page.locator(".viw-status")).to_contain_text("were not saved")
        expect(submit).to_be_enabled()  # usable: nothing is stuck
        expect(item(page, ITEMS[0]).get_by_label(BOXES[0])).to_have_value(CHARS_5000)  # nothing cut or lost
        assert (results_csv(fragile_server).read_bytes() if results_csv(fragile_server).exists() else b"") == before
    finally:
        filler.unlink()
    item(page, ITEMS[-1]).get_by_label(BOXES[1]).fill("Space again")  # the next change saves everything kept
    expect(page.locator(".viw-status")).to_contain_text("All your changes are saved now")
    submit.evaluate("button => { button.click(); button.click(); }")
    page.get_by_role("button", name="Submit now").evaluate("button => { button.click(); button.click(); }")
    expect(page.locator(".viw-status")).to_contain_text(f"Submitted: {len(ITEMS)} items saved", timeout=60_000)
    mine = [rows for rows in stored_submissions(fragile_server).values() if rows[0]["organisation"] == "Full Disk IV"]
    assert len(mine) == 1 and {r["evidence"] for r in mine[0]} == {CHARS_5000}
    assert results_csv(fragile_server).read_bytes().startswith(before)  # what was there before is intact
    again = page.context.new_page()
    open_page(again, fragile_server, f"{PAGE}?code={code}", ready=".viw-assessment")
    expect(again.locator(".viw-status")).to_contain_text("submitted on")
