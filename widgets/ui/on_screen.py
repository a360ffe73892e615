"""Work that waits until the visitor's browser has built the page.

When a page opens, its browser asks the kernel for the state of every widget the kernel holds,
builds them all, then shows the page: whatever a page holds, the visitor waits for. A long page
(the trainer dashboard) can show its first screen from a few widgets and build the rest the
moment that screen's views are made; the rest arrives as ordinary widget changes, while the
visitor reads.

A tiny anywidget: it shows nothing, and tells the kernel when its view is made (the last view
of the first screen). Should that word never come (a browser that failed to make the view),
the work runs ``FALLBACK_SECONDS`` after the page was sent. Outside a kernel (a plain Python
process) there is no browser to wait for, and in a test session (``VIW_PAGE_ERRORS=raise``,
nbval) the page must be whole for its failures to fail the cell: the work runs at once,
unguarded, so what it raises is raised.
"""

from __future__ import annotations

from typing import Any, Callable

import anywidget

from widgets.ui.deferred import after_this_cell, in_kernel
from widgets.ui.page_guard import page_errors_raise


SHOWN = "shown"
FALLBACK_SECONDS = 15.0
ESM = f"""
function render({{ model, el }}) {{
  el.hidden = true;
  model.send({{ event: "{SHOWN}" }});
}}
export default {{ render }};
"""


class OnScreen(anywidget.AnyWidget):
    """Put it last in the first screen's widgets; ``work`` runs once, when its view is made.
    ``guard`` wraps it on a person's page (a failure becomes a plain message)."""

    _esm = ESM

    def __init__(self, work: Callable[[], None], guard: Callable[[Callable[[], None]], Callable[[], None]]) -> None:
        super().__init__()
        if in_kernel() and not page_errors_raise():
            self._work: Callable[[], None] | None = guard(work)
            self.on_msg(self._message)
            after_this_cell(self._run, FALLBACK_SECONDS)
        else:
            self._work = work
            self._run()

    @property
    def waiting(self) -> bool:
        """True until the work has run (outside a kernel it has run already)."""
        return self._work is not None

    def _message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("event") == SHOWN:
            self._run()

    def _run(self) -> None:
        """Once only: a second tab on the same kernel, or the view drawn again, does not repeat it."""
        work, self._work = self._work, None
        if work is not None:
            work()
