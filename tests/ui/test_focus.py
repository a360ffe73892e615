"""Marking content to take the focus: the first element gets a token the page focuses once."""

from __future__ import annotations

import re

import ipywidgets as ipw

from widgets.ui.focus import move_focus_to

MARK = re.compile(r'data-viw-focus="([0-9a-f]+)"')


def test_the_first_element_is_marked_with_a_fresh_token_each_time() -> None:
    view = ipw.HTML("<h2>Your files</h2><p><a href='x'>Download</a></p>")
    move_focus_to(view)
    first = MARK.findall(view.value)
    assert view.value.startswith('<h2 data-viw-focus="') and len(first) == 1
    move_focus_to(view)  # asked again (a second attempt): a new token, the old one gone
    second = MARK.findall(view.value)
    assert len(second) == 1 and second != first
    assert MARK.sub("", view.value) == "<h2 >Your files</h2><p><a href='x'>Download</a></p>"


def test_content_without_an_element_is_wrapped_in_one() -> None:
    view = ipw.HTML("Saved.")
    move_focus_to(view)
    assert re.fullmatch(r'<div data-viw-focus="[0-9a-f]+">Saved\.</div>', view.value)
