"""Benchmark: the results database on both engines.

    python bench/store_bench.py [--quick]

- Append latency with 50 writers saving at once (median, 99th percentile, worst; failed saves).
- A self-assessment submit (save, find the previous one, build the HTML and PDF report) with
  10,000 and 1,000,000 rows already stored: its time, and how much the kernel grows.
- The CLI twin reading 1,000,000 rows from the database.

PostgreSQL is the tests' throwaway server (tests/pg_server.py). Stores are built once in
bench/output/ (never committed). Not part of the test suite: building the 1,000,000-row store
takes a minute or two.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import aggregate_bench  # noqa: E402
from tests.builders import quiz_submission, write_content  # noqa: E402
from tests.pg_server import PostgresServer  # noqa: E402
from widgets.results import ResultsStore  # noqa: E402

OUTPUT = ROOT / "bench" / "output"
FORK = multiprocessing.get_context("forkserver")
FORK.set_forkserver_preload(["widgets.results", "tests.builders"])
WRITERS = 50


def line(name: str, value: str, target: str, met: bool | None = None) -> None:
    verdict = "" if met is None else ("  ok" if met else "  MISSED")
    print(f"  {name:<62} {value:>20}   target: {target}{verdict}")


def _writer(folder: str, url: str, saves: int, start: Any, out: Any) -> None:
    store = ResultsStore(Path(folder), url)
    store.save(quiz_submission(respondent=f"p{os.getpid()}-warm", items=3))  # a kernel that has saved before
    start.wait()
    times, failed = [], 0
    for n in range(saves):
        began = time.perf_counter()
        try:
            store.save(quiz_submission(respondent=f"p{os.getpid()}-{n}", items=3))
        except Exception:  # noqa: BLE001 - counted and reported
            failed += 1
        times.append(time.perf_counter() - began)
    out.put((times, failed))


def append_latency(engine: str, url: str, folder: Path, saves: int) -> None:
    store = ResultsStore(folder, url)
    store.version()  # the schema exists, as on a running server
    out, start = FORK.Queue(), FORK.Event()
    writers = [FORK.Process(target=_writer, args=(str(folder), url, saves, start, out)) for _ in range(WRITERS)]
    for writer in writers:
        writer.start()
    began = time.perf_counter()
    start.set()
    results = [out.get(timeout=900) for _ in writers]
    wall = time.perf_counter() - began
    for writer in writers:
        writer.join()
    times = sorted(t for r in results for t in r[0])
    failed = sum(r[1] for r in results)
    p99 = times[int(len(times) * 0.99) - 1]
    print(f"\n{engine}: {WRITERS} writers x {saves} submissions (3 rows each) at once, {wall:.1f} s in all "
          "(each writer saved once before: its connection open, its statements compiled)")
    line("failed saves", f"{failed} of {len(times)}", "0", failed == 0)
    line("append latency, median", f"{statistics.median(times) * 1000:.0f} ms", "-")
    line("append latency, 99th percentile", f"{p99 * 1000:.0f} ms", "< 500 ms", p99 < 0.5)
    line("append latency, worst", f"{times[-1] * 1000:.0f} ms", "-")


def seeded_store(engine: str, url: str, folder: Path, rows: int) -> ResultsStore:
    """A store holding ``rows`` generated rows, built once (SQLite: kept in bench/output/)."""
    store = ResultsStore(folder, url)
    if (store.version() or 0) == 0:
        began = time.perf_counter()
        store.import_rows(aggregate_bench.generate(rows), origin="bench")
        print(f"  ({engine}: stored {rows:,} generated rows in {time.perf_counter() - began:.0f} s)")
    return store


def _submit_in_a_fresh_process(folder: str, url: str, out: Any) -> None:
    """As a staff kernel does: build the page's state, then submit, measuring time and growth."""
    from widgets.assessment.model import Assessment
    from widgets.assessment.submit import submit
    from widgets.content import load_content

    instrument = next(i for i in load_content().instruments if i.id == "iv-standard-4")
    store = ResultsStore(Path(folder), url)
    store.version()
    assessment = Assessment(instrument)
    for name, value in (("organisation", "Service 07"), ("team", "Team 1"), ("respondent", "Bench"), ("role", "Manager")):
        assessment.set_detail(name, value)
    top = instrument.scale.max_value
    for item in instrument.items:
        assessment.set_answer(item.id, "rating", top)
        assessment.set_answer(item.id, "evidence", "Evidence. " * 20)
    submit(assessment, store)  # the first submit pays for first-use imports (WeasyPrint, matplotlib)
    before = _rss()
    began = time.perf_counter()
    done = submit(assessment, store)
    seconds = time.perf_counter() - began
    out.put((seconds, (_rss() - before) / 1024**2, done.report.previous is not None))


