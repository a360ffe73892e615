"""Resume codes in page links, so a learner continues across modules and reloads without an account."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

from widgets.results.drafts import parse_code

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
