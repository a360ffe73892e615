"""Read results CSV files back for aggregation, validating every row.

Bad rows are reported with file, line and reason, and skipped; good rows are all kept; a row
seen before (same submission_id and item_id, e.g. a file sent in twice) is counted once. A file
that cannot be read as results at all (not UTF-8, a quote never closed, a value too long, no
rows) is reported with what to fix, and the other files still load: no input stops the batch.
"""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from widgets.results.columns import COLUMNS, MOST_VALUE_CHARS, OPTIONAL_COLUMNS, REQUIRED_COLUMNS, TEXT_COLUMNS
from widgets.results.spelling import one_spelling
from widgets.results.spreadsheet_safety import restore_column
from widgets.results.validation import parse_columns, row_problems

KEY = ["submission_id", "item_id"]
LINE_ENDS = (b"\n", b"\r")
INCOMPLETE_ROW = "incomplete row at the end of the file (was the writer stopped?)"
log = logging.getLogger(__name__)


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

    One bad file never stops the others loading. Each organisation and team is shown under one
    spelling (``spelling.one_spelling``). ``typed=False`` keeps times and scores as the text the
    files hold (for importing them as they are).
    """
    frames: list[pd.DataFrame] = []
    reports: list[FileReport] = []
    seen = pd.Index([])
    for name, content in sources:
        report = FileReport(name)
        reports.append(report)
        frame = _from_store(content, typed) if isinstance(content, pd.DataFrame) else _read_file(content, report, typed)
        if frame is None:
            continue
        keys = pd.MultiIndex.from_frame(frame[KEY]) if len(frame) else pd.MultiIndex.from_tuples([], names=KEY)
        repeated = keys.duplicated() | keys.isin(seen)
        report.duplicates = int(repeated.sum())
        frame = frame[~repeated]
        report.accepted = len(frame)
        seen = seen.append(keys[~repeated]) if len(seen) else keys[~repeated]
        frames.append(frame)
    rows = pd.concat(frames, ignore_index=True) if frames else empty_results()
    rows = rows.reset_index(drop=True)
    return ReadResult(rows=one_spelling(rows) if typed else rows, reports=reports)


def empty_results() -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype=object) for column in COLUMNS})


def _from_store(rows: pd.DataFrame, typed: bool) -> pd.DataFrame:
    rows = rows.set_axis(pd.RangeIndex(1, len(rows) + 1, name="line"))
    return rows.assign(**parse_columns(rows)) if typed else rows


class _FileProblem(Exception):
    """The whole file cannot be used; the message tells a person what to fix."""


def _read_file(content: bytes | Path, report: FileReport, typed: bool) -> pd.DataFrame | None:
    """One file's good rows, or None with ``report.error`` saying why the file is not loaded."""
    try:
        data = content.read_bytes() if isinstance(content, Path) else content
        return _read_one(data, report, typed)
    except _FileProblem as problem:
        report.error = str(problem)
    except OSError:
        report.error = "the file could not be opened: check that it is there and may be read"
    except Exception:  # noqa: BLE001 - the last resort: one file must never stop the others
        log.exception("Reading the results file %s failed", report.name)
        report.error = "the file could not be read (the details are in the log)"
    report.rejected.clear()  # rows of a file not loaded are not counted, not even as rejected
    return None


def _read_one(data: bytes, report: FileReport, typed: bool = True) -> pd.DataFrame:
    """Parse one file, number its rows by the line they start on, and drop the bad ones."""
    try:
        if data.count(b'"') % 2:  # a quote may be left open, which the fast parser lets run to the end
            raise _NeedsExactPath()
        frame = pd.read_csv(io.BytesIO(data), engine="pyarrow", dtype="str", keep_default_na=False, na_values=[])
        lines: np.ndarray | list[int] = _line_numbers(data, frame)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, _NeedsExactPath):
        # A row of the wrong width, a blank line or odd text: read row by row, naming each line.
        frame, lines = _read_row_by_row(data, report)
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise _FileProblem(f"it is not a results file: the header lacks {', '.join(missing)}")
    frame.index = pd.Index(lines, name="line")
    blank = (frame == "").all(axis=1)
    frame = frame[~blank.to_numpy()]
    if not len(frame) and not report.rejected:
        raise _FileProblem("the file has a header but no rows")
    if len(data) > MOST_VALUE_CHARS:  # a shorter file cannot hold a value that long
        _refuse_long_values(frame)
    last_is_kept = len(frame) > 0 and (not report.rejected or frame.index[-1] > report.rejected[-1][0])
    if last_is_kept and not data.endswith(LINE_ENDS):
        # The last row has no line end: its writer stopped mid-row, so it may be cut short.
        report.rejected.append((int(frame.index[-1]), INCOMPLETE_ROW))
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


