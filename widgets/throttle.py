"""A growing wait after repeated failures from one address: slows anyone guessing secrets.

Every page has its own kernel (its own process), so the failures are kept in a small SQLite
file that all of a server's kernels share, one row per failure. The first ``free`` failures
within ``window`` seconds cost nothing (a typo, a code noted wrongly); after that each try must
wait ``first_wait`` seconds after the last failure, doubling with every further failure up to
``longest_wait``. A success does not wipe the slate (a guesser could mix in a code of their
own); failures older than ``window`` are forgotten.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from pathlib import Path
from typing import Callable

FREE_FAILURES = 5
FIRST_WAIT_SECONDS = 2.0
LONGEST_WAIT_SECONDS = 300.0
WINDOW_SECONDS = 3600.0


def growing_wait(failures: int, free: int, first_wait: float, longest_wait: float) -> float:
    """The one rule for every throttle here: no wait for the first ``free`` failures, then
    ``first_wait`` seconds, doubled with each further failure, never more than ``longest_wait``."""
    if failures < free:
        return 0.0
    return float(min(longest_wait, first_wait * 2 ** (failures - free)))


class Throttle:
    """Failures per address, for one kind of secret (``name``), in the file at ``path``."""

    def __init__(self, path: Path, name: str, free: int = FREE_FAILURES, first_wait: float = FIRST_WAIT_SECONDS,
                 longest_wait: float = LONGEST_WAIT_SECONDS, window: float = WINDOW_SECONDS,
                 clock: Callable[[], float] = time.time):
        self.path, self.name = path, name
        self.free, self.first_wait, self.longest_wait, self.window = free, first_wait, longest_wait, window
        self.clock = clock
        with closing(self._connect()) as database, database:
            database.execute("CREATE TABLE IF NOT EXISTS failures (name TEXT, address TEXT, at REAL)")
            database.execute("CREATE INDEX IF NOT EXISTS failures_by_address ON failures (name, address, at)")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def wait_left(self, address: str) -> float:
        """Seconds before this address may try again (0: now)."""
        count, last = self._recent(address)
        if last is None:
            return 0.0
        return max(0.0, last + growing_wait(count, self.free, self.first_wait, self.longest_wait) - self.clock())

    def failed(self, address: str) -> int:
        """Note a failure; returns how many this address has had within the window."""
        now = self.clock()
        with closing(self._connect()) as database, database:
            database.execute("DELETE FROM failures WHERE at < ?", (now - self.window,))
            database.execute("INSERT INTO failures VALUES (?, ?, ?)", (self.name, address, now))
        return self._recent(address)[0]

    def _recent(self, address: str) -> tuple[int, float | None]:
        with closing(self._connect()) as database:
            count, last = database.execute(
                "SELECT count(*), max(at) FROM failures WHERE name = ? AND address = ? AND at >= ?",
                (self.name, address, self.clock() - self.window)).fetchone()
        return int(count), last
