"""Callbacks that never show a traceback: errors become a plain message and a log line.

In Voila an exception in a button handler shows nowhere, and one inside ``with output:``
shows a full traceback; both are wrong for staff on a busy day.
"""

from __future__ import annotations

import functools
import logging
from typing import Any, Callable

from widgets.errors import Refused
from widgets.ui.messages import StatusMessage

log = logging.getLogger("widgets")

SORRY = "Something went wrong and it was not saved. Please try again; if it happens again, tell your trainer."


def safe_callback(status: StatusMessage) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Wrap a handler: a ``Refused`` message is shown as it is (it explains what to fix);
    anything else, a library's ValueError included, is logged with the handler that failed and
    shown as a general apology."""

    def decorate(handler: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(handler)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            try:
                return handler(*args, **kwargs)
            except Refused as error:
                status.show(str(error), "error")
            except Exception:  # noqa: BLE001 - last line of defence for a person's page
                log.exception("Callback %s failed", handler.__name__)
                status.show(SORRY, "error")
            return None

        return wrapped

    return decorate
