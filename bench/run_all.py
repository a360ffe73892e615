"""The benchmark behind ``make bench``: every speed and memory figure, with its target beside it.

    python bench/run_all.py [--runs 5] [--quick] [--only PART ...] [--people N]

Medians of several runs, all in one go on this machine. Not part of the test suite: timings
belong here, never in tests. ``--quick`` uses fewer runs and skips the 1,000,000-row case;
``--people 5`` makes the crowd part's bursts (and Module 1's pool) smaller, for trying it out.
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
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Error as PlaywrightError  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

import aggregate_bench  # noqa: E402
import crowd  # noqa: E402
import load_test  # noqa: E402
from machine import QUIET_SHARE, wait_for_quiet_machine  # noqa: E402
import page_speed  # noqa: E402
import store_bench  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.browser.voila_server import VoilaServer  # noqa: E402
from widgets.server import STAFF_POOL_SIZE, pool_sizes, staff_pool_kernels  # noqa: E402
from widgets.settings import (MEMORY_SHARE_FOR_PAGES, MOST_KERNELS_PER_ADDRESS_VARIABLE, POOL_REFILL_VARIABLE, ROOM_POOL_VARIABLE,  # noqa: E402
                             machine_memory_mb, most_kernels, staff_notebooks_dir)


PARTS = ("pages", "load", "crowd", "aggregation", "store")
ROOM = 20  # people in the burst: a training room
ONE_ADDRESS_KERNELS = 1000  # the bursts' servers: every benchmark browser comes from 127.0.0.1


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


def settle(server: VoilaServer, pool: int) -> None:
    """Wait until the server's pool is full again and it has gone quiet."""
    server.wait_for_kernel_count(pool, timeout=600)
    server.wait_until_quiet(timeout=300)


