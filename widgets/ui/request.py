"""The page's query string (e.g. ``?code=K7QX-9MZD`` in a resume link), preheat-safe.

With preheated kernels Voila runs a page before anyone asks for it; the request (and its
query string) arrives later. ``wait_for_request`` pauses until then, and returns at once when
the kernel was not preheated (or outside Voila, e.g. in nbval or JupyterLab).
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs

from voila.utils import wait_for_request


def wait_for_visitor() -> None:
    """Pause a preheated page until someone opens it: code after this runs at that moment."""
    wait_for_request()


def query_parameters() -> dict[str, str]:
    """The first value of each query parameter; unknown or repeated ones are harmless."""
    wait_for_visitor()
    parsed = parse_qs(os.environ.get("QUERY_STRING", ""), keep_blank_values=False)
    return {name: values[0] for name, values in parsed.items() if values}
