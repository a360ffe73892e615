"""A training room at once, and a script that asks for page after page: burst arrivals, kernel
memory, and the staff server under 200 page requests. Used by bench/run_all.py (``make bench``).

- ``server_burst``: people arriving evenly within a couple of seconds, each doing what their
  browser asks of the server (``page_visit``: the page, its static files, the kernel's
  websocket and the widget states), without a browser: the server's part of their time to a
  usable page, as in a room where every browser runs on its own device.
- ``browser_part``: one person alone in Chromium on the quiet server, and the same visit by the
  protocol client: the difference is what the browser itself adds (its JavaScript, rendering).
- ``burst``: the same room with every person a Chromium context on this machine. All the
  browsers then share the server's cores, so this is an upper bound, not a room's figure.
- ``page_memory``: each staff page's kernel as it waits in the pool (taken by a visitor who has
  done nothing yet), and a module's and a self-assessment's after a whole quiz or submission;
  RSS and PSS (PSS shares libraries fairly between kernels, so PSS figures add up).
- ``flood``: 200 page requests from a script at another loopback address, many at once; then
  a person in Chromium opens a page.

Each burst's floor is the same burst on a bare one-widget notebook with a pool as large as the
crowd, in the same run.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import statistics
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.async_api import async_playwright  # noqa: E402
from playwright.sync_api import Browser, Page  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402

import page_visit  # noqa: E402
from tests.browser.ready_clock import READ, watch_script  # noqa: E402
from page_speed import wait_for_refill  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.browser.emodule_steps import check, choose, drawn, go_to_step, rate_all, sign_in  # noqa: E402
from tests.browser.voila_server import VoilaServer  # noqa: E402
from tests.emodule_helpers import right_answer  # noqa: E402
from widgets.content import load_content  # noqa: E402
from widgets.ui.deferred import PAGE_OPENS_SECONDS  # noqa: E402

# The first usable part of each kind of page (a module's sign-in, a self-assessment's first answer).
READY = {"index.ipynb": ".viw-landing", "glossary.ipynb": ".viw-glossary", "follow_up.ipynb": ".viw-follow-up",
         "assess": ".viw-assessment input", "module": ".viw-sign-in"}
SCRIPT_ADDRESS = "127.0.0.2"  # the script's requests come from here; the person's from 127.0.0.1


def ready_selector(notebook: str) -> str:
    if notebook in READY:
        return READY[notebook]
    return READY["assess"] if notebook.startswith("assess_") else READY["module"]


@dataclass(frozen=True)
class Burst:
    """Each person's seconds to a usable page, in order of arrival (None: not within the time
    allowed), the busy pages they met on the way, the CPU seconds the Voila server process used
    (its kernels not counted), and those the measuring process itself used (it shares the
    machine with the server)."""
    times: tuple[float | None, ...]
    busy: int = 0
    server_cpu: float = 0.0
    client_cpu: float = 0.0
    stopped: tuple[str, ...] = ()  # where the pages that did not open stopped

    @property
    def people(self) -> int:
        return len(self.times)

    @property
    def opened(self) -> int:
        return len(self._opened())

    @property
    def median(self) -> float:
        opened = self._opened()
        return statistics.median(opened) if opened else float("nan")

    @property
    def slowest(self) -> float:
        return max(self._opened(), default=float("nan"))

    def _opened(self) -> list[float]:
        return [t for t in self.times if t is not None]

    def plus(self, seconds: list[float]) -> "Burst":
        """Each person's time with ``seconds[n]`` added (their browser's own part)."""
        return Burst(tuple(None if t is None else t + extra for t, extra in zip(self.times, seconds)), self.busy)


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def whole_server_cpu_seconds(server: VoilaServer) -> float:
    """CPU time the server and its kernels have used so far, kernels that have ended included
    (Voila waits for its kernels, so theirs is in its children's time)."""
    assert server.process is not None
    fields = Path(f"/proc/{server.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    own = sum(int(fields[n]) for n in (11, 12, 13, 14)) / os.sysconf("SC_CLK_TCK")
    kernels = 0.0
    for pid in server.kernel_pids():
        try:
            kernels += cpu_seconds(pid)
        except OSError:  # ended meanwhile: its time is in Voila's children's now
            continue
    return own + kernels


def server_burst(server: VoilaServer, pages: list[str], static: dict[str, tuple[str, ...]], within: float = 2.0,
                 timeout: float = 180) -> Burst:
    """``len(pages)`` people, arriving evenly within ``within`` seconds, each asking the server
    for what their browser would to open one page (``page_visit.open_page``), from an address
    of their own. ``static`` holds the static files a real visit of each page fetched."""
    async def run() -> list[page_visit.Opened]:
        async def arrive(number: int, page_name: str) -> page_visit.Opened:
            await asyncio.sleep(within * number / len(pages))
            return await page_visit.open_page(server.url, page_name, static[page_name], page_visit.person_address(number), timeout)
        return await asyncio.gather(*(arrive(n, name) for n, name in enumerate(pages)))

    assert server.process is not None
    client, voila = time.process_time(), cpu_seconds(server.process.pid)
    results = page_visit.run_apart(run())
    return Burst(tuple(r.seconds for r in results), sum(r.busy for r in results), cpu_seconds(server.process.pid) - voila,
                 time.process_time() - client, tuple(r.stopped for r in results if r.seconds is None))


@dataclass(frozen=True)
class Alone:
    """One person opening a page on a quiet server: in Chromium, and by the protocol client
    (the server's part); medians in seconds, and the static files the Chromium visit fetched."""
    chromium: float
    server: float
    static: tuple[str, ...]

    @property
    def browser(self) -> float:
        """What the browser itself adds: its JavaScript, layout and rendering, here on one of
        this machine's cores (in a room, on each person's own device)."""
        return max(0.0, self.chromium - self.server)


def browser_part(browser: Browser, server: VoilaServer, page: str, ready: str, pool: int, runs: int) -> Alone:
    """``runs`` visits of ``page`` in Chromium (cold cache each) and as many by the protocol
    client, one at a time, the pool refilled and the server quiet before each."""
    chromium, protocol = [], []
    static: tuple[str, ...] = ()
    for _ in range(runs):
        waiting = set(server.kernel_pids())
        seconds, static = page_visit.static_files(browser, f"{server.url}/voila/render/{page}", ready)
        chromium.append(seconds)
        wait_for_refill(server, waiting, pool)
        waiting = set(server.kernel_pids())
        alone = page_visit.run_apart(page_visit.open_page(server.url, page, static, page_visit.person_address(0)))
        if alone.seconds is not None:
            protocol.append(alone.seconds)
        wait_for_refill(server, waiting, pool)
    return Alone(statistics.median(chromium), statistics.median(protocol) if protocol else float("nan"), static)


def burst(url: str, pages: list[str], selector: dict[str, str] | None = None, within: float = 2.0,
          timeout: float = 180) -> Burst:
    """``len(pages)`` people, arriving evenly within ``within`` seconds, each opening one page in
    a Chromium context of their own, all on this machine: an upper bound for a room."""
    async def run() -> Burst:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            contexts = [await browser.new_context() for _ in pages]
            tabs = [await context.new_page() for context in contexts]

            async def arrive(number: int, page_name: str) -> float | None:
                await asyncio.sleep(within * number / len(pages))
                key, script = watch_script((selector or {}).get(page_name) or ready_selector(page_name))
                try:
                    await tabs[number].add_init_script(script)
                    asked = time.time()
                    await tabs[number].goto(f"{url}/voila/render/{page_name}", timeout=timeout * 1000)
                    shown = await tabs[number].wait_for_function(READ, arg=key, polling="raf", timeout=timeout * 1000)
                except Exception:  # noqa: BLE001 - a page that never opened is counted, not fatal
                    return None
                return float(await shown.json_value()) / 1000 - asked

            times = await asyncio.gather(*(arrive(n, name) for n, name in enumerate(pages)))
            for tab in tabs:
                await tab.close(run_before_unload=True)
            for context in contexts:
                await context.close()
            await browser.close()
        return Burst(tuple(times))
    return asyncio.run(run())


def memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of one process in MB."""
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    values = {line.split(":")[0]: int(line.split()[1]) for line in rollup.splitlines()[1:] if line.split()[-1] == "kB"}
    return values["Rss"] / 1024, values["Pss"] / 1024


def server_memory_mb(server: VoilaServer) -> tuple[float, float, int]:
    """The whole server, its kernels included: (RSS sum, PSS sum, kernels)."""
    assert server.process is not None
    pids = [server.process.pid, *server.kernel_pids()]
    sizes = []
    for pid in pids:
        try:
            sizes.append(memory_mb(pid))
        except OSError:
            continue
    return sum(s[0] for s in sizes), sum(s[1] for s in sizes), len(pids) - 1


def kernel_pid(server: VoilaServer, page: Page) -> int:
    """The kernel serving this open page (its id is in Voila's page configuration)."""
    kernel_id = json.loads(page.locator("#jupyter-config-data").text_content() or "{}")["kernelId"]
    for pid in server.kernel_pids():
        if kernel_id.encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
            return pid
    raise LookupError(f"no kernel process for {kernel_id}")


def page_memory(browser: Browser, server: VoilaServer, notebooks: list[str],
                timeout: float = 120) -> dict[str, tuple[float, float, float] | str]:
    """Each page's kernel as it waited in the pool (RSS, PSS: measured on every waiting kernel
    just before the visit, then picked out by the kernel the page got), and its RSS once the
    page is open and has loaded what a first save needs; or why there is no figure."""
    figures: dict[str, tuple[float, float, float] | str] = {}
    for notebook in notebooks:
        server.wait_until_quiet(timeout=timeout)
        waiting = {pid: memory_mb(pid) for pid in server.kernel_pids()}
        try:
            with tab(browser) as page:
                page.goto(f"{server.url}/voila/render/{notebook}", timeout=timeout * 1000)
                page.locator(ready_selector(notebook)).first.wait_for(state="visible", timeout=timeout * 1000)
                pid = kernel_pid(server, page)
                time.sleep(PAGE_OPENS_SECONDS + 3)  # the store's imports, a few seconds after the page opens
                figures[notebook] = (*waiting[pid], memory_mb(pid)[0]) if pid in waiting else "its kernel was not from the pool"
        except PlaywrightError:
            figures[notebook] = f"did not open within {timeout:.0f} s"
        except LookupError as error:
            figures[notebook] = str(error)
    return figures


@contextmanager
def tab(browser: Browser) -> Iterator[Page]:
    """A tab of a fresh browser context, closed as a person closes it (its kernel stopped) even
    when a step in it failed, so the server's pool settles again."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(90_000)
    try:
        yield page
    finally:
        page.close(run_before_unload=True)
        context.close()


def after_full_quiz(browser: Browser, server: VoilaServer, module: str = "lundy", notebook: str = "02_lundy.ipynb") -> tuple[float, float]:
    """A module's kernel after signing in, rating, and passing the quiz (rows saved)."""
    content = load_content()
    steps = len(content.module(module).steps)
    quiz = content.quiz_for(content.module(module))
    with tab(browser) as page:
        page.goto(f"{server.url}/voila/render/{notebook}", timeout=120_000)
        sign_in(page, "Bench memory", "Bench county")
        rate_all(page, "before")
        go_to_step(page, steps + 1, steps + 1)
        for item in drawn(page, quiz):  # this attempt's questions
            check(choose(page, item, right_answer(item)), item)
        time.sleep(1)  # the last rows are written as the feedback shows
        return memory_mb(kernel_pid(server, page))


def after_self_assessment(browser: Browser, server: VoilaServer, notebook: str = "assess_lundy_checklist.ipynb") -> tuple[float, float]:
    """A self-assessment's kernel after rating every item and submitting (report and PDF made)."""
    from tests.browser.assessment_helpers import fill_details, submit_and_confirm

    with tab(browser) as page:
        page.goto(f"{server.url}/voila/render/{notebook}", timeout=120_000)
        page.locator(READY["assess"]).first.wait_for(state="visible")
        fill_details(page, organisation="Bench county", respondent="Bench memory")
        radios = page.locator(".viw-assessment input[type=radio]")
        for name in dict.fromkeys(radios.evaluate_all("inputs => inputs.map(i => i.name)")):
            page.locator(f".viw-assessment input[type=radio][name='{name}']").first.check()
        submit_and_confirm(page, timeout=90_000)  # "check your answers" comes before every submit
        page.locator(".viw-result h2").first.wait_for(timeout=120_000)
        return memory_mb(kernel_pid(server, page))


def flood(server: VoilaServer, notebook: str, requests: int = 200, at_once: int = 40) -> dict[str, float]:
    """``requests`` page requests from a script, ``at_once`` in flight; the peak memory of the
    server meanwhile; then whether, and how fast, a person's page opens."""
    statuses: list[int] = []
    lock = threading.Semaphore(at_once)
    peak = [0.0, 0.0]
    done = threading.Event()

    def ask() -> None:
        with lock:
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120, source_address=(SCRIPT_ADDRESS, 0))
            try:
                connection.request("GET", f"/voila/render/{notebook}")
                reply = connection.getresponse()
                reply.read()
                statuses.append(reply.status)
            except OSError:
                statuses.append(0)
            finally:
                connection.close()

    def watch() -> None:
        while not done.is_set():
            rss, pss, _ = server_memory_mb(server)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            time.sleep(0.5)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    started = time.perf_counter()
    askers = [threading.Thread(target=ask) for _ in range(requests)]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join()
    seconds = time.perf_counter() - started
    done.set()
    watcher.join()
    return {"pages": statuses.count(200), "busy": statuses.count(503), "failed": len([s for s in statuses if s not in (200, 503)]),
            "seconds": seconds, "peak_rss": peak[0], "peak_pss": peak[1],
            "alive": float(server.process is not None and server.process.poll() is None)}