def crowds(people: int, runs: int, room: int | None) -> None:
    """Burst arrivals (the server's part, the browser's own part, and all browsers on this
    machine), kernel memory and a script's 200 requests, each against its floor."""
    work = Path(tempfile.mkdtemp(prefix="viw-crowd-"))
    floor_root = work / "floor"
    floor_root.mkdir()
    (floor_root / "bare.ipynb").write_text(json.dumps(page_speed.BARE_NOTEBOOK))
    # The benchmark's browsers all come from 127.0.0.1; a room's people come from devices of
    # their own. The servers the bursts use let that one address have many page kernels.
    one_address = {MOST_KERNELS_PER_ADDRESS_VARIABLE: str(ONE_ADDRESS_KERNELS)}
    rooms = {ROOM_POOL_VARIABLE: str(room)} if room else {}
    staff = VoilaServer("staff", work / "staff", env={**one_address, **rooms})
    before = VoilaServer("staff", work / "before", env={ROOM_POOL_VARIABLE: "1", POOL_REFILL_VARIABLE: "0"})  # as before: one kernel a page, refilled at once; default caps
    floor = VoilaServer("staff", work / "floor-results", root=floor_root, extra_args=("--pool-size", str(people)), env=one_address)
    pools = {staff: staff_pool_kernels(room=room), before: staff_pool_kernels(room=1), floor: people}
    for server in (staff, before, floor):
        server.results_dir.mkdir(parents=True, exist_ok=True)
    try:
        for server, pool in pools.items():
            server.start()
            settle(server, pool)
        pages = sorted(p.name for p in page_speed.ROOT.joinpath("notebooks", "staff").glob("*.ipynb"))
        module, spread_pages = "01_why_voice.ipynb", [pages[n % len(pages)] for n in range(people)]
        print(f"\nBurst arrivals: {people} people within 2 s; time to a usable page (Module 1: {module}, "
              f"its pool {pool_sizes(staff_notebooks_dir(), STAFF_POOL_SIZE, room)[module]})")
        print(f"  The benchmark's browsers all come from 127.0.0.1 (a room's from devices of their own), so the servers of the "
              f"bursts allow one address {ONE_ADDRESS_KERNELS} page kernels ({MOST_KERNELS_PER_ADDRESS_VARIABLE}).")

        print(f"\n One person alone on the quiet server, one Chromium (median of {runs}; other staff pages once): time to usable,"
              "\n the server's part (the same requests by the protocol client, no browser), and the browser's own part (the rest)")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            alone = {"bare.ipynb": crowd.browser_part(browser, floor, "bare.ipynb", ".viw-page", people, runs)}
            for name in [module, *sorted(set(spread_pages) - {module})]:
                alone[name] = crowd.browser_part(browser, staff, name, crowd.ready_selector(name), pools[staff], runs if name == module else 1)
            browser.close()
        for name, one in alone.items():
            label = "floor: bare one-widget notebook" if name == "bare.ipynb" else name
            line(f"{label}: Chromium / server's part / browser's part", f"{one.chromium:.2f} / {one.server:.2f} / {one.browser:.2f} s", "-")
        static = {name: one.static for name, one in alone.items()}
        line("static files a page fetches (each person's browser asks for them)", f"{len(static[module])} files", "-")

        print(f"\n The server's part under the burst: {people} protocol clients, each from its own address, doing what a person's"
              "\n browser asks of the server (page, static files, kernel websocket, widget states); no browser on this machine")
        bursts, whole_cpu, busy_before = [], [], []
        for server, burst_pages in ((floor, ["bare.ipynb"] * people), (staff, [module] * people), (before, [module] * people),
                                    (staff, spread_pages)):
            busy_before.append(wait_for_quiet_machine())
            cpu = crowd.whole_server_cpu_seconds(server)
            bursts.append(crowd.server_burst(server, burst_pages, static))
            settle(server, pools[server])
            whole_cpu.append(crowd.whole_server_cpu_seconds(server) - cpu)
        bare, same, old, spread = bursts
        figures = (("floor: bare one-widget notebook, pool of {people}", bare), ("same page (Module 1)", same),
                   ("the same, one preheated kernel a page refilled at once (before)", old), (f"over the {len(pages)} staff pages", spread))
        for name, measured in figures:
            line(f"{name.format(people=people)}: median / slowest", f"{measured.median:.2f} / {measured.slowest:.2f} s", "-")
        for (name, measured), cpu in zip(figures, whole_cpu):
            line(f"{name.format(people=people)}: CPU a person, pool refill included", f"{cpu / people:.2f} s "
                 f"(Voila {measured.server_cpu / people:.2f} s)", "-")
        line("pages opened within 180 s (floor, same, before, spread)", ", ".join(f"{b.opened}" for _, b in figures) + f" of {people}",
             "all", all(b.opened == people for _, b in figures))
        for stopped in sorted({why for _, b in figures for why in b.stopped}):
            print(f"    not opened: {sum(b.stopped.count(stopped) for _, b in figures)} stopped at {stopped}")
        line("the machine's CPU in use just before each burst (of one core)", ", ".join(f"{m:.0%}" for m in busy_before),
             f"< {QUIET_SHARE:.0%}", all(m < QUIET_SHARE for m in busy_before))
        line("busy pages met; CPU of the measuring process (all four bursts)", f"{sum(b.busy for _, b in figures)}; "
             f"{sum(b.client_cpu for _, b in figures):.1f} s", "-")

        print("\n Estimated time to usable for a person on their own device: the server's part under the burst (above)"
              "\n plus the browser's own part measured alone (a device about as fast as one core of this machine)")
        bare_own = bare.plus([alone["bare.ipynb"].browser] * people)
        same_own = same.plus([alone[module].browser] * people)
        spread_own = spread.plus([alone[name].browser for name in spread_pages])
        line(f"floor: bare one-widget notebook, pool of {people}: median / slowest", f"{bare_own.median:.1f} / {bare_own.slowest:.1f} s", "-")
        line("same page (Module 1): median", f"{same_own.median:.1f} s = {same_own.median / bare_own.median:.1f}x floor", "< 5 s",
             same_own.median < 5)
        line("same page (Module 1): slowest", f"{same_own.slowest:.1f} s = {same_own.slowest / bare_own.slowest:.1f}x floor", "< 10 s",
             same_own.slowest < 10 and same_own.opened == people)
        line(f"over the {len(pages)} staff pages: median / slowest", f"{spread_own.median:.1f} / {spread_own.slowest:.1f} s", "-")

        print(f"\n Upper bound: every person a Chromium context on this machine ({people} browsers' JavaScript and rendering"
              f"\n share the server's {os.cpu_count()} cores; a room's browsers do not)")
        shared = []
        for server, burst_pages in ((floor, ["bare.ipynb"] * people), (staff, [module] * people), (staff, spread_pages)):
            shared.append(crowd.burst(server.url, burst_pages, {"bare.ipynb": ".viw-page"}))
            settle(server, pools[server])
        for (name, _), measured in zip((figures[0], figures[1], figures[3]), shared):
            line(f"{name.format(people=people)}: median / slowest", f"{measured.median:.1f} / {measured.slowest:.1f} s", "-")
        line("pages opened within 180 s (floor, same, spread)", ", ".join(f"{b.opened}" for b in shared) + f" of {people}", "-")
        floor.stop()

        print("\nKernel memory (RSS / PSS; PSS counts shared libraries once, so PSS adds up)")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for notebook, waiting in crowd.page_memory(browser, staff, pages).items():
                if isinstance(waiting, str):
                    line(f"waiting in the pool: {notebook}", waiting, "<= 100 MB", False)
                    continue
                rss, pss, opened = waiting
                line(f"waiting in the pool: {notebook} (RSS once open)", f"{rss:.0f} / {pss:.0f} MB ({opened:.0f})", "<= 100 MB", rss <= 100)
            measure("module page after a whole quiz (signed in, rated, passed)", lambda: crowd.after_full_quiz(browser, staff))
            measure("self-assessment after submitting (report and PDF made)", lambda: crowd.after_self_assessment(browser, staff))
            settle(staff, pools[staff])
            rss, pss, kernels = crowd.server_memory_mb(staff)
            line(f"whole staff server with its pool ({kernels} kernels)", f"{rss:,.0f} / {pss:,.0f} MB", "-")
            staff.stop()

            print(f"\nA script asks for 200 pages (40 at a time, from {crowd.SCRIPT_ADDRESS}), then a person opens one;"
                  "\n on a staff server with the default caps (and one preheated kernel per page, to start quickly)")
            settle(before, pools[before])
            _, pool_pss, _ = crowd.server_memory_mb(before)
            cap = machine_memory_mb() * MEMORY_SHARE_FOR_PAGES + pool_pss
            flooded = crowd.flood(before, "index.ipynb")
            line("server still up; pages / busy pages / failures", f"{'yes' if flooded['alive'] else 'NO'}; {flooded['pages']:.0f} / "
                 f"{flooded['busy']:.0f} / {flooded['failed']:.0f}", "up, none failed", bool(flooded["alive"]) and flooded["failed"] == 0)
            line("peak memory of the whole server (PSS)", f"{flooded['peak_pss']:,.0f} MB", f"< {cap:,.0f} MB (cap: {most_kernels()} page kernels)",
                 flooded["peak_pss"] < cap)
            context = browser.new_context()
            page = context.new_page()
            try:
                seconds = page_speed.time_to_widget(page, f"{before.url}/voila/render/{module}", ".viw-sign-in")
                line("a person's page meanwhile: time to usable", f"{seconds:.1f} s", "opens", True)
            except PlaywrightError:
                line("a person's page meanwhile", "did not open within 90 s", "opens", False)
            page.close(run_before_unload=True)
            context.close()
            browser.close()
    finally:
        for server in (staff, before, floor):
            if server.process is not None:
                server.stop()
        shutil.rmtree(work, ignore_errors=True)


def measure(name: str, figures: Callable[[], tuple[float, float]]) -> None:
    """One memory line; a step that fails is printed as such, and the benchmark goes on."""
    try:
        rss, pss = figures()
    except PlaywrightError as error:
        line(name, "FAILED", "-", False)
        print(f"    {str(error).splitlines()[0]}")
        return
    line(name, f"{rss:.0f} / {pss:.0f} MB", "-")


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
    options.add_argument("--people", type=int, help=f"crowd: people in each burst (default {ROOM}; fewer also sizes Module 1's pool to them)")
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
        crowds(arguments.people or ROOM, 2 if arguments.quick else 3, arguments.people)
    if "aggregation" in arguments.only:
        aggregation([100_000] if arguments.quick else [100_000, 1_000_000], 1 if arguments.quick else 3)
    if "store" in arguments.only:
        store_bench.run(arguments.quick)


if __name__ == "__main__":
    main()
