"""Submitting: save the rows, then build the report and the two files a service keeps."""

from __future__ import annotations

import re
from dataclasses import dataclass

from widgets.assessment.model import Assessment
from widgets.assessment.report import Report, build_report
from widgets.assessment.report_html import report_html
from widgets.assessment.report_pdf import report_pdf
from widgets.results import ResultsStore, SavedSubmission, submission_csv


@dataclass(frozen=True)
class Submitted:
    saved: SavedSubmission
    report: Report
    csv: bytes
    html: str
    pdf: bytes
    file_stem: str  # e.g. iv-standard-4-north-iv-service-2026-11-23


def submit(assessment: Assessment, store: ResultsStore | None = None, draft: str | None = None,
           submission_id: str | None = None) -> Submitted:
    """Store the submission (once: a draft, or a submission id, already stored gives back what
    was stored) and prepare its report (HTML and PDF) and CSV. The report compares with the
    organisation's previous submission, found by an indexed lookup, not by reading the store."""
    store = store or ResultsStore()
    saved = store.save(assessment.submission(), submission_id=submission_id, draft=draft)
    first = saved.rows[0]
    previous = store.previous("assessment", first["instrument"], first["organisation"], before=saved.submitted_at)
    report = build_report(assessment.instrument, saved.rows, previous.rows if previous else None)
    organisation = re.sub(r"[^a-z0-9]+", "-", assessment.details["organisation"].lower()).strip("-")
    stem = "-".join(p for p in (assessment.instrument.id, organisation, saved.submitted_at[:10]) if p)
    return Submitted(saved, report, submission_csv(saved), report_html(report), report_pdf(report), stem)
