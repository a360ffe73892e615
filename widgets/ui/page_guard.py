"""Pages that fail show a plain message, never a traceback.

Broken content is the likely cause (a trainer's edit): the message lists what to fix. Any
other failure is logged for the person running the server and shown as an apology.

Tests need the opposite: a notebook run (nbval) passes whenever its cells raise nothing, so
a page that shows the panel would always pass. With ``VIW_PAGE_ERRORS=raise`` in the
environment (the test session sets it; a real server never does) the failure is logged and
raised instead, and no panel is built.
"""

from __future__ import annotations

import functools
import html
import logging
import os
from typing import Callable, ParamSpec

import ipywidgets as ipw

from widgets.content import ContentError
from widgets.ui.style import page_style

log = logging.getLogger("widgets")
P = ParamSpec("P")

PAGE_ERRORS_VARIABLE = "VIW_PAGE_ERRORS"
RAISE = "raise"


def page_errors_raise() -> bool:
    """Whether a page that fails raises (tests) rather than showing the panel (people)."""
    return os.environ.get(PAGE_ERRORS_VARIABLE, "").strip().lower() == RAISE


def guarded_page(build: Callable[P, ipw.Widget]) -> Callable[P, ipw.Widget]:
    @functools.wraps(build)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> ipw.Widget:
        try:
            return build(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - a person must never see a traceback
            if page_errors_raise():
                log.error("Page %s failed to build; %s=%s, so the error is raised", build.__name__, PAGE_ERRORS_VARIABLE, RAISE)
                raise
            message = _message(build.__name__, error)
        panel = ipw.VBox([page_style(), ipw.HTML(f'<div role="alert" class="viw-message viw-error">{message}</div>')])
        panel.add_class("viw-page")
        panel.add_class("viw-page-error")
        return panel

    return wrapped


def _message(page: str, error: Exception) -> str:
    if isinstance(error, ContentError):
        problems = "".join(f"<li>{html.escape(str(p))}</li>" for p in error.problems)
        return (
            "<h2>This page cannot open yet</h2><p>The workbook's content files have a problem. "
            "Please tell your trainer; they can fix it by correcting these lines and running "
            "<code>make validate</code>:</p>"
            f"<ul>{problems}</ul>"
        )
    log.error("Page %s failed to build", page, exc_info=error)
    return (
        "<h2>This page cannot open right now</h2><p>Something went wrong while preparing it. "
        "Nothing you saved before is lost. Please reload the page; if it happens again, tell your trainer.</p>"
    )
