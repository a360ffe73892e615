"""Benchmark: the CLI twin (read, validate, aggregate, write tables) on 1,000,000 result rows.

    make bench        (or: python bench/aggregate_bench.py [--rows N])
    python bench/aggregate_bench.py --excel [--excel-rows N]   (only the Excel export, below)

Generates a results file once (bench/output/, never committed), then runs
``python -m widgets.report`` on it in a child process (a few times; the median counts) and
prints wall time and peak memory (the child's ru_maxrss) against the targets: under 5 s and
under 2 GB on a 2-core machine. Each run waits until the machine is quiet (``machine.py``) and
prints how busy it was and the child's CPU time, since wall time depends on what else runs.
Not part of the test suite: generating the data takes about 10 s.

``--excel`` measures only the trainer's Excel workbook on 200,000 result rows, in this process
(as the dashboard makes it): the summaries alone (the default download) and with the full
results sheet, each with its CPU time and the number of progress messages it gave.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from machine import wait_for_quiet_machine  # noqa: E402
from tests.builders import write_content  # noqa: E402
from widgets.results.columns import COLUMNS  # noqa: E402

OUTPUT = ROOT / "bench" / "output"
TARGET_SECONDS = 5.0
TARGET_BYTES = 2 * 1024**3
# Quiz items with their most points: "lundy" is the builders' quiz (pass mark 0.8 of 4 points);
# the other quiz is one content does not know (a file from another service).
QUIZ_ITEMS = {"lundy": {"lundy-q1": 1, "lundy-q2": 1, "lundy-q3": 2}, "other-service-quiz": {f"o-q{n}": 1 for n in range(1, 11)}}
ASSESSMENT_ITEMS = ["iv-leaflets"] + [f"iv-item-{n}" for n in range(1, 20)]
OUTCOMES = [f"lo-{n}" for n in range(1, 6)]


def generate(rows: int, seed: int = 5) -> pd.DataFrame:
    """About 60% quiz rows, 10% confidence, 30% self-assessment, from 50 organisations."""
    random = np.random.default_rng(seed)
    parts = [_quiz(random, int(rows * 0.6)), _confidence(random, int(rows * 0.1))]
    parts.append(_assessment(random, rows - sum(len(p) for p in parts)))
    frame = pd.concat(parts, ignore_index=True)
    organisations = np.array([f"Service {n:02d}" for n in range(50)])
    submission_codes, first = np.unique(frame["submission"].to_numpy(), return_index=True)
    owner = random.integers(0, 50, len(submission_codes))
    person = random.integers(0, 40, len(submission_codes))
    days = random.integers(0, 730, len(submission_codes))
    index = np.searchsorted(submission_codes, frame["submission"].to_numpy())
    ids = np.array([str(uuid.UUID(int=int(random.integers(0, 2**62)) << 64 | n, version=4)) for n in range(len(submission_codes))])
    when = pd.Timestamp("2025-01-01", tz="UTC") + pd.to_timedelta(days[index], unit="D") + pd.to_timedelta(index % 86400, unit="s")
    frame["schema_version"] = "1"
    frame["submission_id"] = ids[index]
    frame["submitted_at"] = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    frame["instrument_version"] = "1"
    frame["organisation"] = organisations[owner[index]]
    frame["team"] = np.char.add("Team ", (person[index] % 5).astype(str))
    frame["respondent"] = np.char.add("Person ", (owner[index] * 40 + person[index]).astype(str))
    frame["role"] = "Practitioner"
    for column in COLUMNS:
        if column not in frame:
            frame[column] = ""
    return frame[list(COLUMNS)]


def _quiz(random: np.random.Generator, rows: int) -> pd.DataFrame:
    """Attempts alternate between a quiz content knows and one from another service."""
    parts, start = [], 0
    for number, (quiz, items) in enumerate(QUIZ_ITEMS.items()):
        count = rows // len(QUIZ_ITEMS) if number < len(QUIZ_ITEMS) - 1 else rows - start
        n = np.arange(count)
        most = np.array(list(items.values()))[n % len(items)]
        right = random.random(count) < 0.8
        parts.append(pd.DataFrame({
            "submission": f"q{quiz}-" + pd.Series(n // len(items)).astype(str),
            "kind": "quiz", "instrument": quiz, "item_id": np.array(list(items))[n % len(items)],
            "response": np.where(right, "a", np.where(random.random(count) < 0.5, "b", "c")),
            "score": np.where(right, most, 0).astype(str), "max_score": most.astype(str),
        }))
        start += count
    return pd.concat(parts, ignore_index=True)


def _confidence(random: np.random.Generator, rows: int) -> pd.DataFrame:
    n = np.arange(rows)
    return pd.DataFrame({
        "submission": "c" + pd.Series(n // len(OUTCOMES)).astype(str),
        "kind": "confidence", "instrument": np.where((n // len(OUTCOMES)) % 2 == 0, "confidence-before", "confidence-after"),
        "item_id": np.array(OUTCOMES)[n % len(OUTCOMES)], "response": random.integers(1, 6, rows).astype(str),
        "score": "", "max_score": "",
    })


def _assessment(random: np.random.Generator, rows: int) -> pd.DataFrame:
    n = np.arange(rows)
    rating = random.integers(0, 4, rows).astype(str)
    acting = random.random(rows) < 0.2
    return pd.DataFrame({
        "submission": "a" + pd.Series(n // len(ASSESSMENT_ITEMS)).astype(str),
        "kind": "assessment", "instrument": "iv", "item_id": np.array(ASSESSMENT_ITEMS)[n % len(ASSESSMENT_ITEMS)],
        "response": rating, "score": rating, "max_score": "3",
        "evidence": np.where(random.random(rows) < 0.5, "Leaflets in the waiting room", ""),
        "action": np.where(acting, "Ask the children's council", ""), "action_owner": np.where(acting, "Manager", ""),
        "action_due": np.where(acting, "2027-03-31", ""),
    })


def measure(rows: int, runs: int) -> dict[str, Any] | None:
    """The CLI twin on ``rows`` generated rows: median wall and CPU seconds, peak bytes."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    data = OUTPUT / f"results-{rows}.csv"
    if not data.exists():
        started = time.perf_counter()
        generate(rows).to_csv(data, index=False, lineterminator="\r\n")
        print(f"Generated {rows:,} rows in {time.perf_counter() - started:.1f} s ({data.stat().st_size / 1e6:.0f} MB): {data}")
    content, pages = write_content(OUTPUT / "content-tree")
    command = [sys.executable, "-m", "widgets.report", str(data), "--out", str(OUTPUT / "report"),
               "--content", str(content), "--pages", str(pages)]
    tried = [run_once(command, show=n == 0) for n in range(runs)]
    done = [run for run in tried if run is not None]
    if len(done) < len(tried):
        return None
    return {
        "seconds": statistics.median(r[0] for r in done),
        "cpu": statistics.median(r[1] for r in done),
        "peak_bytes": max(r[2] for r in done),
        "runs": [r[0] for r in done],
    }


