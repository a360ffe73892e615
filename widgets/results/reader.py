"""Read results CSV files back for aggregation, validating every row.

Bad rows are reported with file, line and reason, and skipped; good rows are all kept; a row
seen before (same submission_id and item_id, e.g. a file sent in twice) is counted once.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from widgets.results.columns import COLUMNS, OPTIONAL_COLUMNS, REQUIRED_COLUMNS, TEXT_COLUMNS
from widgets.results.spreadsheet_safety import restore_column
from widgets.results.validation import parse_columns, row_problems

KEY = ["submission_id", "item_id"]


@dataclass
class FileReport:
    """What happened to one file: how many rows were kept, which were refused and why."""

    name: str
    accepted: int = 0
    duplicates: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)
    error: str = ""  # the whole file could not be read

    @property
    def ok(self) -> bool:
        return not self.error and not self.rejected

    def summary(self) -> str:
        if self.error:
            return f"{self.name}: not loaded - {self.error}"
        text = f"{self.name}: {self.accepted} rows accepted"
        if self.rejected:
            text += f", {len(self.rejected)} rejected"
        if self.duplicates:
            text += f", {self.duplicates} duplicates skipped"
        return text


@dataclass
class ReadResult:
    """All good rows from every file (typed), plus one report per file."""

    rows: pd.DataFrame
    reports: list[FileReport]


def read_results(sources: list[tuple[str, bytes | Path | pd.DataFrame]], typed: bool = True) -> ReadResult:
    """Read (name, content) pairs in order; content is a path, the bytes of an upload, or rows
    from the store (``ResultsStore.rows``: valid by construction, so only typed here).

    One bad file never stops the others loading. ``typed=False`` keeps times and scores as the
    text the files hold (for importing them as they are).
    """
    frames: list[pd.DataFrame] = []
    reports: list[FileReport] = []
    seen = pd.Index([])
    for name, content in sources:
        report = FileReport(name)
        reports.append(report)
        try:
            if isinstance(content, pd.DataFrame):
                frame = _from_store(content, typed)
            else:
                frame = _read_one(content.read_bytes() if isinstance(content, Path) else content, report, typed)
        except (OSError, ValueError) as error:
            report.error = str(error)
            continue
        keys = pd.MultiIndex.from_frame(frame[KEY]) if len(frame) else pd.MultiIndex.from_tuples([], names=KEY)
        repeated = keys.duplicated() | keys.isin(seen)
        report.duplicates = int(repeated.sum())
        frame = frame[~repeated]
        report.accepted = len(frame)
        seen = seen.append(keys[~repeated]) if len(seen) else keys[~repeated]
        frames.append(frame)
    rows = pd.concat(frames, ignore_index=True) if frames else empty_results()
    return ReadResult(rows=rows.reset_index(drop=True), reports=reports)


def empty_results() -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype=object) for column in COLUMNS})


def _from_store(rows: pd.DataFrame, typed: bool) -> pd.DataFrame:
    rows = rows.set_axis(pd.RangeIndex(1, len(rows) + 1, name="line"))
    return rows.assign(**parse_columns(rows)) if typed else rows


def _read_one(data: bytes, report: FileReport, typed: bool = True) -> pd.DataFrame:
    """Parse one file, number its rows by the line they start on, and drop the bad ones."""
    try:
        frame = pd.read_csv(io.BytesIO(data), engine="pyarrow", dtype="str", keep_default_na=False, na_values=[])
        lines = _line_numbers(data, frame)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, _LinesDoNotAddUp):
        # A row of the wrong width, a blank line or odd text: read row by row, naming each line.
        frame, lines = _read_row_by_row(data, report)
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"it is not a results file: the header lacks {', '.join(missing)}")
    frame.index = pd.Index(lines, name="line")
    blank = (frame == "").all(axis=1)
    frame = frame[~blank.to_numpy()]
    if len(frame) and not data.endswith((b"\n", b"\r")):
        # The last row has no line end: its writer stopped mid-row, so it may be cut short.
        report.rejected.append((int(frame.index[-1]), "incomplete row at the end of the file (was the writer stopped?)"))
        frame = frame.iloc[:-1]
    for column in OPTIONAL_COLUMNS:
        if column not in frame:
            frame[column] = ""
    frame = frame[list(COLUMNS)]
    parsed = parse_columns(frame)
    reasons = row_problems(frame, parsed)
    bad = (reasons != "").to_numpy()
    report.rejected.extend(zip(frame.index[bad].tolist(), reasons[bad].tolist()))
    report.rejected.sort()
    return _restored((frame.assign(**parsed) if typed else frame)[~bad])


class _LinesDoNotAddUp(Exception):
    """The rows do not account for every line (blank lines, say): use the exact path."""


def _line_numbers(data: bytes, frame: pd.DataFrame) -> np.ndarray:
    """The line each row starts on (the header is line 1), allowing for line breaks inside values."""
    first = np.arange(len(frame)) + 2
    line_ends = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    breaks = np.zeros(len(frame), dtype=np.int64)
    if line_ends != len(frame) + 1:
        for column in frame.columns:
            values = frame[column]
            if values.str.contains("\n", regex=False).any():
                breaks += values.str.count("\n").to_numpy(dtype=np.int64)
        if line_ends != len(frame) + 1 + int(breaks.sum()):
            raise _LinesDoNotAddUp()
    return first + np.concatenate(([0], np.cumsum(breaks)[:-1])) if len(frame) else first


def _read_row_by_row(data: bytes, report: FileReport) -> tuple[pd.DataFrame, list[int]]:
    """The exact (slower) path for a file with malformed rows: report each by its line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError("the file is not UTF-8 text (save it as 'CSV UTF-8')") from error
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        raise ValueError("the file is empty")
    records: list[list[str]] = []
    lines: list[int] = []
    start = 2
    for record in reader:
        if len(record) > len(header):
            report.rejected.append((start, f"expected {len(header)} values, found {len(record)}"))
        elif record:
            records.append(record + [""] * (len(header) - len(record)))
            lines.append(start)
        start = reader.line_num + 1
    return pd.DataFrame(records, columns=header, dtype="str"), lines


def _restored(rows: pd.DataFrame) -> pd.DataFrame:
    """The text people typed, with the spreadsheet guard of files undone (the store keeps text
    unguarded, so its rows never come through here)."""
    return rows.assign(**{column: restore_column(rows[column]) for column in TEXT_COLUMNS})
