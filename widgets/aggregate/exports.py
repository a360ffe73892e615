"""Exports as small plugins behind one interface, chosen by name: ``exporter("xlsx")``.

Each exporter turns a Report into files (name, bytes, type). The dashboard offers them as
download links and the CLI writes them to its output folder; adding a format is one class
and one line in ``EXPORTERS``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Protocol

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell
from openpyxl.styles import Font

from widgets.aggregate.summaries import Report
from widgets.results.spreadsheet_safety import neutralise_column
from widgets.errors import Refused

EXCEL_MOST_ROWS = 1_048_575  # a sheet holds 1,048,576 rows including the header


@dataclass(frozen=True)
class ExportFile:
    filename: str
    data: bytes
    mime: str


class Exporter(Protocol):
    name: str
    label: str

    def files(self, report: Report, with_results: bool = True) -> list[ExportFile]: ...


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

    def files(self, report: Report, with_results: bool = True) -> list[ExportFile]:
        return [ExportFile(f"{name}.csv", csv_bytes(table), "text/csv") for name, table in report.tables(with_results).items()]


def csv_bytes(table: pd.DataFrame) -> bytes:
    table = for_export(table)
    for column in text_columns(table):
        table[column] = neutralise_column(table[column].fillna("").astype(str))
    return table.to_csv(index=False, lineterminator="\r\n", float_format="%g").encode("utf-8")


class XlsxExporter:
    """One Excel workbook, a sheet per table. Text is stored as text (never as a formula)."""

    name = "xlsx"
    label = "Excel workbook (all tables)"

    def files(self, report: Report, with_results: bool = True) -> list[ExportFile]:
        workbook = Workbook(write_only=True)
        about = workbook.create_sheet("about")
        about.append(["Voice & Influence Workbook: trainer report"])
        about.append(["made", datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")])
        about.append(["filters", report.filters.describe()])
        for name, table in report.tables(with_results).items():
            sheet = workbook.create_sheet(name[:31])
            header = []
            for column in table.columns:
                cell = WriteOnlyCell(sheet, value=str(column))
                cell.font = Font(bold=True)
                header.append(cell)
            sheet.append(header)
            shown = for_export(table.head(EXCEL_MOST_ROWS))
            for row in shown.itertuples(index=False, name=None):
                sheet.append([_cell(sheet, value) for value in row])
            if len(table) > EXCEL_MOST_ROWS:
                about.append([name, f"only the first {EXCEL_MOST_ROWS} of {len(table)} rows fit in a sheet: use the CSV"])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return [ExportFile("trainer-report.xlsx", buffer.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]


def _cell(sheet: Any, value: Any) -> Any:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if not value.startswith("="):
            return value
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # openpyxl would store "=..." as a formula
        return cell
    return value.item() if hasattr(value, "item") else value


class PngExporter:
    """Each chart as a PNG picture."""

    name = "png"
    label = "Charts (PNG pictures)"

    def files(self, report: Report, with_results: bool = True) -> list[ExportFile]:
        charts = ((name, summary.png()) for name, summary in report.summaries.items())
        return [ExportFile(f"{name}.png", png, "image/png") for name, png in charts if png]


EXPORTERS: dict[str, Exporter] = {e.name: e for e in (CsvExporter(), XlsxExporter(), PngExporter())}


def exporter(name: str) -> Exporter:
    """The exporter called ``name``; a ValueError lists the names there are."""
    try:
        return EXPORTERS[name]
    except KeyError:
        raise Refused(f"There is no '{name}' export: choose from {', '.join(EXPORTERS)}.") from None
