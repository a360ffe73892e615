"""Where results come from: the local store, uploaded files, files and folders on disk; and
the per-file validation report shown by the dashboard and printed by the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import pandas as pd

from widgets.results import FileReport

STORE_NAME = "the results database"
Source = tuple[str, "bytes | Path | pd.DataFrame"]


class StoredRows(Protocol):
    """The results database, read here (``ResultsStore``) or through the results service."""

    def rows(self) -> pd.DataFrame: ...


def store_source(store: StoredRows) -> list[Source]:
    """Every row in the results database (whole submissions only, as others write), if any."""
    rows = store.rows()
    return [(STORE_NAME, rows)] if len(rows) else []


def path_sources(paths: list[Path]) -> tuple[list[Source], list[FileReport]]:
    """Files as given and every *.csv in a folder (sorted); a path that does not exist (or may
    not be looked at) is reported as unreadable rather than stopping the others."""
    sources: list[Source] = []
    missing: list[FileReport] = []
    for path in paths:
        try:
            if path.is_dir():
                sources += [(str(p), p) for p in sorted(path.glob("*.csv"))]
            elif path.is_file():
                sources.append((str(path), path))
            else:
                missing.append(FileReport(str(path), error="no such file or folder"))
        except OSError:  # e.g. inside a folder this user may not open
            missing.append(FileReport(str(path), error="it could not be opened: check that it may be read"))
    return sources, missing


def validation_table(reports: list[FileReport]) -> pd.DataFrame:
    """One row per file: rows accepted, rejected and skipped as duplicates, and any error."""
    return pd.DataFrame(
        [
            {"file": r.name, "accepted": r.accepted, "rejected": len(r.rejected), "duplicates_skipped": r.duplicates,
             "status": "not loaded: " + r.error if r.error else ("loaded with problems" if r.rejected else "loaded")}
            for r in reports
        ],
        columns=["file", "accepted", "rejected", "duplicates_skipped", "status"],
    )


def rejection_table(reports: list[FileReport]) -> pd.DataFrame:
    """Every rejected row: its file, its line and why."""
    return pd.DataFrame(
        [{"file": r.name, "line": line, "reason": reason} for r in reports for line, reason in r.rejected],
        columns=["file", "line", "reason"],
    )
