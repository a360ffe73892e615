"""Slowing down guessing: after a few wrong attempts from one address, each further attempt
has to wait, twice as long after every further failure (up to a limit).

An attempt made while the wait lasts is refused without being checked and does not count,
so a guesser gets one try per wait however fast they send them, while a person who mistyped a
few times is not held up at all. Pure Python with an injectable clock, so tests need no sleep.
The dashboard's sign-in runs in the server's one process, so the counts live in memory; the
staff pages' resume codes are checked in many kernels and use ``widgets.throttle`` (a shared
file). Both wait by one rule, ``widgets.throttle.growing_wait``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from widgets.throttle import growing_wait

FREE_FAILURES = 3  # wrong attempts heard with no wait at all
FIRST_WAIT_SECONDS = 1.0  # after the FREE_FAILURES-th failure; doubled after each one more
LONGEST_WAIT_SECONDS = 300.0  # so a trainer locked out by someone else's guesses is back within 5 minutes
FORGET_AFTER_SECONDS = 3600.0  # an address quiet this long starts afresh
MOST_ADDRESSES = 10_000  # addresses remembered before the quiet ones are forgotten


@dataclass
class _Record:
    failures: int
    last_failure: float
    allowed_from: float


class AttemptThrottle:
    """Wrong attempts counted per address, and how long each address must wait."""

    def __init__(self, free_failures: int = FREE_FAILURES, first_wait: float = FIRST_WAIT_SECONDS,
                 longest_wait: float = LONGEST_WAIT_SECONDS, forget_after: float = FORGET_AFTER_SECONDS,
                 clock: Callable[[], float] = time.monotonic):
        self._free, self._first, self._longest, self._forget = free_failures, first_wait, longest_wait, forget_after
        self._clock = clock
        self._records: dict[str, _Record] = {}

    def wait_left(self, address: str) -> float:
        """Seconds before an attempt from ``address`` is heard (0: now)."""
        record = self._current(address)
        return max(0.0, record.allowed_from - self._clock()) if record else 0.0

    def failed(self, address: str) -> float:
        """Count a wrong attempt; returns how long the address must now wait (0: none)."""
        now = self._clock()
        record = self._current(address) or _Record(0, now, now)
        record.failures += 1
        record.last_failure = now
        wait = self.wait_after(record.failures)
        record.allowed_from = now + wait
        self._records[address] = record
        if len(self._records) > MOST_ADDRESSES:
            self._forget_quiet(now)
        return wait

    def succeeded(self, address: str) -> None:
        """A right attempt: the address starts afresh."""
        self._records.pop(address, None)

    def failures(self, address: str) -> int:
        record = self._current(address)
        return record.failures if record else 0

    def wait_after(self, failures: int) -> float:
        """No wait for the first few failures, then 1, 2, 4, 8... seconds, capped (``growing_wait``)."""
        return growing_wait(failures, self._free, self._first, self._longest)

    def _current(self, address: str) -> _Record | None:
        record = self._records.get(address)
        if record and self._clock() - record.last_failure > max(self._forget, record.allowed_from - record.last_failure):
            del self._records[address]
            return None
        return record

    def _forget_quiet(self, now: float) -> None:
        quiet = [a for a, r in self._records.items() if now - r.last_failure > self._forget and now >= r.allowed_from]
        for address in quiet:
            del self._records[address]
        if len(self._records) > MOST_ADDRESSES:  # a flood of addresses: keep the most recent
            for address, _ in sorted(self._records.items(), key=lambda item: item[1].last_failure)[: len(self._records) - MOST_ADDRESSES]:
                del self._records[address]
