"""The page's query string (e.g. ``?code=K7QX-9MZD`` in a resume link), preheat-safe.

With preheated kernels Voila runs a page before anyone asks for it; the request (and its
query string) arrives later. ``wait_for_visitor`` pauses until then, and returns at once when
the kernel was not preheated (or outside Voila, e.g. in nbval or JupyterLab).

It does what ``voila.utils.wait_for_request`` does (ask the server's ``voila/query`` socket for
the request, then put it in the environment) without importing ``voila.utils``, which brings
Jupyter Server, nbconvert and JupyterLab's server into every waiting kernel: about 48 MB each.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
from typing import Callable
from urllib.parse import parse_qs

log = logging.getLogger("widgets")
_arrived = threading.Event()  # the request is in the environment: later calls return at once


async def _request_info(url: str, deliver: Callable[[str | None], None]) -> None:
    """Hand the request to ``deliver`` the moment it arrives, then close the socket: the page
    waits for the message, not for the closing handshake (which took 100-150 ms in about half
    of the visits timed, on every preheated page)."""
    request: str | None = None
    try:
        import websockets

        # Always this machine's own Voila: never through a proxy the environment names.
        async with websockets.connect(url, open_timeout=5, proxy=None) as socket:
            message = await socket.recv()
            request = message if isinstance(message, str) else message.decode()
            deliver(request)
    except Exception:  # noqa: BLE001 - no request: the page goes on without one (no query string)
        if request is None:
            log.warning("A preheated page could not learn its visitor's request; it opens without its query string",
                        exc_info=True)
            deliver(None)


def wait_for_visitor() -> None:
    """Pause a preheated page until someone opens it: code after this runs at that moment."""
    if os.environ.get("VOILA_PREHEAT", "False") == "False" or _arrived.is_set():
        return
    base = os.environ.get("VOILA_WS_BASE_URL") or os.environ.get("VOILA_SERVER_URL", "/")
    url = (f"{os.environ.get('VOILA_WS_PROTOCOL', 'ws')}://{os.environ.get('VOILA_APP_IP', '127.0.0.1')}:"
           f"{os.environ.get('VOILA_APP_PORT', '8866')}{base}voila/query/{os.environ.get('VOILA_KERNEL_ID')}")
    received: list[str | None] = []
    delivered = threading.Event()

    def deliver(message: str | None) -> None:
        received.append(message)
        delivered.set()

    def listen() -> None:
        try:
            asyncio.run(_request_info(url, deliver))
        finally:  # whatever happened there, the page is never left waiting
            if not delivered.is_set():
                deliver(None)

    # The kernel's own event loop is busy running this cell: wait on a loop of our own.
    threading.Thread(target=listen, daemon=True).start()
    delivered.wait()
    if received[0] is not None:
        os.environ.update(json.loads(received[0]))
        _arrived.set()


def query_parameters() -> dict[str, str]:
    """The first value of each query parameter; unknown or repeated ones are harmless."""
    wait_for_visitor()
    parsed = parse_qs(os.environ.get("QUERY_STRING", ""), keep_blank_values=False)
    return {name: values[0] for name, values in parsed.items() if values}
