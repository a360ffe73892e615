"""A labelled free-text box that reminds people not to identify a child."""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets.content import load_content


class FreeText(ipw.VBox):
    """Textarea whose visible label is its accessible name, with the privacy reminder under it."""

    def __init__(self, label: str, value: str = "", rows: int = 3, max_length: int = 5000):
        self._max_length = max_length
        self.box = ipw.Textarea(
            value=value,
            description=label,
            rows=rows,
            style={"description_width": "initial"},
            layout=ipw.Layout(width="100%"),
        )
        self.box.add_class("viw-free-text")
        reminder = load_content().site.free_text_reminder
        hint = ipw.HTML(f'<div class="viw-hint"><strong>Privacy:</strong> {html.escape(reminder)}</div>')
        super().__init__([self.box, hint])
        self.add_class("viw-free-text-field")

    @property
    def value(self) -> str:
        return self.box.value[: self._max_length]

    @value.setter
    def value(self, text: str) -> None:
        self.box.value = text
