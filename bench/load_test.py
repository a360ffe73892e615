"""Load test: several people submitting at the same moment to the real staff server.

    python bench/load_test.py [--sessions 8]

Each session is its own Chromium context on the module page, so its own Voila kernel, as
each person at a county training day would be. All sign in and rate their confidence, then
press "Save my ratings" together; a watcher reads results.csv every few milliseconds and notes
when each person's rows appear. Prints rows expected and written (none may be lost), the time
from click to rows on disk (median and worst), and the wall time.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.browser.emodule_steps import rate, sign_in  # noqa: E402
from tests.browser.voila_server import VoilaServer  # noqa: E402
from widgets.content import load_content  # noqa: E402
from widgets.emodule.confidence import learning_outcomes  # noqa: E402
from widgets.results import read_results  # noqa: E402
from widgets.server import staff_pool_kernels  # noqa: E402
from widgets.settings import ROOM_POOL_VARIABLE  # noqa: E402

PAGE = "02_lundy.ipynb"
WATCH_EVERY_SECONDS = 0.002
EXPECT_DEFAULT_MS = 5_000  # Playwright's own


class RowWatcher(threading.Thread):
    """Reads results.csv over and over; remembers when each respondent's rows first all appear."""

    def __init__(self, path: Path, rows_each: int, respondents: list[str]):
        super().__init__(daemon=True)
        self.path, self.rows_each = path, rows_each
        self.waiting = {name.encode(): name for name in respondents}
        self.seen: dict[str, float] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while self.waiting and not self.done.is_set():
            data = self.path.read_bytes() if self.path.exists() else b""
            now = time.perf_counter()
            for key, name in list(self.waiting.items()):
                if data.count(b"," + key + b",") >= self.rows_each:
                    self.seen[name] = now
                    del self.waiting[key]
            time.sleep(WATCH_EVERY_SECONDS)


def run_load_test(sessions: int, browser: Browser | None = None, timeout: float = 120) -> dict[str, float | int]:
    """Start the staff server on a fresh results folder, have `sessions` people submit at once,
    and return what was measured (sessions, rows_expected, rows_written, rows_rejected, headers,
    median and max submit-to-saved in ms, first click to last row in ms, total seconds).
    Pass a running Chromium (tests have one) or one is started."""
    if browser is None:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return run_load_test(sessions, launched, timeout)
            finally:
                launched.close()
    started = time.perf_counter()
    expect.set_options(timeout=timeout * 1000)  # the steps' checks wait as long as the pages may (reset below)
    work = Path(tempfile.mkdtemp(prefix="viw-load-"))
    # One preheated kernel per page, not a room's worth: the people here arrive together, at a
    # page with one ready kernel, so most wait for kernels started for them.
    server = VoilaServer("staff", work, env={ROOM_POOL_VARIABLE: "1"})
    try:
        server.start()
        # Arrive at a quiet server, as people would: not while its pool is still being built
        # (that, with heavier kernels, is what made 8 sign-in forms take over 120 s).
        server.wait_for_kernel_count(staff_pool_kernels(room=1), timeout=300)
        server.wait_until_quiet(timeout=300)
        rows_each = len(learning_outcomes(load_content()))
        names = [f"Load {number:02d}" for number in range(sessions)]
        watcher = RowWatcher(work / "results.csv", rows_each, names)
        contexts = [browser.new_context() for _ in names]
        pages = [context.new_page() for context in contexts]
        for page in pages:
            page.set_default_timeout(timeout * 1000)
            page.goto(f"{server.url}/voila/render/{PAGE}", wait_until="commit")
        forms = [ready_to_save(page, name) for page, name in zip(pages, names)]
        watcher.start()
        clicked: dict[str, float] = {}
        for name, form in zip(names, forms):
            clicked[name] = time.perf_counter()
            form.get_by_role("button", name="Save my ratings").click(no_wait_after=True)
        watcher.join(timeout)
        watcher.done.set()
        for page, context in zip(pages, contexts):
            page.close(run_before_unload=True)
            context.close()
        return figures(work / "results.csv", names, rows_each, clicked, watcher.seen, started)
    finally:
        expect.set_options(timeout=EXPECT_DEFAULT_MS)
        server.stop()
        shutil.rmtree(work)  # the rows name no one real, but leave nothing behind


def ready_to_save(page: Page, name: str) -> Locator:
    """Sign in and rate every outcome, stopping just before "Save my ratings"."""
    page.locator(".viw-sign-in").first.wait_for(state="visible")
    sign_in(page, name, "Load Test CFS", "Team load")
    return rate(page, "before")


def figures(path: Path, names: list[str], rows_each: int, clicked: dict[str, float],
            seen: dict[str, float], started: float) -> dict[str, float | int]:
    result = read_results([("results.csv", path)]) if path.exists() else None
    rows = result.rows[result.rows["respondent"].isin(names)] if result else []
    delays = [(seen[name] - clicked[name]) * 1000 for name in names if name in seen]
    return {
        "sessions": len(names),
        "rows_expected": len(names) * rows_each,
        "rows_written": len(rows),
        "rows_rejected": len(result.reports[0].rejected) if result else 0,
        "headers": path.read_bytes().count(b"schema_version,submission_id") if path.exists() else 0,
        "submit_to_saved_median_ms": statistics.median(delays) if delays else float("nan"),
        "submit_to_saved_max_ms": max(delays, default=float("nan")),
        "submit_wall_ms": (max(seen.values()) - min(clicked.values())) * 1000 if seen else float("nan"),
        "total_seconds": time.perf_counter() - started,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=8)
    args = parser.parse_args()
    measured = run_load_test(args.sessions)
    print(f"Load test: {measured['sessions']} people press save at once (staff server, Chromium, this machine)")
    lines = [
        ("rows expected / written / rejected", f"{measured['rows_expected']} / {measured['rows_written']} / "
         f"{measured['rows_rejected']}", "none lost, none rejected"),
        ("header rows in results.csv", f"{measured['headers']}", "1"),
        ("submit to saved, median / max", f"{measured['submit_to_saved_median_ms']:.0f} / "
         f"{measured['submit_to_saved_max_ms']:.0f} ms", "< 100 ms for one person alone"),
        ("first click to last row saved", f"{measured['submit_wall_ms']:.0f} ms", "-"),
        ("wall time, server start to rows read", f"{measured['total_seconds']:.1f} s", "-"),
    ]
    for label, value, target in lines:
        print(f"  {label:<38} {value:>16}   target: {target}")

if __name__ == "__main__":
    main()
