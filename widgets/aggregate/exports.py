"""Exports as small plugins behind one interface, chosen by name: ``exporter("xlsx")``.

Each exporter turns a Report into files (name, bytes, type). The dashboard offers them as
download links and the CLI writes them to its output folder; adding a format is one class
and one line in ``EXPORTERS``. The full results rows are optional (``with_results``): the
summaries alone take seconds whatever the size of the results. A long export says how far it
has got through ``progress``.

CSV files are UTF-8 with a byte order mark, so Excel opens them with accented names intact
(every results reader here, and pandas with encoding "utf-8-sig", reads past the mark). An Excel
sheet holds 1,048,576 rows: a longer table goes on as "results (2)" and so on, and the
workbook's "about" sheet says so.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Protocol

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell
from openpyxl.styles import Font

from widgets.aggregate.summaries import Report
from widgets.results.spreadsheet_safety import neutralise_column
from widgets.errors import Refused

EXCEL_MOST_ROWS = 1_048_575  # a sheet holds 1,048,576 rows including the header
PROGRESS_EVERY = 50_000  # rows between progress messages
Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    """No progress messages wanted."""


@dataclass(frozen=True)
class ExportFile:
    filename: str
    data: bytes
    mime: str


class Exporter(Protocol):
    name: str
    label: str

    def files(self, report: Report, with_results: bool = True, progress: Progress = _quiet) -> list[ExportFile]: ...


def text_columns(table: pd.DataFrame) -> list[str]:
    return [c for c in table.columns if pd.api.types.is_string_dtype(table[c]) or table[c].dtype == object]


def for_export(table: pd.DataFrame) -> pd.DataFrame:
    """Dates as ISO text in UTC, numbers as they are, so files read the same anywhere."""
    table = table.copy()
    for column in table.columns:
        if isinstance(table[column].dtype, pd.DatetimeTZDtype):
            table[column] = table[column].dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return table


class CsvExporter:
    """One CSV per table; free text that a spreadsheet could run as a formula is neutralised
    (the same rule as the results store, so the results file reads back unchanged)."""

    name = "csv"
    label = "CSV files (one per table)"

    def files(self, report: Report, with_results: bool = True, progress: Progress = _quiet) -> list[ExportFile]:
        files = []
        for name, table in report.tables(with_results).items():
            if len(table) >= PROGRESS_EVERY:
                progress(f"Writing {name}.csv ({len(table):,} rows)...")
            files.append(ExportFile(f"{name}.csv", csv_bytes(table), "text/csv"))
        return files


def csv_bytes(table: pd.DataFrame) -> bytes:
    """The table as CSV, UTF-8 with a byte order mark (for Excel), CRLF line ends."""
    table = for_export(table)
    for column in text_columns(table):
        table[column] = neutralise_column(table[column].fillna("").astype(str))
    return table.to_csv(index=False, lineterminator="\r\n", float_format="%g").encode("utf-8-sig")


class XlsxExporter:
    """One Excel workbook, a sheet per table. Text is stored as text (never as a formula)."""

    name = "xlsx"
    label = "Excel workbook (all tables)"

    def files(self, report: Report, with_results: bool = True, progress: Progress = _quiet) -> list[ExportFile]:
        workbook = Workbook(write_only=True)
        about = workbook.create_sheet("about")
        about.append(["Voice & Influence Workbook: trainer report"])
        about.append(["made", datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")])
        about.append(["filters", report.filters.describe()])
        if not with_results:
            about.append(["results", "the results rows are not in this workbook: ask for them to have them"])
        for name, table in report.tables(with_results).items():
            sheets = max(1, -(-len(table) // EXCEL_MOST_ROWS))
            if sheets > 1:
                about.append([name, f"{len(table):,} rows: more than a sheet holds, so they run on over {sheets} sheets, "
                                    f"'{name}' to '{_sheet_name(name, sheets)}'"])
            for number in range(sheets):
                part = table.iloc[number * EXCEL_MOST_ROWS:(number + 1) * EXCEL_MOST_ROWS]
                _write_sheet(workbook.create_sheet(_sheet_name(name, number + 1)), part, progress, len(table) >= PROGRESS_EVERY)
        if with_results:
            progress("Packing the workbook...")
        buffer = io.BytesIO()
        workbook.save(buffer)
        return [ExportFile("trainer-report.xlsx", buffer.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]


def _sheet_name(name: str, number: int) -> str:
    """'results', then 'results (2)', ...: at most 31 characters, as Excel allows."""
    suffix = "" if number == 1 else f" ({number})"
    return name[:31 - len(suffix)] + suffix


def _write_sheet(sheet: Any, table: pd.DataFrame, progress: Progress, long: bool) -> None:
    """A bold header, then the rows; text is cleaned a column at a time (far quicker than a
    cell at a time), and text that starts with '=' is stored as text, never as a formula."""
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(sheet, value=str(column))
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    columns = [_column_values(sheet, values) for _, values in for_export(table).items()]
    for number, row in enumerate(zip(*columns), start=1):
        sheet.append(row)
        if long and number % PROGRESS_EVERY == 0:
            progress(f"{sheet.title}: {number:,} of {len(table):,} rows written...")


def _column_values(sheet: Any, values: pd.Series) -> list[Any]:
    """One column's cells: None for a missing value, numbers as Python numbers, text as text."""
    if not (pd.api.types.is_string_dtype(values) or values.dtype == object):
        return [None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in values.tolist()]
    text = values.astype(object).where(values.notna(), None)
    cleaned = [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in text.tolist()]
    return [_formula_safe(sheet, v) if isinstance(v, str) and v.startswith("=") else v for v in cleaned]


def _formula_safe(sheet: Any, value: str) -> Any:
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # openpyxl would store "=..." as a formula
    return cell


class PngExporter:
    """Each chart as a PNG picture."""

    name = "png"
    label = "Charts (PNG pictures)"

    def files(self, report: Report, with_results: bool = True, progress: Progress = _quiet) -> list[ExportFile]:
        """One picture per chart page (and per instrument, for heatmaps): nothing left out."""
        return [ExportFile(f"{name}{suffix}.png", png, "image/png")
                for name, summary in report.summaries.items() for suffix, png in summary.pngs()]


EXPORTERS: dict[str, Exporter] = {e.name: e for e in (CsvExporter(), XlsxExporter(), PngExporter())}


def exporter(name: str) -> Exporter:
    """The exporter called ``name``; a ValueError lists the names there are."""
    try:
        return EXPORTERS[name]
    except KeyError:
        raise Refused(f"There is no '{name}' export: choose from {', '.join(EXPORTERS)}.") from None
