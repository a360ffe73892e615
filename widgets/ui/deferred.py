"""Run work once the cell that shows a page has finished, so Voila sends the page first.

A Voila page appears only when every cell of its notebook has run; work that can follow the
page (re-reading results that changed since a preheated kernel built it) is queued on the
kernel's event loop instead. The widgets it updates reach the browser as ordinary changes.
"""

from __future__ import annotations

import asyncio
import importlib
from typing import Callable


def in_kernel() -> bool:
    """Whether this code runs in a Jupyter kernel (Voila, JupyterLab, nbval), whose event loop
    goes on running after the cell."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return getattr(get_ipython(), "kernel", None) is not None


def after_this_cell(work: Callable[[], None], delay: float = 0.0) -> None:
    """Queue ``work`` to run when the kernel is next free (and ``delay`` seconds have passed);
    outside a kernel (a plain Python process, a test) there is no page to send first, so it runs at once."""
    if not in_kernel():
        work()
        return
    asyncio.get_running_loop().call_later(delay, work)


PAGE_OPENS_SECONDS = 5.0  # a page connects and asks for its widgets within this, alone or in a room's burst


def import_once_the_page_is_open(*modules: str) -> None:
    """Import ``modules`` a few seconds after the page is sent: a kernel waiting in the pool
    stays small, the page's own request for its widgets is answered first (queued straight after
    the cell, the results store's second of CPU stood before it, for every person of a room at
    once), and a first save seldom waits. A use before then imports them at once (``widgets.lazy``)."""
    def load() -> None:
        for module in modules:
            importlib.import_module(module)
    after_this_cell(load, PAGE_OPENS_SECONDS)
