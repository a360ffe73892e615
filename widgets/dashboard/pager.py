"""Previous and Next for a long chart or table, with what the page shows in words
("showing 1-40 of 112 organisations"), so nothing is out of sight without saying so."""

from __future__ import annotations

from typing import Callable

import ipywidgets as ipw

from widgets.aggregate.charts import Shown
from widgets.ui.messages import StatusMessage
from widgets.ui.safe import safe_callback


class Pager(ipw.HBox):
    """Holds the page number; ``changed`` redraws the view it belongs to."""

    def __init__(self, status: StatusMessage, changed: Callable[[], None]):
        self.page = 0
        self._changed = changed
        self._previous = ipw.Button(description="Previous page", layout=ipw.Layout(width="auto"))
        self._next = ipw.Button(description="Next page", layout=ipw.Layout(width="auto"))
        self._previous.add_class("viw-page-previous")
        self._next.add_class("viw-page-next")
        self._said = ipw.HTML()
        self._said.add_class("viw-page-shown")
        self._previous.on_click(safe_callback(status)(lambda _: self._go(-1)))
        self._next.on_click(safe_callback(status)(lambda _: self._go(1)))
        super().__init__([self._previous, self._said, self._next], layout=ipw.Layout(align_items="center", gap="0.75rem"))
        self.add_class("viw-pager")

    def _go(self, step: int) -> None:
        self.page += step
        self._changed()

    def show(self, page: int, pages: int, shown: list[Shown]) -> None:
        """Say which page this is and what it shows; the buttons work only where there is a page to go to."""
        self.page = page
        self._previous.disabled = page <= 0
        self._next.disabled = page >= pages - 1
        parts = "; ".join(s.text() for s in shown)
        self._said.value = f"<span>Page {page + 1} of {pages}: {parts}.</span>"
        self.layout.display = "flex" if pages > 1 else "none"
