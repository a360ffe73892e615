"""Pages that fail show a plain message, never a traceback.

Broken content is the likely cause (a trainer's edit): the message lists what to fix. Any
other failure is logged for the person running the server and shown as an apology.
"""

from __future__ import annotations

import functools
import html
import logging
from typing import Callable, ParamSpec

import ipywidgets as ipw

from widgets.content import ContentError
from widgets.ui.style import page_style

log = logging.getLogger("widgets")
P = ParamSpec("P")


def guarded_page(build: Callable[P, ipw.Widget]) -> Callable[P, ipw.Widget]:
    @functools.wraps(build)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> ipw.Widget:
        try:
            return build(*args, **kwargs)
        except ContentError as error:
            problems = "".join(f"<li>{html.escape(str(p))}</li>" for p in error.problems)
            message = (
                "<h2>This page cannot open yet</h2><p>The workbook's content files have a problem. "
                "Please tell your trainer; they can fix it by correcting these lines and running "
                "<code>make validate</code>:</p>"
                f"<ul>{problems}</ul>"
            )
        except Exception:  # noqa: BLE001 - a person must never see a traceback
            log.exception("Page %s failed to build", build.__name__)
            message = (
                "<h2>This page cannot open right now</h2><p>Something went wrong while preparing it. "
                "Nothing you saved before is lost. Please reload the page; if it happens again, tell your trainer.</p>"
            )
        panel = ipw.VBox([page_style(), ipw.HTML(f'<div role="alert" class="viw-message viw-error">{message}</div>')])
        panel.add_class("viw-page")
        panel.add_class("viw-page-error")
        return panel

    return wrapped
