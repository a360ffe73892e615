"""Loading results files, and an older installation's drafts, into the results database.

Used by ``python -m widgets.results import`` and, once, by the servers when they start on a
results folder from a version before the database (``upgrade``), so upgrading loses nothing.
Every file gets the usual report; rows stored before are skipped, so importing twice is safe.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from widgets.results.csv_mirror import never_kept_in_step
from widgets.results.drafts import import_legacy_draft
from widgets.results.reader import FileReport, read_results
from widgets.results.store import ResultsStore

STORE_UNUSABLE, UNREADABLE, ROWS_REJECTED = 1, 2, 3  # exit statuses; 0 when everything was read


def import_paths(store: ResultsStore, paths: list[Path], out: TextIO) -> int:
    """Import every file given (a folder: its results files and drafts); report each."""
    status = 0
    for path in paths:
        files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
        if not path.exists():
            print(f"{path}: not found", file=out)
            status = max(status, UNREADABLE)
            continue
        for file in files:
            status = max(status, _import_file(store, file, out))
        if path.is_dir():
            status = max(status, _import_drafts(store, path, out))
    return status


def _import_file(store: ResultsStore, path: Path, out: TextIO) -> int:
    loaded = read_results([(str(path), path)], typed=False)
    report: FileReport = loaded.reports[0]
    if report.error:
        print(report.summary(), file=out)
        return UNREADABLE
    done = store.import_rows(loaded.rows, origin=f"import: {path.name}")
    rejected = len(report.rejected) + len(done.refused)
    print(f"{path}: {done.added} rows added, {done.already_stored + report.duplicates} already stored"
          + (f", {rejected} rejected" if rejected else ""), file=out)
    for line, reason in report.rejected:
        print(f"    line {line}: {reason}", file=out)
    for submission_id, item_id, reason in done.refused:
        print(f"    submission {submission_id}, item {item_id}: not added - {reason}", file=out)
    return ROWS_REJECTED if rejected else 0


def _import_drafts(store: ResultsStore, folder: Path, out: TextIO) -> int:
    added = kept = 0
    status = 0
    for path in sorted(folder.glob("drafts/*/*.json")):
        try:
            if import_legacy_draft(store, path.parent.name, path):
                added += 1
            else:
                kept += 1
        except ValueError as error:
            print(f"{path}: not imported - {error}", file=out)
            status = UNREADABLE
    if added or kept:
        print(f"{folder}: {added} drafts added, {kept} already stored", file=out)
    return status


def upgrade(store: ResultsStore, out: TextIO) -> int | None:
    """Import the results folder of a version before the database, if that is what this is:
    a results.csv the database has never kept in step. Returns the import's status, or None
    when there was nothing to upgrade."""
    if not store.keeps_csv or not store.path.exists() or store.database.read_only or not never_kept_in_step(store.database):
        return None
    print(f"Moving the results in {store.folder} into the results database (once, on the first start after the upgrade):", file=out)
    return import_paths(store, [store.folder], out)
