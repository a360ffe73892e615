"""Long text works everywhere: every box of every item filled to its limit with Welsh, Arabic
(right to left) and emoji makes a many-page PDF and an HTML file that hold all of it, in order.

The report is made once for the module (a PDF of ~35 pages takes a few seconds).
"""

from __future__ import annotations

import datetime
import io
import re
import subprocess
import sys
from collections import Counter
from html import escape
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.assessment.helpers import small_instrument
from tests.assessment.test_model import filled
from widgets.assessment.model import MAX_SHORT, MAX_TEXT, Assessment
from widgets.assessment.report import Report, build_report
from widgets.assessment.report_html import report_html, text_direction
from widgets.assessment.report_pdf import ReportPdfError, data_only_fetcher, report_document, report_pdf
from widgets.results import ResultsStore, save_submission

WELSH = "Dywedodd y plant fod y cyngor ieuenctid yn gwrando; ŵyr, ŷd, Siân a Llŷr"
ARABIC = "قال الأطفال إن المجلس استمع إليهم"
EMOJI = "👍🏽🎉"
# One word longer than any column is wide: it must wrap, not run off the page.
ADDRESS = "https://cyngor.example/" + "adroddiadplantaphoblifanc" * 6
WELSH_WORDS = re.findall(r"\w+", WELSH)
ARABIC_WORDS = ARABIC.split()


def long_text(limit: int = MAX_TEXT, arabic_first: bool = False, first_number: int = 1) -> str:
    """Exactly ``limit`` characters: numbered lines of Welsh, Arabic and emoji, and a long address."""
    first, second = (ARABIC, WELSH) if arabic_first else (WELSH, ARABIC)
    lines, number = [], first_number - 1
    while sum(map(len, lines)) < limit:
        number += 1
        lines.append(f"{number}. {first}. {second} {EMOJI}" + (f" {ADDRESS}" if len(lines) == 2 else "") + "\n")
    return "".join(lines)[:limit]


EVIDENCE = long_text()
CHILDREN_SAY = long_text(arabic_first=True)  # its box runs right to left
ACTION = long_text(first_number=101)
OWNER = long_text(MAX_SHORT)


def long_report(results: Path) -> Report:
    assessment = Assessment(small_instrument())
    assessment.set_detail("organisation", "North IV")
    assessment.set_detail("respondent", "Ann")
    for item_id, rating in zip("abcd", (3, None, 0, 2)):  # a strength, one left blank, a gap, neither
        assessment.set_answer(item_id, "rating", rating)
        assessment.set_answer(item_id, "participation_degree", "Child-initiated and directed")
        for part, text in (("evidence", EVIDENCE), ("children_say", CHILDREN_SAY), ("action", ACTION), ("action_owner", OWNER)):
            assessment.set_answer(item_id, part, text)
        assessment.set_answer(item_id, "action_due", datetime.date(2027, 3, 31))
    rows = save_submission(assessment.submission(), ResultsStore(results)).rows
    return build_report(assessment.instrument, rows)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return long_report(tmp_path_factory.mktemp("results"))


@pytest.fixture(scope="module")
def document(report: Report):
    """The report's pages as WeasyPrint laid them out: what report_pdf writes."""
    return report_document(report)


@pytest.fixture(scope="module")
def pdf(document) -> bytes:
    data = document.write_pdf()
    assert data.startswith(b"%PDF")
    return data


