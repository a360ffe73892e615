"""Command: move results in and out of the results database.

    python -m widgets.results export [--out FILE] [--results-dir DIR] [--database URL]
    python -m widgets.results import FILE_OR_FOLDER... [--results-dir DIR] [--database URL]
    python -m widgets.results copy --out FILE [--results-dir DIR]

``export`` writes every stored row to a results file (default: results.csv in the results
folder), written aside and renamed into place: with PostgreSQL, run it from a scheduled job
(cron) for whoever aggregates CSV. ``import`` loads results files into the database, skipping
rows stored before (same submission_id and item_id), with the usual per-file report; a folder
is read as an older installation's results folder (its *.csv files and its drafts/*/*.json),
so upgrading loses nothing. ``copy`` writes a consistent copy of the SQLite database (safe
while servers write to it), e.g. for a trainer's laptop. Exit status: 0 when everything was read, 3 when some rows were
rejected, 2 when a file or folder could not be read, 1 when the store could not be used.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from widgets.results.database import StoreError
from widgets.results.importer import STORE_UNUSABLE, import_paths
from widgets.results.store import ResultsStore


def parser() -> argparse.ArgumentParser:
    command = argparse.ArgumentParser(prog="python -m widgets.results", description=__doc__.splitlines()[0])
    command.add_argument("--results-dir", type=Path, help="the results folder (default: VIW_RESULTS_DIR or results/)")
    command.add_argument("--database", help="the database URL (default: VIW_DATABASE_URL or results.sqlite in the folder)")
    actions = command.add_subparsers(dest="action", required=True)
    export = actions.add_parser("export", help="write every stored row to a results CSV file")
    export.add_argument("--out", type=Path, help="the file to write (default: results.csv in the results folder)")
    load = actions.add_parser("import", help="load results files (and an older installation's drafts)")
    load.add_argument("paths", nargs="+", type=Path, help="results CSV files, or results folders")
    copy = actions.add_parser("copy", help="a consistent copy of the SQLite database, safe while servers write")
    copy.add_argument("--out", type=Path, required=True, help="the new database file (must not exist yet)")
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
        if args.action == "copy":
            store.copy_database(args.out)
            print(f"The results database was copied to {args.out}.", file=out)
            return 0
        return import_paths(store, args.paths, out)
    except (StoreError, OSError) as error:
        print(f"Cannot use the results store: {error}", file=out)
        return STORE_UNUSABLE


if __name__ == "__main__":
    sys.exit(main())
