"""Run work once the cell that shows a page has finished, so Voila sends the page first.

A Voila page appears only when every cell of its notebook has run; work that can follow the
page (re-reading results that changed since a preheated kernel built it) is queued on the
kernel's event loop instead. The widgets it updates reach the browser as ordinary changes.
"""

from __future__ import annotations

import asyncio
from typing import Callable


def after_this_cell(work: Callable[[], None]) -> None:
    """Queue ``work`` to run when the kernel is next free; with no event loop running (a plain
    Python process, a test) there is no page to send first, so it runs at once."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        work()
        return
    loop.call_soon(work)
