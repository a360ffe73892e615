"""Export plugins: chosen by name, and the results CSV they write reads back unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.aggregate import known_results as known
from widgets.aggregate import Labels, build_report
from widgets.aggregate.exports import EXPORTERS, exporter
from widgets.results import read_results


def test_exporters_are_chosen_by_name_and_an_unknown_name_is_explained() -> None:
    assert set(EXPORTERS) == {"csv", "xlsx", "png"}
    assert exporter("xlsx").name == "xlsx"
    with pytest.raises(ValueError, match="There is no 'pdf' export: choose from csv, xlsx, png"):
        exporter("pdf")


def test_the_filtered_results_csv_is_in_the_results_format_and_reads_back_unchanged(tmp_path: Path) -> None:
    original = read_results([("service-b.csv", known.service_b())])
    report = build_report(original, Labels.from_content(known.content(tmp_path)))
    files = {f.filename: f for f in exporter("csv").files(report)}
    exported = files["results.csv"]
    assert exported.mime == "text/csv"
    assert b"'=HYPERLINK(" in exported.data  # neutralised on the way out ...
    again = read_results([("exported.csv", exported.data)])
    assert again.reports[0].ok and again.reports[0].accepted == 8
    # ... and restored on the way back in, like every results file.
    assert again.rows.equals(original.rows)


def test_the_excel_workbook_is_written_with_lxml() -> None:
    """Without lxml openpyxl writes cells in pure Python: the CLI on 1,000,000 rows took 2 s
    longer (bench, 2026-12-02), so lxml is a dependency and this keeps it installed."""
    import openpyxl

    assert openpyxl.LXML, "lxml is not installed: the Excel export falls back to openpyxl's slow writer"
