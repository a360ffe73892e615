"""Command: the trainer report without a browser, for scheduled runs.

    python -m widgets.report [RESULTS...] [--database [URL]] --out DIR [--content DIR [--pages DIR]]
           [--format csv xlsx png] [--organisation NAME ...] [--team NAME ...] [--instrument ID ...]
           [--since DATE] [--until DATE] [--with-results] [--service NAME]

RESULTS are results CSV files or folders of them; ``--database`` reads the results database too
(the installation's when no URL is given: VIW_DATABASE_URL, or results.sqlite in the results
folder). Writes the same summary tables the
dashboard shows (one CSV each, UTF-8 with a byte order mark, and one Excel workbook) to DIR,
prints the validation report per file and a short summary (with ``--service``, that service's
summary too). ``--with-results`` adds the filtered results rows, saying how far it has got. It never stops with a traceback; its exit status says how it went:

    0  every input was read and every row in it accepted
    1  no tables written: the content, the options or the --out folder are wrong
    2  an input could not be read, or none was found (the others are still reported)
    3  every input was read, but some rows were rejected (each is reported with its line)
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import NoReturn, TextIO

import pandas as pd

from widgets.aggregate import Filters, Labels, Report, build_report
from widgets.aggregate.comparison import status_counts
from widgets.aggregate.exports import EXPORTERS, exporter
from widgets.aggregate.services import ServiceSummary, service_summary
from widgets.aggregate.sources import STORE_NAME, path_sources, store_source
from widgets.content import ContentError, load_content
from widgets.errors import Refused
from widgets.results import FileReport, ResultsStore, StoreError, read_results

MOST_PROBLEMS_SHOWN = 5
WRONG_OPTIONS = 1
UNREADABLE = 2
ROWS_REJECTED = 3


class _WrongOptions(Exception):
    """An option argparse refused, with its reason."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a wrong option comes back to ``main`` as plain words and exit status 1
    (argparse would exit with 2, which here means an input could not be read)."""

    def error(self, message: str) -> NoReturn:
        raise _WrongOptions(f"{message} (--help lists the options)")


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-01-31") from None


def parser() -> argparse.ArgumentParser:
    command = _Parser(prog="python -m widgets.report", description=__doc__.splitlines()[0])
    command.add_argument("results", nargs="*", type=Path, help="results CSV files or folders of them")
    command.add_argument("--database", nargs="?", const="", metavar="URL",
                         help="read the results database as well (default URL: the installation's)")
    command.add_argument("--out", type=Path, required=True, help="folder for the tables (created if needed)")
    command.add_argument("--content", type=Path, help="content folder (default: the workbook's content/)")
    command.add_argument("--pages", type=Path, help="the staff pages that content names, for its checks (default: notebooks/staff)")
    command.add_argument("--format", nargs="+", default=["csv", "xlsx"], choices=list(EXPORTERS), help="what to write (default: csv xlsx)")
    command.add_argument("--with-results", action="store_true", help="also write the filtered results rows")
    command.add_argument("--organisation", nargs="+", default=[], help="only these organisations")
    command.add_argument("--team", nargs="+", default=[], help="only these teams")
    command.add_argument("--instrument", nargs="+", default=[], help="only these quizzes or instruments")
    command.add_argument("--since", type=iso_date, help="first day, YYYY-MM-DD")
    command.add_argument("--until", type=iso_date, help="last day, YYYY-MM-DD")
    command.add_argument("--due-on", type=iso_date, help="the day to count impact reviews due by, YYYY-MM-DD (default: today)")
    command.add_argument("--service", help="also print this organisation's summary (completion, ratings, actions)")
    return command


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    try:
        args = parser().parse_intermixed_args(argv)  # files may come before or after options
        labels = Labels.from_content(load_content(args.content, args.pages))
        filters = Filters(tuple(args.organisation), tuple(args.team), tuple(args.instrument), args.since, args.until)
        if not args.results and args.database is None:
            raise _WrongOptions("give results files or folders, or --database (--help lists the options)")
    except (_WrongOptions, ContentError, ValueError) as error:
        print(f"Cannot report: {error}", file=out)
        return WRONG_OPTIONS
    sources, missing = path_sources(args.results)
    codes: dict[str, str] = {}  # resume codes, for the links in the impact review's due list
    if args.database is not None:
        try:
            store = ResultsStore(url=args.database or None)
            sources[:0] = store_source(store)
            codes = store.learner_codes()
        except StoreError as error:
            missing.append(FileReport(STORE_NAME, error=str(error)))
    loaded = read_results(sources)
    loaded.reports[:0] = missing
    report = build_report(loaded, labels, filters, today=args.due_on, codes=codes)
    print_validation(loaded.reports, out)
    print_summary(report, out)
    if args.service:
        try:
            print_service(service_summary(report, args.service), out)
        except Refused as error:
            print(f"Service: {error}", file=out)

    def progress(text: str) -> None:
        print(f"  {text}", file=out, flush=True)

    try:
        args.out.mkdir(parents=True, exist_ok=True)
        for name in args.format:
            for file in exporter(name).files(report, args.with_results, progress):
                (args.out / file.filename).write_bytes(file.data)
    except OSError as error:
        print(f"Cannot write the tables to {args.out} ({error.strerror}): give --out a folder you may write to.", file=out)
        return WRONG_OPTIONS
    print(f"Tables written to {args.out} ({', '.join(args.format)}).", file=out)
    return exit_status(loaded.reports, out)


def exit_status(reports: list[FileReport], out: TextIO) -> int:
    """The status the module docstring lists, said in words too."""
    unreadable = [r for r in reports if r.error]
    rejected = sum(len(r.rejected) for r in reports)
    if not reports:
        print("No results files were found.", file=out)
        return UNREADABLE
    if rejected:
        print(f"{rejected} row(s) were rejected.", file=out)
    if unreadable:
        print(f"{len(unreadable)} input(s) could not be read.", file=out)
        return UNREADABLE
    return ROWS_REJECTED if rejected else 0


def print_validation(reports: list[FileReport], out: TextIO) -> None:
    print("Files:", file=out)
    for report in reports:
        print(f"  {report.summary()}", file=out)
        for line, reason in report.rejected[:MOST_PROBLEMS_SHOWN]:
            print(f"    line {line}: {reason}", file=out)
        if len(report.rejected) > MOST_PROBLEMS_SHOWN:
            print(f"    ... and {len(report.rejected) - MOST_PROBLEMS_SHOWN} more (see validation in the workbook)", file=out)


def print_summary(report: Report, out: TextIO) -> None:
    """A few headline figures, each taken from the summary tables the files hold."""
    tables = {name: summary.table for name, summary in report.summaries.items()}
    completion, modules = tables["completion"], tables["module_results"]
    print(f"Results ({report.filters.describe()}): {len(report.rows)} rows.", file=out)
    print(f"  Learners started: {int(completion['learners_started'].sum())}; "
          f"passed every module: {int(completion['all_passed'].sum())}.", file=out)
    for row in modules.itertuples(index=False):
        rate = "pass mark unknown" if row.pass_rate_pct != row.pass_rate_pct else f"{row.pass_rate_pct:g}% of {row.learners} learners passed"
        print(f"  Module {row.module}: {row.attempts} attempts, {rate}.", file=out)
    ratings, actions = tables["ratings"], tables["open_actions"]
    overdue = int((actions["status"] == "overdue").sum()) if len(actions) else 0
    print(f"  Self-assessments: {ratings['organisation'].nunique()} organisations rated; "
          f"{len(actions)} open actions, {overdue} overdue.", file=out)
    print(f"  Last round's actions: {len(tables['last_round_actions'])}; {_counted(tables['last_round_actions'])} "
          "(last_round_actions.csv).", file=out)
    for row in tables["item_statistics"].itertuples(index=False):
        if row.flags:
            print(f"  Question {row.item_id} ({row.module}) looks broken: {row.flags} "
                  f"(facility {row.facility_pct:g}%, discrimination {_number(row.discrimination)}, {row.attempts} attempts).", file=out)

    print_impact(tables, out)

def print_impact(tables: dict[str, pd.DataFrame], out: TextIO) -> None:
    """The impact review in a few lines: reviews in, the share using each framework (all teams
    together, from the per-team table), and how many are due one."""
    practice = tables["impact_practice"]
    reviews = int(practice.groupby(["organisation", "team"], dropna=False)["answered"].max().sum()) if len(practice) else 0
    print(f"  Impact reviews: {reviews}; {len(tables['follow_up_due'])} learner(s) due one (follow_up_due.csv).", file=out)
    if len(practice):
        overall = practice.groupby(["framework_id", "framework"], sort=False)[["answered", "used"]].sum().reset_index()
        for row in overall.itertuples(index=False):
            print(f"  Used {row.framework} in practice: {row.used} of {row.answered} ({100 * row.used / row.answered:.0f}%).", file=out)


def _counted(last_round: pd.DataFrame) -> str:
    return ", ".join(f"{status.lower()} {count}" for status, count in status_counts(last_round).items())


def _number(value: float) -> str:
    return "not known" if value != value else f"{value:g}"


def print_service(summary: ServiceSummary, out: TextIO) -> None:
    """One service's counts and its open actions, overdue first."""
    counts = "; ".join(f"{what}: {number}" for what, number in summary.headline.items())
    print(f"Service {summary.organisation}: {counts}.", file=out)
    for row in summary.tables["open_actions"][1].itertuples(index=False):
        late = f"{row.days_overdue:g} days overdue" if row.status == "overdue" else row.status
        print(f"  {late}: {row.action} ({row.action_owner or 'no owner'}, due {row.action_due or 'no date'}, {row.team or 'no team'})",
              file=out)
    for row in summary.tables["last_round_actions"][1].itertuples(index=False):
        print(f"  Last round ({row.previous_date}), {row.team or 'no team'}: {row.action} - {row.status} in the round of "
              f"{row.latest_date}" + (f" ({row.note})" if row.note else ""), file=out)


if __name__ == "__main__":
    sys.exit(main())