def _rss() -> int:
    for entry in Path("/proc/self/status").read_text().splitlines():
        if entry.startswith("VmRSS:"):
            return int(entry.split()[1]) * 1024
    return 0


def submit_figures(engine: str, store: ResultsStore, rows: int) -> None:
    out = FORK.Queue()
    process = FORK.Process(target=_submit_in_a_fresh_process, args=(str(store.folder), store.url.render_as_string(hide_password=False), out))
    process.start()
    seconds, grown, compared = out.get(timeout=600)
    process.join()
    line(f"{engine}, {rows:,} rows stored: submit to report ready", f"{seconds:.2f} s", "< 1.5 s", seconds < 1.5)
    line(f"{engine}, {rows:,} rows stored: kernel grows by", f"{grown:.0f} MB", "< 100 MB", grown < 100)
    if not compared:
        print("  (note: the report found no previous submission to compare with)")


def cli_from_database(engine: str, store: ResultsStore, rows: int) -> None:
    content, pages = write_content(OUTPUT / "content-tree")
    command = [sys.executable, "-m", "widgets.report", "--database", store.url.render_as_string(hide_password=False),
               "--out", str(OUTPUT / "report-db"), "--content", str(content), "--pages", str(pages)]
    runs = [aggregate_bench.run_once(command, show=False) for _ in range(3)]
    if any(run is None for run in runs):
        line(f"{engine}: CLI on {rows:,} rows from the database", "FAILED", "-")
        return
    seconds = statistics.median(run[0] for run in runs if run)
    peak = max(run[2] for run in runs if run) / 1024**2
    line(f"{engine}: CLI on {rows:,} rows from the database, time", f"{seconds:.2f} s", "< 5 s", seconds < 5)
    line(f"{engine}: CLI on {rows:,} rows from the database, peak memory", f"{peak:,.0f} MB", "< 2 GB", peak < 2048)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--quick", action="store_true", help="fewer saves, and 10,000 rows only")
    run(options.parse_args().quick)


def run(quick: bool) -> None:
    """Every figure above, on both engines."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    sizes = [10_000] if quick else [10_000, 1_000_000]
    server = PostgresServer().start()
    try:
        engines: dict[str, Callable[[], str | None]] = {"SQLite": lambda: None, "PostgreSQL": server.new_database}
        print("\nThe results database")
        for engine, new_url in engines.items():
            folder = Path(tempfile.mkdtemp(prefix="viw-bench-store-"))
            append_latency(engine, new_url() or f"sqlite:///{folder / 'results.sqlite'}", folder, 20 if quick else 100)
        for rows in sizes:
            print(f"\nWith {rows:,} rows stored")
            for engine, new_url in engines.items():
                folder = OUTPUT / f"store-{engine.lower()}-{rows}"
                folder.mkdir(exist_ok=True)
                url = new_url() or f"sqlite:///{folder / 'results.sqlite'}"
                store = seeded_store(engine, url, folder, rows)
                submit_figures(engine, store, rows)
                if rows == max(sizes):
                    cli_from_database(engine, store, rows)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
