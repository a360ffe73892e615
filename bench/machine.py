"""How busy the whole machine is: the benchmark waits for it to be quiet before a timed part,
so no earlier part's leftovers or another job share the cores being measured."""

from __future__ import annotations

import time
from pathlib import Path

QUIET_SHARE = 0.15  # of one core: an idle server's pool of kernels uses a few percent


def machine_busy() -> tuple[int, int, int]:
    """Ticks the whole machine has spent busy (not idle or waiting on disk) and in all, and its
    number of CPUs, from /proc/stat (its first eight columns: guest time is in user time already)."""
    lines = Path("/proc/stat").read_text().splitlines()
    ticks = [int(n) for n in lines[0].split()[1:9]]
    cpus = sum(1 for line in lines[1:] if line.startswith("cpu"))
    return sum(ticks) - ticks[3] - ticks[4], sum(ticks), max(1, cpus)


def wait_for_quiet_machine(below: float = QUIET_SHARE, seconds: float = 2.0, timeout: float = 180) -> float:
    """Wait until the whole machine (not only the server measured) uses less than ``below`` of
    one core over ``seconds``. Returns the share of one core last measured; after ``timeout``
    it says so and goes on, so the figure that follows is printed beside a busy machine."""
    deadline, share = time.monotonic() + timeout, 1.0
    while time.monotonic() < deadline:
        busy, total, cpus = machine_busy()
        time.sleep(seconds)
        busy_after, total_after, _ = machine_busy()
        share = (busy_after - busy) / max(1, total_after - total) * cpus
        if share < below:
            return share
    print(f"  (the machine stayed busy: {share:.0%} of a core after {timeout:.0f} s of waiting; the next figure is taken anyway)")
    return share
