"""Page-speed benchmark: how fast pages become usable, and what kernels they leave behind.

    python bench/page_speed.py [--runs 5]

Prints medians of several runs, in one go, against a bare one-widget Voila notebook served
the same way (the floor), with the targets beside each figure. Not part of the test suite:
timings belong here, never in tests.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.browser.voila_server import VoilaServer  # noqa: E402

BARE_NOTEBOOK = {
    "cells": [{"cell_type": "code", "execution_count": None, "id": "w", "metadata": {}, "outputs": [],
               "source": "import ipywidgets as ipw\nw = ipw.Button(description='Ready')\nw.add_class('viw-page')\nw"}],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    "nbformat": 4, "nbformat_minor": 5,
}


@dataclass(frozen=True)
class Target:
    name: str
    notebook: str
    ready: str = ".viw-page"


PAGES = [Target("landing page", "index.ipynb")]


def first_widget_seconds(browser: Browser, url: str, ready: str, runs: int) -> tuple[float, float]:
    """Median seconds from navigation to the first usable widget: (cold cache, warm cache)."""
    cold, warm = [], []
    for _ in range(runs):
        context = browser.new_context()
        page = context.new_page()
        for bucket in (cold, warm):  # the second load reuses the first's browser cache
            started = time.perf_counter()
            page.goto(url)
            page.locator(ready).first.wait_for(state="visible", timeout=60_000)
            bucket.append(time.perf_counter() - started)
        page.close(run_before_unload=True)
        context.close()
    return statistics.median(cold), statistics.median(warm)


def kernel_memory_mb(server: VoilaServer) -> list[float]:
    sizes = []
    for pid in server.kernel_pids():
        status = Path(f"/proc/{pid}/status").read_text()
        rss_kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))
        sizes.append(rss_kb / 1024)
    return sizes


def kernels_after_loads(browser: Browser, server: VoilaServer, target: Target, loads: int = 20) -> tuple[int, float]:
    """Open and close a page `loads` times; return kernels alive afterwards and memory of one open page."""
    context = browser.new_context()
    memory = 0.0
    for number in range(loads):
        page = context.new_page()
        page.goto(f"{server.url}/voila/render/{target.notebook}")
        page.locator(target.ready).first.wait_for(state="visible", timeout=60_000)
        if number == 0:
            memory = max(kernel_memory_mb(server), default=0.0)
        page.close(run_before_unload=True)
    context.close()
    deadline = time.monotonic() + 15
    while server.kernel_pids() and time.monotonic() < deadline:
        time.sleep(0.5)
    return len(server.kernel_pids()), memory


def row(name: str, value: str, target: str) -> None:
    print(f"  {name:<48} {value:>14}   target: {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="viw-bench-"))
    floor_root = work / "floor"
    floor_root.mkdir()
    (floor_root / "bare.ipynb").write_text(json.dumps(BARE_NOTEBOOK))
    staff = VoilaServer("staff", work / "results")
    floor = VoilaServer("staff", work / "floor-results", root=floor_root)
    staff.results_dir.mkdir()
    floor.results_dir.mkdir()
    staff.start()
    floor.start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            print(f"Page speed: medians of {args.runs} runs, Chromium, this machine")
            bare_cold, bare_warm = first_widget_seconds(browser, f"{floor.url}/voila/render/bare.ipynb", ".viw-page", args.runs)
            row("bare one-widget notebook (floor), cold", f"{bare_cold:.2f} s", "-")
            row("bare one-widget notebook (floor), warm", f"{bare_warm:.2f} s", "-")
            for target in PAGES:
                cold, warm = first_widget_seconds(browser, f"{staff.url}/voila/render/{target.notebook}", target.ready, args.runs)
                row(f"{target.name}, cold", f"{cold:.2f} s = {cold / bare_cold:.2f}x", "<= 1.2x floor")
                row(f"{target.name}, warm", f"{warm:.2f} s = {warm / bare_warm:.2f}x", "<= 1.2x floor, < 1.0 s")
            alive, memory = kernels_after_loads(browser, staff, PAGES[0])
            row("kernel memory for one open page", f"{memory:.0f} MB", "-")
            row("kernels alive after 20 page loads, tabs closed", str(alive), "0")
            browser.close()
    finally:
        staff.stop()
        floor.stop()


if __name__ == "__main__":
    main()
