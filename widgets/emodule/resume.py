"""Resume codes in page links, so a learner continues across modules and reloads without an account."""

from __future__ import annotations

import logging
from typing import Callable
from urllib.parse import parse_qs, urlencode

from widgets.errors import Refused
from widgets.results.drafts import parse_code

log = logging.getLogger("widgets")
NOT_OPENED = ("Your saved progress could not be opened just now. Please reload the page; if it happens again, "
              "tell your trainer.")

PARAMETER = "code"


def code_from_query(query: str) -> str | None:
    """The resume code in a page's query string (Voila passes it as QUERY_STRING), or None.

    A malformed code raises ValueError with a plain message, so the page can say so."""
    values = parse_qs(query or "").get(PARAMETER)
    if not values or not values[0].strip():
        return None
    return parse_code(values[0])


def resume_link(page: str, code: str) -> str:
    """A link to a page that opens with this learner's progress (pages sit side by side)."""
    return f"{page}?{urlencode({PARAMETER: parse_code(code)})}"


def open_from_query(query: str, open_code: Callable[[str], None],
                    open_signed_in: Callable[[], bool] = lambda: False) -> str | None:
    """Open the learner the hub signed in (``open_signed_in``, True when there is one) or the one
    a ``?code=`` names (``open_code``). Returns None once opened, else what the page should say
    as it asks for a code ("" when the address named none)."""
    try:
        if open_signed_in():
            return None
        code = code_from_query(query)
        if code:
            open_code(code)
            return None
        return ""
    except Refused as error:
        return str(error)
    except Exception:  # noqa: BLE001 - a person must never see a traceback
        log.exception("Opening the learner named by the page address failed")
        return NOT_OPENED
