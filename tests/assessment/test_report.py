"""Report figures from stored rows: section scores, strengths and gaps, the action plan, change."""

from __future__ import annotations

import base64
import io
import re
import struct
from dataclasses import replace

from pypdf import PdfReader

from tests.assessment.helpers import small_instrument
from tests.assessment.test_model import filled
from widgets.assessment.report import build_report, section_scores
from widgets.assessment.report_chart import chart_alt_text, section_chart_png
from widgets.assessment.report_html import report_html
from widgets.assessment.report_pdf import report_pdf
from widgets.results import ResultsStore, read_results, save_submission

SCRIPT = "<img src=x onerror=alert(1)>"


def saved_rows(assessment, store: ResultsStore):
    return save_submission(assessment.submission(), store).rows


def previous(store: ResultsStore, rows):
    """The rows the report compares with, found as submitting finds them."""
    found = store.previous("assessment", rows[0]["instrument"], rows[0]["organisation"], before=rows[0]["submitted_at"])
    return found.rows if found else None


def test_section_scores_count_only_rated_items() -> None:
    one, two = section_scores(small_instrument(), {"a": 3, "b": None, "c": 0, "d": 2})
    assert (one.answered, one.total, one.score, one.max_score, one.percent) == (1, 2, 3, 3, 100)
    assert (two.answered, two.total, two.score, two.max_score, two.percent) == (2, 2, 2, 6, 33)
    empty = section_scores(small_instrument(), {})[0]
    assert empty.percent is None


def test_report_figures_strengths_gaps_and_blanks(store: ResultsStore) -> None:
    assessment = filled()
    assessment.set_answer("d", "rating", 2)
    report = build_report(assessment.instrument, saved_rows(assessment, store))
    assert [(s.title, s.percent) for s in report.sections] == [("Section one", 100), ("Section two", 33)]
    assert (report.overall.score, report.overall.max_score, report.overall.percent) == (5, 9, 56)
    assert [(n.item_id, n.level, n.evidence) for n in report.strengths] == [("a", "Effective", "Panel minutes")]
    assert [(n.item_id, n.level) for n in report.gaps] == [("c", "Not in place")]  # d (2 of 3) is neither
    assert [n.item_id for n in report.not_rated] == ["b"]
    assert report.previous is None
    assert (report.organisation, report.respondent) == ("North IV", "Ann")


def test_action_plan_is_sorted_by_due_date_with_undated_last(store: ResultsStore) -> None:
    assessment = filled()
    for item_id, action, due in (("a", "Later", "2027-09-01"), ("b", "No date", ""), ("d", "Soonest", "2027-01-15")):
        assessment.set_answer(item_id, "action", action)
        assessment.set_answer(item_id, "action_due", due)
    report = build_report(assessment.instrument, saved_rows(assessment, store))
    assert [(a.action, a.due) for a in report.actions] == [
        ("Soonest", "2027-01-15"), ("Ask the group", "2027-03-31"), ("Later", "2027-09-01"), ("No date", ""),
    ]


def test_change_is_measured_against_the_same_organisations_latest_earlier_submission(store: ResultsStore) -> None:
    first = filled()  # section one 100%, section two 0% (c rated 0)
    saved_rows(first, store)
    other = filled()
    other.set_detail("organisation", "South IV")
    other.set_answer("c", "rating", 3)
    saved_rows(other, store)  # another organisation: never compared
    middle = filled()
    middle.set_detail("organisation", "  north   iv ")  # same organisation, typed differently
    middle.set_answer("c", "rating", 1)
    saved_rows(middle, store)  # section two 33%
    latest = filled()
    latest.set_answer("c", "rating", 2)
    latest.set_answer("b", "rating", 1)
    rows = saved_rows(latest, store)
    report = build_report(latest.instrument, rows, previous(store, rows))
    assert report.previous is not None
    assert [(c.title, c.before, c.now, c.difference) for c in report.previous.changes] == [
        ("Section one", 100, 67, -33),
        ("Section two", 33, 67, 34),
        ("All sections", 67, 67, 0),
    ]


def test_the_first_submission_has_no_change(store: ResultsStore) -> None:
    rows = saved_rows(filled(), store)
    assert build_report(small_instrument(), rows, previous(store, rows)).previous is None


def test_typed_html_is_shown_as_text_in_the_report(store: ResultsStore) -> None:
    assessment = filled()
    for part in ("evidence", "children_say", "action", "action_owner"):
        assessment.set_answer("a", part, SCRIPT)
    assessment.set_detail("organisation", SCRIPT)
    page = report_html(build_report(assessment.instrument, saved_rows(assessment, store)))
    assert "<img src=x" not in page
    assert page.count("&lt;img src=x onerror=alert(1)&gt;") >= 5
    assert page.startswith("<!DOCTYPE html>")


def test_chart_is_a_png_described_in_words() -> None:
    sections = section_scores(small_instrument(), {"a": 3, "c": 1})
    assert section_chart_png(sections).startswith(b"\x89PNG")
    text = chart_alt_text(sections)
    assert "Section one: 100% (1 of 2 rated)" in text and "Section two: 33% (1 of 2 rated)" in text
    assert "not rated" in chart_alt_text([replace(sections[0], answered=0, score=0, max_score=0)])


def test_the_html_report_embeds_the_chart_as_a_png_of_the_size_drawn(store: ResultsStore) -> None:
    report = build_report(small_instrument(), saved_rows(filled(), store))
    source = re.search(r"<img src='data:image/png;base64,([^']*)'", report_html(report)).group(1)
    png = base64.b64decode(source, validate=True)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk comes first
    inches = (7, 0.6 * len(report.sections) + 1.2)  # the chart's figsize, drawn at 100 dpi
    assert (width, height) == (round(inches[0] * 100), round(inches[1] * 100))


def test_the_pdf_report_holds_the_same_figures_and_typed_text_as_text(store: ResultsStore) -> None:
    assessment = filled()
    assessment.set_answer("a", "evidence", f"{SCRIPT} “curly” **stars**")
    report = build_report(assessment.instrument, saved_rows(assessment, store))
    data = report_pdf(report)
    assert data.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    for expected in ("Report: Small check", "Section one 1 of 2 3 of 3 100%", "Strengths", "Gaps",
                     "Item C Ask the group 2027-03-31", "All answers", f"{SCRIPT} “curly” **stars**"):
        assert expected in text, expected


def test_an_action_due_before_the_report_is_made_is_marked_overdue_in_words(store: ResultsStore) -> None:
    import datetime

    assessment = filled()  # item c: "Ask the group" by 2027-03-31
    assessment.set_answer("a", "action", "Already late")
    assessment.set_answer("a", "action_due", datetime.date(2026, 1, 5))
    report = build_report(assessment.instrument, saved_rows(assessment, store), today=datetime.date(2026, 12, 1))
    assert [(a.action, a.overdue) for a in report.actions] == [("Already late", True), ("Ask the group", False)]
    page = report_html(report)
    assert "2026-01-05 (overdue)" in page and "2027-03-31 (overdue)" not in page