class _NeedsExactPath(Exception):
    """The fast parser cannot vouch for this file (rows that do not account for every line, a
    quote maybe left open): read it row by row."""


def _refuse_long_values(frame: pd.DataFrame) -> None:
    """The fast parser takes values of any length: hold it to the format's limit, as csv is."""
    too_long = np.zeros(len(frame), dtype=bool)
    for column in frame.columns:
        too_long |= (frame[column].str.len() > MOST_VALUE_CHARS).to_numpy()
    if too_long.any():
        raise _FileProblem(_too_long(int(frame.index[too_long.argmax()])))


def _too_long(line: int) -> str:
    return f"a value on line {line} is longer than {MOST_VALUE_CHARS:,} characters, the most the results format allows"


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
            raise _NeedsExactPath()
    return first + np.concatenate(([0], np.cumsum(breaks)[:-1])) if len(frame) else first


def _read_row_by_row(data: bytes, report: FileReport) -> tuple[pd.DataFrame, list[int]]:
    """The exact (slower) path for a file with malformed rows: report each by its line, or
    refuse the whole file, naming the line, where it is not CSV text at all."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise _FileProblem(f"the file is not UTF-8 text (see line {line}): save it as 'CSV UTF-8'") from None
    # The limit is the whole process's: raise it to what the format allows, never lower it.
    csv.field_size_limit(max(csv.field_size_limit(), MOST_VALUE_CHARS))
    # Strict: a quote never closed is an error, not the rest of the file taken as one value.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise _FileProblem("the file is empty") from None
    except csv.Error as error:
        raise _FileProblem(_csv_problem(error, 1)) from None
    records: list[list[str]] = []
    lines: list[int] = []
    start = 2
    try:
        for record in reader:
            if len(record) > len(header):
                report.rejected.append((start, f"expected {len(header)} values, found {len(record)}"))
            elif record:
                records.append(record + [""] * (len(header) - len(record)))
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as error:
        writer_stopped = _open_at_the_end(error) and not data.endswith(LINE_ENDS)  # inside a quoted value
        if not writer_stopped:
            raise _FileProblem(_csv_problem(error, start)) from None
        report.rejected.append((start, INCOMPLETE_ROW))
    frame = pd.DataFrame(records, columns=header, dtype="str")
    return frame.loc[:, ~frame.columns.duplicated()], lines  # a repeated column: the first counts, as on the fast path


def _csv_problem(error: csv.Error, line: int) -> str:
    """The csv module's complaint about the row starting on ``line``, in words that say what to fix."""
    text = str(error)
    if "field larger than field limit" in text:
        return _too_long(line)
    if _open_at_the_end(error):
        return f"line {line} has a quote that is never closed"
    if "expected after" in text:
        return f"line {line} has text after a closing quote: a quote inside a value is written twice, with the value in quotes"
    return f"line {line} is not valid CSV"


def _open_at_the_end(error: csv.Error) -> bool:
    """Whether the file ended inside a quoted value."""
    return "unexpected end of data" in str(error)


def _restored(rows: pd.DataFrame) -> pd.DataFrame:
    """The text people typed, with the spreadsheet guard of files undone (the store keeps text
    unguarded, so its rows never come through here)."""
    return rows.assign(**{column: restore_column(rows[column]) for column in TEXT_COLUMNS})
