"""The benchmark behind ``make bench``: every speed and memory figure, with its target beside it.

    python bench/run_all.py [--runs 5] [--quick]

Medians of several runs, all in one go on this machine. Not part of the test suite: timings
belong here, never in tests. ``--quick`` uses fewer runs and skips the 1,000,000-row case.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

import aggregate_bench  # noqa: E402
import crowd  # noqa: E402
import load_test  # noqa: E402
import page_speed  # noqa: E402
import store_bench  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.browser.voila_server import VoilaServer  # noqa: E402
from widgets.server import STAFF_POOL_SIZE, staff_pool_kernels  # noqa: E402
from widgets.settings import MEMORY_SHARE_FOR_PAGES, ROOM_POOL_VARIABLE, machine_memory_mb, most_kernels  # noqa: E402


PARTS = ("pages", "load", "crowd", "aggregation", "store")


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


def load(browser, sessions: int) -> None:
    print(f"\nLoad: {sessions} people press save at the same moment on one staff server")
    figures = load_test.run_load_test(sessions, browser)
    lost = figures["rows_expected"] - figures["rows_written"]
    line("rows expected / written", f"{figures['rows_expected']} / {figures['rows_written']}", "none lost", lost == 0 and figures["headers"] == 1)
    line("click to rows on disk, median", f"{figures['submit_to_saved_median_ms']:.0f} ms", "-")
    line("click to rows on disk, worst", f"{figures['submit_to_saved_max_ms']:.0f} ms", "-")
    line("first click to last row saved", f"{figures['submit_wall_ms']:.0f} ms", "-")


def crowds() -> None:
    """Burst arrivals, kernel memory and a script's 200 requests, each against its floor."""
    work = Path(tempfile.mkdtemp(prefix="viw-crowd-"))
    floor_root = work / "floor"
    floor_root.mkdir()
    (floor_root / "bare.ipynb").write_text(json.dumps(page_speed.BARE_NOTEBOOK))
    people = 20
    staff = VoilaServer("staff", work / "staff")
    before = VoilaServer("staff", work / "before", env={ROOM_POOL_VARIABLE: "1"})  # one kernel per page, as before
    floor = VoilaServer("staff", work / "floor-results", root=floor_root, extra_args=("--pool-size", str(people)))
    for server in (staff, before, floor):
        server.results_dir.mkdir(parents=True, exist_ok=True)
    try:
        for server, pool in ((staff, staff_pool_kernels()), (before, staff_pool_kernels(room=1)),
                             (floor, people)):
            server.start()
            server.wait_for_kernel_count(pool, timeout=900)
            server.wait_until_quiet(timeout=300)
        pages = sorted(p.name for p in page_speed.ROOT.joinpath("notebooks", "staff").glob("*.ipynb"))
        print(f"\nBurst arrivals: {people} people (own Chromium contexts) within 2 s; time to a usable page")
        bare = crowd.burst(floor.url, ["bare.ipynb"] * people, {"bare.ipynb": ".viw-page"})
        line("floor: bare one-widget notebook, pool of 20: median / slowest", f"{bare.median:.1f} / {bare.slowest:.1f} s", "-")
        line("floor: pages that opened within 180 s", f"{bare.opened} of {people}", "-")
        same = crowd.burst(staff.url, ["01_why_voice.ipynb"] * people)
        line("same module page (Module 1): median", f"{same.median:.1f} s = {same.median / bare.median:.1f}x", "< 5 s", same.median < 5)
        line("same module page (Module 1): slowest", f"{same.slowest:.1f} s = {same.slowest / bare.slowest:.1f}x", "< 10 s",
             same.slowest < 10 and same.opened == people)
        old = crowd.burst(before.url, ["01_why_voice.ipynb"] * people)
        line("the same, one preheated kernel per page (before): median / slowest", f"{old.median:.1f} / {old.slowest:.1f} s", "-")
        spread = crowd.burst(staff.url, [pages[n % len(pages)] for n in range(people)])
        line(f"{people} people over the {len(pages)} staff pages (2 each): median / slowest",
             f"{spread.median:.1f} / {spread.slowest:.1f} s", "-")
        line("pages that opened within 180 s (same, before, spread)", f"{same.opened}, {old.opened}, {spread.opened} of {people}", "all",
             min(same.opened, spread.opened) == people)
        before.stop()
        floor.stop()
        staff.wait_for_kernel_count(staff_pool_kernels(), timeout=300)
        staff.wait_until_quiet(timeout=300)
        print("\nKernel memory (RSS / PSS; PSS counts shared libraries once, so PSS adds up)")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for notebook, (rss, pss, opened) in crowd.page_memory(browser, staff, pages).items():
                line(f"waiting in the pool: {notebook} (RSS once open)", f"{rss:.0f} / {pss:.0f} MB ({opened:.0f})", "<= 100 MB", rss <= 100)
            rss, pss = crowd.after_full_quiz(browser, staff)
            line("module page after a whole quiz (signed in, rated, passed)", f"{rss:.0f} / {pss:.0f} MB", "-")
            rss, pss = crowd.after_self_assessment(browser, staff)
            line("self-assessment after submitting (report and PDF made)", f"{rss:.0f} / {pss:.0f} MB", "-")
            staff.wait_for_kernel_count(staff_pool_kernels(), timeout=300)
            staff.wait_until_quiet(timeout=300)
            rss, pss, kernels = crowd.server_memory_mb(staff)
            line(f"whole staff server with its pool ({kernels} kernels)", f"{rss:,.0f} / {pss:,.0f} MB", "-")
            print("\nA script asks for 200 pages (40 at a time, from another address), then a person opens one")
            cap = machine_memory_mb() * MEMORY_SHARE_FOR_PAGES + pss
            flooded = crowd.flood(staff, "index.ipynb")
            line("server still up; pages / busy pages / failures", f"{'yes' if flooded['alive'] else 'NO'}; {flooded['pages']:.0f} / "
                 f"{flooded['busy']:.0f} / {flooded['failed']:.0f}", "up, none failed", bool(flooded["alive"]) and flooded["failed"] == 0)
            line("peak memory of the whole server (PSS)", f"{flooded['peak_pss']:,.0f} MB", f"< {cap:,.0f} MB (cap: {most_kernels()} page kernels)",
                 flooded["peak_pss"] < cap)
            context = browser.new_context()
            page = context.new_page()
            seconds = page_speed.time_to_widget(page, f"{staff.url}/voila/render/01_why_voice.ipynb", ".viw-sign-in")
            line("a person's page meanwhile: time to usable", f"{seconds:.1f} s", "opens")
            page.close(run_before_unload=True)
            context.close()
            browser.close()
    finally:
        for server in (staff, before, floor):
            if server.process is not None:
                server.stop()
        shutil.rmtree(work, ignore_errors=True)


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
    options.add_argument("--only", nargs="+", choices=PARTS, default=list(PARTS), help="run these parts only")
    arguments = options.parse_args()
    runs = 2 if arguments.quick else arguments.runs
    print(f"Voice & Influence Workbook benchmark: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    if "pages" in arguments.only:
        pages(runs)
    if "load" in arguments.only:
        with sync_playwright() as playwright:  # the load test starts its own staff server
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            load(browser, sessions=8)
            browser.close()
    if "crowd" in arguments.only:
        crowds()
    if "aggregation" in arguments.only:
        aggregation([100_000] if arguments.quick else [100_000, 1_000_000], 1 if arguments.quick else 3)
    if "store" in arguments.only:
        store_bench.run(arguments.quick)


if __name__ == "__main__":
    main()