def excel(rows: int) -> None:
    """The Excel workbook of ``rows`` generated rows: summaries only, then with every row."""
    from widgets.aggregate import Labels, build_report
    from widgets.aggregate.exports import exporter
    from widgets.content import load_content
    from widgets.results import read_results

    OUTPUT.mkdir(parents=True, exist_ok=True)
    data = OUTPUT / f"results-{rows}.csv"
    if not data.exists():
        generate(rows).to_csv(data, index=False, lineterminator="\r\n")
    labels = Labels.from_content(load_content(*write_content(OUTPUT / "content-tree")))
    report = build_report(read_results([(data.name, data)]), labels)
    print(f"Excel export of {len(report.rows):,} result rows (the machine {wait_for_quiet_machine():.0%} of a core busy before):")
    for with_results in (False, True):
        said: list[str] = []
        started, cpu = time.perf_counter(), time.process_time()
        made = exporter("xlsx").files(report, with_results, said.append)[0]
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        what = "with the full results sheet" if with_results else "summaries only (the default)"
        print(f"  {what}: {seconds:.2f} s wall, {cpu:.2f} s CPU, {len(made.data) / 1e6:.1f} MB, {len(said)} progress messages")


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--rows", type=int, default=1_000_000)
    options.add_argument("--runs", type=int, default=3)
    options.add_argument("--excel", action="store_true", help="only time the Excel export (see --excel-rows)")
    options.add_argument("--excel-rows", type=int, default=200_000)
    arguments = options.parse_args()
    if arguments.excel:
        excel(arguments.excel_rows)
        return 0
    figures = measure(arguments.rows, arguments.runs)
    if figures is None:
        return 1
    within = figures["seconds"] < TARGET_SECONDS and figures["peak_bytes"] < TARGET_BYTES
    print(f"\nCLI on {arguments.rows:,} rows, median of {arguments.runs} runs: {figures['seconds']:.2f} s wall "
          f"(target < {TARGET_SECONDS:g} s; runs {', '.join(f'{r:.2f}' for r in figures['runs'])}), {figures['cpu']:.2f} s CPU, "
          f"peak memory {figures['peak_bytes'] / 1024**2:,.0f} MB (target < {TARGET_BYTES / 1024**3:g} GB): "
          f"{'within target' if within else 'OVER TARGET'}.")
    return 0 if within else 1


def run_once(command: list[str], show: bool) -> tuple[float, float, int] | None:
    """Wall seconds, CPU seconds and peak bytes of one CLI run, or None when it failed."""
    busy = wait_for_quiet_machine()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if finished.returncode != 0:
        print(finished.stdout.strip(), finished.stderr.strip(), f"The CLI failed with exit code {finished.returncode}.", sep="\n")
        return None
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = after.ru_maxrss * 1024  # Linux reports KiB; the largest child so far
    if show:
        print(finished.stdout.strip())
    print(f"Run: {seconds:.2f} s wall, {cpu:.2f} s CPU, the machine {busy:.0%} of a core busy before")
    return seconds, cpu, peak

if __name__ == "__main__":
    sys.exit(main())
