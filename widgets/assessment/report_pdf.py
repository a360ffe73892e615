"""The report as a PDF: WeasyPrint's rendering of the HTML report file (report_html), with its
print CSS (A4 pages numbered "Page N of M", table rows that break across pages under repeated
column headings, long words wrapped, right-to-left boxes shaped and run right to left).

One template, so the PDF shows what the HTML shows. Typed text is drawn as text: a PDF has no
way to run it. WeasyPrint fetches nothing from the network or the disk: the only resource the
report has is the chart, a data: URL, and every other URL is refused.

WeasyPrint is imported when the first PDF is made, not when a page opens.
"""

from __future__ import annotations

from widgets.assessment.report import Report
from widgets.assessment.report_html import report_html


class ReportPdfError(RuntimeError):
    """The PDF report could not be made (the message says so plainly; the cause is chained)."""


def report_pdf(report: Report) -> bytes:
    try:
        return report_document(report).write_pdf()
    except Exception as error:
        raise ReportPdfError("The PDF report could not be made.") from error


def report_document(report: Report):
    """The report's pages as WeasyPrint lays them out (a ``weasyprint.Document``): report_pdf
    writes them; tests measure them."""
    from weasyprint import HTML

    return HTML(string=report_html(report, standalone=True), url_fetcher=data_only_fetcher()).render()


def data_only_fetcher():
    """WeasyPrint's URL fetcher, allowed data: URLs and nothing else (no http, no file)."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",))
