"""Work that waits until the page is drawn in the visitor's browser.

When a page opens, its browser asks the kernel for the state of every widget the kernel holds,
builds them all, then draws the page: whatever a page holds, the visitor waits for. A long page
(the trainer dashboard) can show its first screen from a few widgets and build the rest the
moment that screen is drawn; the rest arrives as ordinary widget changes, while the visitor reads.

A tiny anywidget: it draws nothing, and tells the kernel once it is drawn. Outside a kernel (a
plain Python process, a test) there is no browser to wait for, so the work runs at once.
"""

from __future__ import annotations

from typing import Any, Callable

import anywidget

from widgets.ui.deferred import in_kernel


SHOWN = "shown"
ESM = f"""
function render({{ model, el }}) {{
  el.hidden = true;
  model.send({{ event: "{SHOWN}" }});
}}
export default {{ render }};
"""


class OnScreen(anywidget.AnyWidget):
    """Put it last in the first screen's widgets; ``work`` runs once, when it is drawn."""

    _esm = ESM

    def __init__(self, work: Callable[[], None]) -> None:
        super().__init__()
        self._work: Callable[[], None] | None = work
        if in_kernel():
            self.on_msg(self._message)
        else:
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
