"""Command: move results in and out of the results database.

    python -m widgets.results export [--out FILE] [--results-dir DIR] [--database URL]
    python -m widgets.results import FILE_OR_FOLDER... [--results-dir DIR] [--database URL]
    python -m widgets.results copy --out FILE [--results-dir DIR]
    python -m widgets.results person export (CODE | --hub-user NAME) --out FILE_STEM
    python -m widgets.results person erase (CODE | --hub-user NAME) [--yes]

``export`` writes every stored row to a results file (default: results.csv in the results
folder), written aside and renamed into place: with PostgreSQL, run it from a scheduled job
(cron) for whoever aggregates CSV. ``import`` loads results files into the database, skipping
rows stored before (same submission_id and item_id), with the usual per-file report; a folder
is read as an older installation's results folder (its *.csv files and its drafts/*/*.json),
so upgrading loses nothing. ``person`` answers a person's request about their own data: ``export``
writes their result rows (FILE_STEM.csv, the results format) and their learner record
(FILE_STEM.json); ``erase`` deletes both (and results.csv is written afresh without them), after
showing what would go unless ``--yes`` is given. ``copy`` writes a consistent copy of the SQLite database (safe
while servers write to it), e.g. for a trainer's laptop. Exit status: 0 when everything was read, 3 when some rows were
rejected, 2 when a file or folder could not be read, 1 when the store could not be used.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from widgets.errors import Refused
from widgets.results.csv_format import encode_header, encode_rows
from widgets.results.database import StoreError
from widgets.results.drafts import parse_code
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
    person = actions.add_parser("person", help="export or erase one learner's records (a data protection request)")
    person.add_argument("request", choices=("export", "erase"))
    person.add_argument("code", nargs="?", help="the learner's resume code (one-server setup)")
    person.add_argument("--hub-user", help="the learner's JupyterHub user name (county setup)")
    person.add_argument("--out", type=Path, help="export: the file name to write, without .csv/.json")
    person.add_argument("--yes", action="store_true", help="erase: really erase (without it, says what would go)")
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
        if args.action == "person":
            return person_request(store, args, out)
        return import_paths(store, args.paths, out)
    except (StoreError, OSError) as error:
        print(f"Cannot use the results store: {error}", file=out)
        return STORE_UNUSABLE
    except Refused as error:  # a code that does not look like one
        print(str(error), file=out)
        return 2


def person_request(store: ResultsStore, args: argparse.Namespace, out: TextIO) -> int:
    """Export or erase one learner's records; exit 2 when the request names nobody."""
    if bool(args.code) == bool(args.hub_user):
        print("Name the learner by their resume code or by --hub-user NAME (one of the two).", file=out)
        return 2
    learner = parse_code(args.code) if args.code else store.hub_learner_code(args.hub_user)
    rows, record = store.person_records(learner) if learner else ([], {})
    who = args.code or f"hub user {args.hub_user}"
    if not rows and not record:
        print(f"Nothing is kept about {who}.", file=out)
        return 2
    if args.request == "export":
        if args.out is None:
            print("Say where to write the export: --out FILE_STEM (FILE_STEM.csv and FILE_STEM.json are written).", file=out)
            return 2
        args.out.with_suffix(".csv").write_bytes(encode_header() + encode_rows(rows))
        args.out.with_suffix(".json").write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"{len(rows)} result rows written to {args.out.with_suffix('.csv')}; the learner record to "
              f"{args.out.with_suffix('.json')}.", file=out)
        return 0
    if not args.yes:
        print(f"This would erase {len(rows)} result rows and the learner record of {who}. Run again with --yes to erase them.", file=out)
        return 1
    erased = store.forget_person(learner)  # type: ignore[arg-type]
    print(f"Erased {erased} result rows and the learner record of {who}; results.csv was written afresh without them.", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
