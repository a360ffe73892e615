"""Page speed: how fast pages become usable, how fast a submission is saved, and what kernels
pages leave behind. Used by bench/run_all.py (``make bench``); timings belong here, never in tests.

Every page is measured against a bare one-widget notebook served the same way in the same run
(the floor): with preheated kernels, as the staff and trainer servers serve every page. The
trainer's store holds ``DASHBOARD_ROWS`` results, so the dashboard has figures to draw.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Page  # noqa: E402

from tests.browser.ready_clock import ReadyClock  # noqa: E402
from tests.browser.emodule_steps import check, choose, drawn, go_to_step, rate_all, sign_in  # noqa: E402
from tests.emodule_helpers import right_answer  # noqa: E402
from tests.browser.voila_server import VoilaServer  # noqa: E402
from widgets.settings import POOL_REFILL_VARIABLE  # noqa: E402
from aggregate_bench import generate  # noqa: E402
from widgets.content import load_content  # noqa: E402
from widgets.results import ResultsStore  # noqa: E402
from widgets.server import STAFF_POOL_SIZE, TRAINER_POOL_SIZE, staff_pool_kernels  # noqa: E402

TOKEN = "bench-token-not-secret-123"
DASHBOARD_ROWS = 10_000  # e.g. a county's year: about 450 learners' quizzes and 150 self-assessments
NEW_RESULTS_READ = "are in every view now"  # the dashboard's message once it has read new results
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
    ready: str  # CSS for the first usable widget: the first visible match
    server: str  # "staff" or "trainer"


PAGES = [
    Target("landing page", "index.ipynb", ".viw-landing", "staff"),
    Target("module (The Lundy model)", "02_lundy.ipynb", ".viw-module button", "staff"),
    Target("self-assessment (IV Standard 4)", "assess_iv_standard_4.ipynb", ".viw-assessment input", "staff"),
    Target("trainer dashboard", "dashboard.ipynb", ".viw-dashboard button", "trainer"),
]


class Servers:
    """The staff and trainer servers, and the two floors, on free ports for one benchmark run."""

    def __init__(self) -> None:
        work = Path(tempfile.mkdtemp(prefix="viw-bench-"))
        floor = work / "floor"
        floor.mkdir()
        (floor / "bare.ipynb").write_text(json.dumps(BARE_NOTEBOOK))
        for name in ("staff", "trainer", "floor-preheated", "floor-plain"):
            (work / name).mkdir()
        ResultsStore(work / "trainer").import_rows(generate(DASHBOARD_ROWS), origin="bench")
        # One person at a quiet moment, the pool full: each visit waits for the refill anyway, so
        # the refill starts at once here rather than after VIW_POOL_REFILL_SECONDS (a room's setting).
        at_once = {POOL_REFILL_VARIABLE: "0"}
        self.staff = VoilaServer("staff", work / "staff", env=at_once)
        self.trainer = VoilaServer("trainer", work / "trainer", env={"VIW_TRAINER_TOKEN": TOKEN, **at_once})
        self.floor_preheated = VoilaServer("staff", work / "floor-preheated", root=floor, env=at_once)
        self.floor_plain = VoilaServer("staff", work / "floor-plain", root=floor, extra_args=("--pool-size", "0"))
        self.all = (self.staff, self.trainer, self.floor_preheated, self.floor_plain)

    def __enter__(self) -> "Servers":
        try:
            for server in self.all:
                server.start()
            self.staff.wait_for_kernel_count(staff_pool_kernels(), timeout=180)
            self.trainer.wait_for_kernel_count(TRAINER_POOL_SIZE, timeout=60)
            self.floor_preheated.wait_for_kernel_count(STAFF_POOL_SIZE, timeout=60)
            for server in self.all:
                server.wait_until_quiet()
        except BaseException:  # one server did not start: the others (and their kernels) stop too
            self.__exit__()
            raise
        return self

    def __exit__(self, *_: object) -> None:
        for server in self.all:
            if server.process is not None:
                server.stop()

    def pool(self, target: Target) -> int:
        return staff_pool_kernels() if target.server == "staff" else TRAINER_POOL_SIZE

    def url(self, target: Target) -> str:
        if target.server == "trainer":
            return f"{self.trainer.url}/voila/render/{target.notebook}?token={TOKEN}"
        return f"{self.staff.url}/voila/render/{target.notebook}"


def wait_for_refill(server: VoilaServer, before: set[int], pool: int, timeout: float = 120) -> None:
    """After a visit took a preheated kernel: wait until the pool is back to ``pool`` kernels
    with a new one among them (Voila refills after a delay), and everything is quiet again."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        alive = set(server.kernel_pids())
        if len(alive) == pool and (pool == 0 or alive - before):
            break
        time.sleep(0.2)
    server.wait_until_quiet()


