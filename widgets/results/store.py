"""Append submissions to results.csv safely while many Voila kernels write at once.

Each append happens under a file lock (``filelock``, a separate .lock file), writes whole rows
in one go, then flushes and fsyncs. A small marker file records how many bytes are known to be
complete; if a writer was killed mid-write, the next writer moves the unfinished tail aside
(to ``results.csv.incomplete-<time>``, so nothing is thrown away) before appending, so every
complete row stays readable and no new row is glued to a broken one.
"""

from __future__ import annotations

import csv
import io
import os
import uuid
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
from filelock import FileLock

from widgets.results.columns import COLUMNS, FIXED_FORMAT_COLUMNS, SCHEMA_VERSION
from widgets.results.sharing import PRIVATE_FILE, file_mode, make_folder, share_file
from widgets.results.spreadsheet_safety import neutralise
from widgets.results.submission import ItemResponse, Submission
from widgets.results.validation import row_problems
from widgets.settings import results_dir

LOCK_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class SavedSubmission:
    """What was written: the id people can quote (e.g. on a certificate) and the rows."""

    submission_id: str
    submitted_at: str
    rows: tuple[dict[str, str], ...]


class ResultsStore:
    """The results.csv file in one folder."""

    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder or results_dir())
        make_folder(self.folder)
        self.path = self.folder / "results.csv"
        # The mode only applies to a lock file this process creates (shared folder: group-writable).
        self._lock = FileLock(str(self.folder / ".results.csv.lock"), timeout=LOCK_TIMEOUT_SECONDS,
                              mode=file_mode(self.folder))
        self._marker = self.folder / ".results.csv.complete-bytes"

    def append(self, rows: list[dict[str, str]]) -> None:
        """Write rows (already validated) after the last complete row, with one header per file."""
        body = encode_rows(rows)
        with self._lock:
            new = not self.path.exists()
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
            try:
                if new:
                    share_file(fd, self.folder)
                size = self._drop_incomplete_tail(fd)
                data = (encode_header() if size == 0 else b"") + body
                written = 0
                while written < len(data):
                    written += os.write(fd, data[written:])
                os.fsync(fd)
                self._write_marker(size + len(data))
            finally:
                os.close(fd)

    def version(self) -> tuple[int, int] | None:
        """Size and modification time of results.csv (None before the first row): it changes
        whenever rows are added, so a reader can tell whether what it read is still current."""
        try:
            found = self.path.stat()
        except FileNotFoundError:
            return None
        return found.st_size, found.st_mtime_ns

    def complete_bytes(self) -> bytes:
        """The file up to its last complete row (what a reader should see while others write)."""
        if not self.path.exists():
            return b""
        with self._lock:
            data = self.path.read_bytes()
            known = self._read_marker()
        return data[:known] if known is not None and known <= len(data) else data

    def _drop_incomplete_tail(self, fd: int) -> int:
        size = os.fstat(fd).st_size
        known = self._read_marker()
        if known is None or known > size:  # marker lost, or the file was replaced by hand
            known = size
        if size == known:
            return size
        tail = os.pread(fd, size - known, known)
        if _whole_rows(tail):
            return size  # the writer finished its rows but died before updating the marker
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        (self.folder / f"results.csv.incomplete-{stamp}").write_bytes(tail)
        os.ftruncate(fd, known)
        return known

    def _read_marker(self) -> int | None:
        try:
            return int(self._marker.read_text())
        except (OSError, ValueError):
            return None

    def _write_marker(self, size: int) -> None:
        temporary = self._marker.with_suffix(".tmp")
        temporary.write_text(str(size))
        os.chmod(temporary, file_mode(self.folder))
        os.replace(temporary, self._marker)


def save_submission(submission: Submission, store: ResultsStore | None = None) -> SavedSubmission:
    """Validate a submission, give it an id and a time, and append one row per item.

    Raises ValueError with a plain reason when a row would break the format.
    """
    if not submission.items:
        raise ValueError("There is nothing to save: no item was answered.")
    submission_id = str(uuid.uuid4())
    submitted_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    rows = [_row(submission, item, submission_id, submitted_at) for item in submission.items]
    reasons = row_problems(pd.DataFrame(rows, columns=list(COLUMNS), dtype=object))
    problems = sorted({reason for reason in reasons if reason})
    if problems:
        raise ValueError("This could not be saved: " + "; ".join(problems) + ".")
    (store or ResultsStore()).append(rows)
    return SavedSubmission(submission_id, submitted_at, tuple(rows))


def _row(submission: Submission, item: ItemResponse, submission_id: str, submitted_at: str) -> dict[str, str]:
    values = {
        "schema_version": SCHEMA_VERSION,
        "submission_id": submission_id,
        "submitted_at": submitted_at,
        **{f.name: getattr(submission, f.name) for f in fields(Submission) if f.name != "items"},
        **{f.name: getattr(item, f.name) for f in fields(ItemResponse)},
    }
    values["score"] = _number(item.score)
    values["max_score"] = _number(item.max_score)
    return {column: str(values[column]) for column in COLUMNS}


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def submission_csv(saved: SavedSubmission) -> bytes:
    """One submission as a results file of its own (header and rows, encoded as the store does),
    e.g. for a service to send to a trainer or network."""
    return encode_header() + encode_rows(list(saved.rows))


def encode_header() -> bytes:
    return (",".join(COLUMNS) + "\r\n").encode("utf-8")


def encode_rows(rows: list[dict[str, str]]) -> bytes:
    """Rows as CSV bytes, free text neutralised for spreadsheets: the one encoding of the format."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180: a lone \r in text gets quoted
    for row in rows:
        writer.writerow(
            [row[c] if c in FIXED_FORMAT_COLUMNS else neutralise(row[c]) for c in COLUMNS]
        )
    return buffer.getvalue().encode("utf-8")


def _whole_rows(tail: bytes) -> bool:
    """True when the bytes are complete CSV rows of the right width, ending with a line end."""
    if not tail.endswith(b"\n"):
        return False
    try:
        records = list(csv.reader(io.StringIO(tail.decode("utf-8"), newline=""), strict=True))
    except (UnicodeDecodeError, csv.Error):
        return False
    return all(len(record) == len(COLUMNS) for record in records)
