"""Work queued after a page's cell: later in a kernel, whose loop goes on; at once otherwise."""

from __future__ import annotations

import asyncio
import threading

import pytest

from widgets.ui import deferred
from widgets.ui.deferred import after_this_cell


def test_outside_a_kernel_the_work_runs_at_once() -> None:
    done: list[str] = []
    after_this_cell(lambda: done.append("read"))
    assert done == ["read"]


def test_in_a_kernel_the_work_waits_until_the_cell_has_finished(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deferred, "in_kernel", lambda: True)
    done: list[str] = []

    async def cell() -> None:
        after_this_cell(lambda: done.append("read"))
        done.append("page shown")  # the rest of the cell runs first
        await asyncio.sleep(0)  # the kernel is free again

    # A thread of its own: the test process may already run an event loop (Playwright's).
    kernel = threading.Thread(target=asyncio.run, args=(cell(),))
    kernel.start()
    kernel.join(timeout=10)
    assert done == ["page shown", "read"]