def time_to_widget(page: Page, url: str, ready: str) -> float:
    """Seconds from asking for the page to the first frame showing ``ready`` (CSS), as the page saw it."""
    clock = ReadyClock.of(page)
    clock.watch(ready)
    clock.open(url)
    return clock.seconds(ready)


def first_widget(browser: Browser, server: VoilaServer, url: str, ready: str, runs: int, pool: int) -> tuple[float, float]:
    """Median seconds from navigation to the first usable widget: (cold cache, warm cache).

    Between visits the server's preheated pool (``pool`` kernels) refills and goes quiet, so
    every visit meets the server as a person arriving at a quiet moment would."""
    cold: list[float] = []
    warm: list[float] = []
    for _ in range(runs):
        context = browser.new_context()
        page = context.new_page()
        for bucket in (cold, warm):  # the second visit reuses the first one's browser cache
            waiting = set(server.kernel_pids())
            bucket.append(time_to_widget(page, url, ready))
            page.goto("about:blank")  # leaving the page shuts its kernel down
            wait_for_refill(server, waiting, pool)
        page.close(run_before_unload=True)
        context.close()
    return statistics.median(cold), statistics.median(warm)


def submit_to_saved_ms(browser: Browser, servers: Servers, runs: int) -> list[float]:
    """Milliseconds from clicking the quiz's last "Check answer" to its rows being in results.csv."""
    content = load_content()
    quiz = content.quiz_for(content.module("lundy"))
    results = servers.staff.results_dir / "results.csv"
    timings = []
    for run in range(runs):
        context = browser.new_context()
        page = context.new_page()
        before = set(servers.staff.kernel_pids())
        page.goto(f"{servers.staff.url}/voila/render/02_lundy.ipynb")
        sign_in(page, f"Bench learner {run}", "Bench county")
        rate_all(page, "before")
        go_to_step(page, len(content.module("lundy").steps) + 1, len(content.module("lundy").steps) + 1)
        *first, last = drawn(page, quiz)  # this attempt's questions
        for item in first:
            check(choose(page, item, right_answer(item)), item)
        card = choose(page, last, right_answer(last))
        size = results.stat().st_size if results.exists() else 0
        started = time.perf_counter()
        card.get_by_role("button", name="Check answer").click()
        while not results.exists() or results.stat().st_size == size:
            time.sleep(0.002)
        timings.append((time.perf_counter() - started) * 1000)
        page.close(run_before_unload=True)
        context.close()
        wait_for_refill(servers.staff, before, staff_pool_kernels())
    return timings


def dashboard_with_new_results(browser: Browser, servers: Servers, runs: int) -> tuple[float, float]:
    """Rows saved after the dashboard's kernel was preheated: median seconds to the first usable
    widget, and until every view shows the new rows (warm browser cache)."""
    target = next(t for t in PAGES if t.server == "trainer")
    context = browser.new_context()
    page = context.new_page()
    before = set(servers.trainer.kernel_pids())
    time_to_widget(page, servers.url(target), target.ready)  # fills the browser cache
    first, current = [], []
    clock = ReadyClock.of(page)
    clock.watch(".viw-status", NEW_RESULTS_READ)
    for run in range(runs):
        page.goto("about:blank")
        wait_for_refill(servers.trainer, before, TRAINER_POOL_SIZE)
        before = set(servers.trainer.kernel_pids())
        # Rows of submissions not stored yet (the same rows again would add nothing).
        new_rows = generate(20, seed=1000 + run).fillna("").astype(str).to_dict("records")
        ResultsStore(servers.trainer.results_dir).import_rows(new_rows, origin="bench")
        first.append(time_to_widget(page, servers.url(target), target.ready))
        current.append(clock.seconds(".viw-status", NEW_RESULTS_READ))
    page.goto("about:blank")
    wait_for_refill(servers.trainer, before, TRAINER_POOL_SIZE)
    context.close()
    return statistics.median(first), statistics.median(current)


def kernel_memory_mb(server: VoilaServer) -> list[float]:
    sizes = []
    for pid in server.kernel_pids():
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))) / 1024)
    return sizes


def kernels_after_loads(browser: Browser, servers: Servers, loads: int = 20) -> tuple[int, int, float]:
    """Open and close pages ``loads`` times; return (kernels alive after, the preheated pool,
    median memory of a kernel holding an open module page)."""
    context = browser.new_context()
    memory = []
    targets = [t for t in PAGES if t.server == "staff"]
    for number in range(loads):
        target = targets[number % len(targets)]
        page = context.new_page()
        time_to_widget(page, servers.url(target), target.ready)
        if target.notebook == "02_lundy.ipynb":
            memory.append(max(kernel_memory_mb(servers.staff)))
        page.close(run_before_unload=True)
    context.close()
    pool = staff_pool_kernels()
    alive = servers.staff.wait_for_kernel_count(pool, timeout=60)
    return alive, pool, statistics.median(memory)
