"""Submitting: store the rows (once), then make the report and the files a service keeps.

The two steps are apart on purpose: the rows are stored whatever happens to the report, and a
report that could not be made (a PDF library failing, say) can be made again later from the
stored rows, without storing anything twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from widgets.assessment.model import Assessment
from widgets.assessment.report import Report, build_report
from widgets.assessment.report_html import report_html
from widgets.assessment.report_pdf import report_pdf
from widgets.content.instrument import Instrument

if TYPE_CHECKING:  # the store loads on the first submit, not with the page
    from widgets.results import SavedSubmission
    from widgets.results.service_client import PageStore


@dataclass(frozen=True)
class Submitted:
    saved: SavedSubmission
    report: Report
    csv: bytes
    html: str
    pdf: bytes
    file_stem: str  # e.g. iv-standard-4-north-iv-service-2026-11-23


def store_submission(assessment: Assessment, store: PageStore, draft: str | None = None,
                     submission_id: str | None = None) -> SavedSubmission:
    """Store the submission once: a draft, or a submission id, already stored gives back what
    was stored (a second press of Submit, a retry after an error, a reopened draft)."""
    return store.save(assessment.submission(), submission_id=submission_id, draft=draft)


def report_files(instrument: Instrument, saved: SavedSubmission, store: PageStore, previous_round: str = "") -> Submitted:
    """The report (HTML and PDF) and CSV of a stored submission, compared with the round before
    it where the rule allows (``previous_round.round_before``), by indexed lookups only."""
    first = saved.rows[0]
    from widgets.assessment.previous_round import round_before  # with the results service's client

    previous, note = round_before(store, saved, previous_round)
    report = build_report(instrument, saved.rows, previous.rows if previous else None, comparison_note=note)
    organisation = re.sub(r"[^a-z0-9]+", "-", first["organisation"].lower()).strip("-")
    stem = "-".join(p for p in (instrument.id, organisation, saved.submitted_at[:10]) if p)
    from widgets.results import submission_csv
    return Submitted(saved, report, submission_csv(saved), report_html(report), report_pdf(report), stem)


def submit(assessment: Assessment, store: PageStore | None = None, draft: str | None = None,
           submission_id: str | None = None) -> Submitted:
    """Both steps at once (for tools and tests; the page takes them one at a time)."""
    from widgets.results.service_client import page_store
    store = store or page_store()
    saved = store_submission(assessment, store, draft, submission_id)
    return report_files(assessment.instrument, saved, store, assessment.previous_round)
