"""The results CSV as bytes: the one encoding of the documented format, used for results.csv,
exports and per-submission downloads. Free text is neutralised for spreadsheets."""

from __future__ import annotations

import csv
import io
from typing import Iterable, Mapping

from widgets.results.columns import COLUMNS, FIXED_FORMAT_COLUMNS
from widgets.results.spreadsheet_safety import neutralise


def encode_header() -> bytes:
    return (",".join(COLUMNS) + "\r\n").encode("utf-8")


def encode_rows(rows: Iterable[Mapping[str, str]]) -> bytes:
    """Rows as CSV bytes (RFC 4180 line ends: a lone \\r in text gets quoted)."""
    return encode_tuples(tuple(row[c] for c in COLUMNS) for row in rows)


def encode_tuples(rows: Iterable[tuple[str, ...]]) -> bytes:
    """Rows given as tuples in column order (as a database cursor returns them)."""
    fixed = [c in FIXED_FORMAT_COLUMNS for c in COLUMNS]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([value if keep else neutralise(value) for value, keep in zip(row, fixed)])
    return buffer.getvalue().encode("utf-8")
