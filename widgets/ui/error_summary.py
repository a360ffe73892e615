"""The GOV.UK Design System's error summary: "There is a problem" at the top of the form, with
a link to each field to fix, and the same words beside the field itself.

A link cannot point at an ipywidgets input (it has no id): each link names the field's CSS
class instead, and the page template's error_summary.js moves the focus into that field.
"""

from __future__ import annotations

from html import escape

import ipywidgets as ipw

from widgets.ui.focus import move_focus_to


class ErrorSummary(ipw.HTML):
    """``show({field_class: message})`` lists the problems and takes the focus, so they are
    read out at once (``focus=False`` when the list only shrinks as the person fixes them)."""

    value: str  # the HTML trait (an annotation only, for the type checker)

    def __init__(self) -> None:
        super().__init__(value="")
        self.add_class("viw-error-summary-box")

    def show(self, problems: dict[str, str], lead: str = "", focus: bool = True) -> None:
        if not problems:
            self.clear()
            return
        links = "".join(f"<li><a href='#' data-viw-field='{escape(field, quote=True)}'>{escape(message)}</a></li>"
                        for field, message in problems.items())
        self.value = (f"<div class='viw-error-summary'><h2>There is a problem</h2>"
                      f"{f'<p>{escape(lead)}</p>' if lead else ''}<ul>{links}</ul></div>")
        if focus:
            move_focus_to(self)

    def clear(self) -> None:
        self.value = ""


def field_error(message: str) -> str:
    """The message beside the field: "Error:" in words for screen readers, not colour alone."""
    return f"<p class='viw-error-message'><span class='viw-visually-hidden'>Error: </span>{escape(message)}</p>" if message else ""
