"""Work queued after a page's cell: later when a kernel's event loop runs, at once otherwise."""

from __future__ import annotations

import asyncio

from widgets.ui.deferred import after_this_cell


def test_without_an_event_loop_the_work_runs_at_once() -> None:
    done: list[str] = []
    after_this_cell(lambda: done.append("read"))
    assert done == ["read"]


def test_in_a_running_kernel_loop_the_work_waits_until_the_cell_has_finished() -> None:
    done: list[str] = []

    async def cell() -> None:
        after_this_cell(lambda: done.append("read"))
        done.append("page shown")  # the rest of the cell runs first
        await asyncio.sleep(0)  # the kernel is free again

    asyncio.run(cell())
    assert done == ["page shown", "read"]
