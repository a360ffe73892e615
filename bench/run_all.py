"""The benchmark behind ``make bench``: every speed and memory figure, with its target beside it.

    python bench/run_all.py [--runs 5] [--quick]

Medians of several runs, all in one go on this machine. Not part of the test suite: timings
belong here, never in tests. ``--quick`` uses fewer runs and skips the 1,000,000-row case.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

import aggregate_bench  # noqa: E402
import load_test  # noqa: E402
import page_speed  # noqa: E402
import store_bench  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from widgets.server import STAFF_POOL_SIZE  # noqa: E402


def line(name: str, value: str, target: str, met: bool | None = None) -> None:
    verdict = "" if met is None else ("  ok" if met else "  MISSED")
    print(f"  {name:<62} {value:>20}   target: {target}{verdict}")


def pages(runs: int) -> None:
    with page_speed.Servers() as servers, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        print(f"\nTime to first usable widget, Chromium (median of {runs}; cold = empty browser cache)")
        plain = page_speed.first_widget(browser, servers.floor_plain, f"{servers.floor_plain.url}/voila/render/bare.ipynb", ".viw-page", runs, 0)
        floor = page_speed.first_widget(browser, servers.floor_preheated, f"{servers.floor_preheated.url}/voila/render/bare.ipynb", ".viw-page", runs, STAFF_POOL_SIZE)
        line("bare one-widget notebook, not preheated (for reference), cold", f"{plain[0]:.2f} s", "-")
        line("bare one-widget notebook, not preheated (for reference), warm", f"{plain[1]:.2f} s", "-")
        line("floor: bare one-widget notebook, preheated, cold", f"{floor[0]:.2f} s", "-")
        line("floor: bare one-widget notebook, preheated, warm", f"{floor[1]:.2f} s", "-")
        for target in page_speed.PAGES:
            server = servers.trainer if target.server == "trainer" else servers.staff
            cold, warm = page_speed.first_widget(browser, server, servers.url(target), target.ready, runs, servers.pool(target))
            line(f"{target.name}, cold", f"{cold:.2f} s = {cold / floor[0]:.2f}x", "<= 1.2x floor", cold <= 1.2 * floor[0])
            line(f"{target.name}, warm", f"{warm:.2f} s = {warm / floor[1]:.2f}x", "<= 1.2x floor, < 1.0 s",
                 warm <= 1.2 * floor[1] and warm < 1.0)
        first, current = page_speed.dashboard_with_new_results(browser, servers, runs)
        line("dashboard, results saved since preheat: first widget", f"{first:.2f} s = {first / floor[1]:.2f}x", "<= 1.2x floor, < 1.0 s",
             first <= 1.2 * floor[1] and first < 1.0)
        line("dashboard, results saved since preheat: all views current", f"{current:.2f} s", "-")
        print("\nSaving")
        saved = page_speed.submit_to_saved_ms(browser, servers, runs)
        median = statistics.median(saved)
        line("quiz submit to row in results.csv", f"{median:.0f} ms (max {max(saved):.0f})", "< 100 ms", median < 100)
        print("\nKernels")
        alive, pool, memory = page_speed.kernels_after_loads(browser, servers)
        line("kernel memory holding an open module page", f"{memory:.0f} MB", "-")
        line("kernels alive after 20 page loads, tabs closed", f"{alive} (pool {pool})", f"{pool}: only the preheated pool", alive == pool)
        browser.close()
    with sync_playwright() as playwright:  # the load test starts its own staff server
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        load(browser, sessions=8)
        browser.close()


def load(browser, sessions: int) -> None:
    print(f"\nLoad: {sessions} people press save at the same moment on one staff server")
    figures = load_test.run_load_test(sessions, browser)
    lost = figures["rows_expected"] - figures["rows_written"]
    line("rows expected / written", f"{figures['rows_expected']} / {figures['rows_written']}", "none lost", lost == 0 and figures["headers"] == 1)
    line("click to rows on disk, median", f"{figures['submit_to_saved_median_ms']:.0f} ms", "-")
    line("click to rows on disk, worst", f"{figures['submit_to_saved_max_ms']:.0f} ms", "-")
    line("first click to last row saved", f"{figures['submit_wall_ms']:.0f} ms", "-")


def aggregation(rows_list: list[int], runs: int) -> None:
    print("\nAggregation: the CLI twin (read, validate, summarise, write CSV and XLSX)")
    for rows in rows_list:
        figures = aggregate_bench.measure(rows, runs)
        if figures is None:
            line(f"{rows:,} rows", "FAILED", "-")
            continue
        seconds, peak = figures["seconds"], figures["peak_bytes"] / 1024**2
        line(f"{rows:,} rows: time", f"{seconds:.2f} s", "< 5 s (1,000,000 rows)", seconds < 5)
        line(f"{rows:,} rows: peak memory", f"{peak:,.0f} MB", "< 2 GB (1,000,000 rows)", peak < 2048)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=5)
    options.add_argument("--quick", action="store_true")
    arguments = options.parse_args()
    runs = 2 if arguments.quick else arguments.runs
    print(f"Voice & Influence Workbook benchmark: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    pages(runs)
    aggregation([100_000] if arguments.quick else [100_000, 1_000_000], 1 if arguments.quick else 3)
    store_bench.run(arguments.quick)


if __name__ == "__main__":
    main()
