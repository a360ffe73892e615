"""How busy the whole machine is: the benchmark waits for it to be quiet before a timed part,
so no earlier part's leftovers or another job share the cores being measured."""

from __future__ import annotations

import os
import time
from pathlib import Path


def machine_busy() -> tuple[int, int]:
    """Ticks the whole machine has spent busy (not idle or waiting on disk), and in all."""
    ticks = [int(n) for n in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return sum(ticks) - ticks[3] - ticks[4], sum(ticks)


def wait_for_quiet_machine(below: float = 0.15, seconds: float = 2.0, timeout: float = 180) -> float:
    """Wait until the whole machine (not only the server measured) uses less than ``below`` of
    one core over ``seconds``, so no earlier part's leftovers or another job share a burst's
    cores. Returns the share of one core last measured (higher than ``below`` after a timeout)."""
    deadline, share = time.monotonic() + timeout, 1.0
    while time.monotonic() < deadline:
        busy, total = machine_busy()
        time.sleep(seconds)
        busy_after, total_after = machine_busy()
        share = (busy_after - busy) / max(1, total_after - total) * (os.cpu_count() or 1)
        if share < below:
            break
    return share
