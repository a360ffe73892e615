"""A status line for plain-language messages, told in words (Note:, Done:, Problem:), never by colour alone."""

from __future__ import annotations

import html
from typing import TypeVar

import ipywidgets as ipw

# Words, not icons: emoji fonts are missing on some council machines, and colour alone tells nothing.
PREFIX = {"info": "Note:", "success": "Done:", "error": "Problem:"}
# The page template's live_regions.js makes every element with this class a polite live region.
LIVE = "viw-live"
W = TypeVar("W", bound=ipw.DOMWidget)


def live_region(widget: W) -> W:
    """Have screen readers announce each change to ``widget``'s content.

    ipywidgets cannot put ARIA attributes on a widget's own element, and a live region written
    into the content arrives together with its text, which screen readers often ignore: the
    widget's element, there and empty from the start, is made the live region instead."""
    widget.add_class(LIVE)
    return widget


class StatusMessage(ipw.HTML):
    """One status line per place; screen readers announce each message shown in it.

    Errors are announced politely too, not as alerts: each answers something the person has just
    done (pressing Check, Submit, Start), so they are waiting for it and hear it as soon as the
    screen reader has finished the button; an alert would cut off what it is saying. And turning
    the region into an alert at the moment its text changes is the kind of change that screen
    readers miss, which is what this region is here to avoid."""

    value: str  # the HTML trait (an annotation only, for the type checker)

    def __init__(self) -> None:
        super().__init__(value="")
        self.add_class("viw-status")
        live_region(self)

    def show(self, text: str, tone: str = "info") -> None:
        message = f'<div class="viw-message viw-{tone}"><strong>{PREFIX[tone]}</strong> {html.escape(text)}</div>'
        if message == self.value:
            self.value = ""  # the same message again (a second press): empty it first, so it is announced again
        self.value = message

    def clear(self) -> None:
        self.value = ""
