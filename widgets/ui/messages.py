"""A status line for plain-language messages, told in words (Note:, Done:, Problem:), never by colour alone."""

from __future__ import annotations

import html

import ipywidgets as ipw

# Words, not icons: emoji fonts are missing on some council machines, and colour alone tells nothing.
PREFIX = {"info": "Note:", "success": "Done:", "error": "Problem:"}


class StatusMessage(ipw.HTML):
    """Live region: screen readers announce what changes here."""

    def __init__(self) -> None:
        super().__init__(value="")
        self.add_class("viw-status")

    def show(self, text: str, tone: str = "info") -> None:
        self.value = (
            f'<div role="status" aria-live="polite" class="viw-message viw-{tone}">'
            f"<strong>{PREFIX[tone]}</strong> {html.escape(text)}</div>"
        )

    def clear(self) -> None:
        self.value = ""
