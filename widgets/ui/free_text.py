"""A labelled free-text box that reminds people not to identify a child."""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as ipw
from ipywidgets.widgets.widget_string import TextStyle

from widgets.content import load_content


@dataclass(frozen=True)
class SharedParts:
    """What every box on a page shows alike, made once and shared by all of them: a form with
    thirty boxes would otherwise build (and send to the browser, one by one) 150 more widget
    models. None of these changes after it is made."""

    reminder: ipw.HTML
    style: TextStyle
    layout: ipw.Layout

    @classmethod
    def make(cls) -> "SharedParts":
        reminder = load_content().site.free_text_reminder
        return cls(
            ipw.HTML(f'<div class="viw-hint"><strong>Privacy:</strong> {html.escape(reminder)}</div>'),
            TextStyle(description_width="initial"),
            ipw.Layout(width="100%"),
        )


class FreeText(ipw.VBox):
    """Textarea whose visible label is its accessible name, with the privacy reminder under it."""

    def __init__(self, label: str, value: str = "", rows: int = 3, max_length: int = 5000, shared: SharedParts | None = None):
        self._max_length = max_length
        shared = shared or SharedParts.make()
        self.box = ipw.Textarea(
            value=value,
            description=label,
            rows=rows,
            style=shared.style,
            layout=shared.layout,
        )
        self.box.add_class("viw-free-text")
        super().__init__([self.box, shared.reminder])
        self.add_class("viw-free-text-field")

    @property
    def value(self) -> str:
        return self.box.value[: self._max_length]

    @value.setter
    def value(self, text: str) -> None:
        self.box.value = text