@pytest.fixture(scope="module")
def pages(pdf: bytes) -> list[str]:
    """The PDF's text, page by page, as pypdf reads it back."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def fonts(data: bytes) -> set[str]:
    """The names of the fonts a PDF draws with."""
    return {str(font.get_object()["/BaseFont"]) for page in PdfReader(io.BytesIO(data)).pages
            for font in page["/Resources"].get("/Font", {}).values()}


def words(text: str) -> list[str]:
    """The words of a text, letters only (a number next to a word in a right-to-left line is not part of it)."""
    return re.findall(r"[^\W\d_]+", text)


def without_page_furniture(pages: list[str]) -> str:
    """All pages' text with the footers and list bullets taken out and no whitespace at all:
    what is left of a box that runs over several pages reads on across the page breaks."""
    text = re.sub(r"Page \d+ of \d+|•", "", "".join(pages))
    return re.sub(r"\s+", "", text)


def test_the_helper_fills_every_box_to_its_limit() -> None:
    assert len(EVIDENCE) == len(CHILDREN_SAY) == len(ACTION) == MAX_TEXT and len(OWNER) == MAX_SHORT
    assert WELSH in EVIDENCE and ARABIC in EVIDENCE and EMOJI in EVIDENCE and ADDRESS in EVIDENCE
    assert text_direction(EVIDENCE) == "ltr" and text_direction(CHILDREN_SAY) == "rtl"


def test_long_text_makes_a_many_page_pdf_with_every_welsh_and_arabic_word_in_order(pages: list[str]) -> None:
    assert len(pages) >= 10
    found = Counter(words(" ".join(pages)))
    # Every box is shown once in the table of all answers, evidence and what children say once
    # more under strengths, left blank and gaps (items a, b and c), the action and owner once.
    shown = Counter()
    for typed, times in ((EVIDENCE, 4 + 3), (CHILDREN_SAY, 4 + 3), (ACTION, 4), (OWNER, 4)):
        for word in words(typed):
            shown[word] += times
    for word in ARABIC_WORDS:
        if len(word) > 2:
            assert word[::-1] not in found, f"{word} came out reversed"
    for word in WELSH_WORDS + ARABIC_WORDS:
        assert found[word] >= shown[word] > 0, word
    flat = " ".join(" ".join(pages).split())
    assert ARABIC in flat and WELSH in flat  # the words of each phrase in the order typed
    # The table rows that run over pages repeat their column headings on every page.
    flat_pages = [" ".join(page.split()) for page in pages]
    assert sum("Item Next action Who By when" in page for page in flat_pages) >= 3
    assert sum("Evidence What children and young people say" in page for page in flat_pages) >= 3


def test_the_pdf_holds_the_evidence_in_full(pages: list[str]) -> None:
    """Under strengths, left blank and gaps, a box is one block of text, which may run over pages.
    (In the table, and in a right-to-left box, pypdf reads the cells and the runs of a line in
    the order they are drawn, so those are checked word by word above.)"""
    assert re.sub(r"\s+", "", EVIDENCE) in without_page_furniture(pages)


def test_nothing_is_drawn_outside_the_page_margins(document) -> None:
    """Long words and addresses wrap inside their cells: no line of text runs past the margin.
    (WeasyPrint's box tree, Page._page_box, is not public API: if it moves, follow it.)"""
    from weasyprint.formatting_structure.boxes import MarginBox, TextBox

    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        left = page_box.content_box_x()
        right = left + page_box.width
        for child in page_box.children:
            if isinstance(child, MarginBox):
                continue  # the footer, in the margin by design
            for box in child.descendants():
                if isinstance(box, TextBox):
                    assert left - 0.5 <= box.position_x and box.position_x + box.width <= right + 0.5, (
                        f"page {number}: {box.text[:40]!r} runs from {box.position_x:.0f} to "
                        f"{box.position_x + box.width:.0f}, the margins are {left:.0f} and {right:.0f}")


def test_emoji_have_a_font_and_digits_never_take_the_emoji_font(pdf: bytes, store: ResultsStore) -> None:
    assert any("Emoji" in name for name in fonts(pdf)), (
        "no emoji font: the emoji would be empty boxes (install fonts-noto-color-emoji; make test does)")
    plain = filled()  # no emoji typed; digits alone in cells: 100%, 2027-03-31, the page numbers
    report = build_report(plain.instrument, save_submission(plain.submission(), store).rows)
    assert not any("Emoji" in name for name in fonts(report_pdf(report)))


def test_every_pdf_page_is_numbered_page_n_of_m(pages: list[str]) -> None:
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page


def test_the_html_report_holds_every_character_escaped_and_marks_the_direction(report: Report) -> None:
    page = report_html(report)
    for typed in (EVIDENCE, CHILDREN_SAY, ACTION, OWNER):
        assert escape(typed) in page
    assert page.count(escape(EVIDENCE)) == 3 + 4  # under strengths, left blank and gaps (a, b, c), and in the table
    assert f"<td dir='auto' class='viw-rtl'>{escape(CHILDREN_SAY)}</td>" in page
    assert f"<td dir='auto'>{escape(EVIDENCE)}</td>" in page
    assert "<thead>" in page and "@page" in page and "counter(pages)" in page
    # A row of a few lines is kept on one page; a row of long boxes may break across pages.
    assert "<tr class='viw-keep'><td dir='auto'>Section one</td>" in page
    assert "<tr><td dir='auto'>Item A</td>" in page and "<tr class='viw-keep'><td dir='auto'>Item A</td>" not in page


@pytest.mark.parametrize(
    ("text", "direction"),
    [("قال", "rtl"), ("3. قال Siân", "rtl"), ("👍🏽 شكرا", "rtl"), ("Siân قال", "ltr"), ("", "ltr"), ("42 - 👍", "ltr")],
)
def test_a_box_runs_the_way_its_first_letter_does(text: str, direction: str) -> None:
    assert text_direction(text) == direction


def test_the_pdf_fetches_only_data_urls() -> None:
    fetcher = data_only_fetcher()
    for url in ("http://127.0.0.1:9/chart.png", "https://example.org/font.woff", "file:///etc/hostname"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"


def test_a_pdf_that_cannot_be_made_raises_a_plain_message(report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint

    def broken(*args, **kwargs):
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(weasyprint, "HTML", broken)
    with pytest.raises(ReportPdfError, match=r"^The PDF report could not be made\.$"):
        report_pdf(report)


def test_weasyprint_is_loaded_only_when_a_pdf_is_made() -> None:
    code = "import sys, widgets.assessment.submit; print('weasyprint' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
