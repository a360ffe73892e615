"""Command: move results in and out of the results database.

    python -m widgets.results export [--out FILE] [--results-dir DIR] [--database URL]
    python -m widgets.results import FILE_OR_FOLDER... [--results-dir DIR] [--database URL]

``export`` writes every stored row to a results file (default: results.csv in the results
folder), written aside and renamed into place: with PostgreSQL, run it from a scheduled job
(cron) for whoever aggregates CSV. ``import`` loads results files into the database, skipping
rows stored before (same submission_id and item_id), with the usual per-file report; a folder
is read as an older installation's results folder (its *.csv files and its drafts/*/*.json),
so upgrading loses nothing. Exit status: 0 when everything was read, 3 when some rows were
rejected, 2 when a file or folder could not be read, 1 when the store could not be used.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from widgets.results.database import StoreError
from widgets.results.drafts import import_legacy_draft
from widgets.results.reader import FileReport, read_results
from widgets.results.store import ResultsStore

STORE_UNUSABLE, UNREADABLE, ROWS_REJECTED = 1, 2, 3


def parser() -> argparse.ArgumentParser:
    command = argparse.ArgumentParser(prog="python -m widgets.results", description=__doc__.splitlines()[0])
    command.add_argument("--results-dir", type=Path, help="the results folder (default: VIW_RESULTS_DIR or results/)")
    command.add_argument("--database", help="the database URL (default: VIW_DATABASE_URL or results.sqlite in the folder)")
    actions = command.add_subparsers(dest="action", required=True)
    export = actions.add_parser("export", help="write every stored row to a results CSV file")
    export.add_argument("--out", type=Path, help="the file to write (default: results.csv in the results folder)")
    load = actions.add_parser("import", help="load results files (and an older installation's drafts)")
    load.add_argument("paths", nargs="+", type=Path, help="results CSV files, or results folders")
    return command


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    args = parser().parse_args(argv)
    try:
        store = ResultsStore(args.results_dir, args.database)
        if args.action == "export":
            target = args.out or store.path
            count = store.export(target)
            print(f"{count} rows written to {target}.", file=out)
            return 0
        return import_paths(store, args.paths, out)
    except (StoreError, OSError) as error:
        print(f"Cannot use the results store: {error}", file=out)
        return STORE_UNUSABLE


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
    added, skipped = store.import_rows(loaded.rows, origin=f"import: {path.name}")
    print(f"{path}: {added} rows added, {skipped + report.duplicates} already stored"
          + (f", {len(report.rejected)} rejected" if report.rejected else ""), file=out)
    for line, reason in report.rejected:
        print(f"    line {line}: {reason}", file=out)
    return ROWS_REJECTED if report.rejected else 0


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


if __name__ == "__main__":
    sys.exit(main())
