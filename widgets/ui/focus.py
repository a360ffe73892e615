"""Sending the keyboard focus to content that has just appeared.

When a control with the focus disappears (a submitted form, a replaced step) the browser drops
the focus to the top of the page, and a screen reader user hears nothing of what replaced it.
ipywidgets' ``focus()`` works for buttons and inputs already drawn, but new content is drawn
some time after the kernel sends it, so its message would arrive too early. Instead the first
element of some HTML is marked (an HTML widget's value, or the heading a self-assessment item
draws), and the page template's focus_new_content.js focuses it the moment it is drawn.
"""

from __future__ import annotations

import re
import uuid

import ipywidgets as ipw

ATTRIBUTE = "data-viw-focus"  # what focus_new_content.js looks for
FIRST_TAG = re.compile(r"^\s*<([A-Za-z][A-Za-z0-9]*)")
EARLIER_MARK = re.compile(rf' {ATTRIBUTE}="[0-9a-f]*"')


def move_focus_to(view: ipw.HTML) -> None:
    """Focus the first element of what ``view`` shows (a heading, say) once it is on the page."""
    view.value = focus_marked(view.value)


def focus_marked(markup: str) -> str:
    """``markup`` with its first element marked to take the focus once it is drawn.

    A fresh token each time: the page focuses each token once, so the same content drawn again
    later (a step revisited) leaves the focus where the person put it."""
    mark = f'{ATTRIBUTE}="{uuid.uuid4().hex}"'
    content = EARLIER_MARK.sub("", markup)
    marked, found = FIRST_TAG.subn(rf"<\1 {mark}", content, count=1)
    return marked if found else f"<div {mark}>{content}</div>"
