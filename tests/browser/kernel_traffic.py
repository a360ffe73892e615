"""What the page has told the kernel that the kernel has not finished with yet.

ipywidgets sends one change per widget at a time and holds later changes until the kernel is
idle again, but a button press goes at once: a fast keyboard user's press can overtake the
last arrow key. A test waits here, as a person glancing at the screen would, before pressing.
"""

from __future__ import annotations

import json

from playwright.sync_api import Page, WebSocket

POLL_MS = 25


def kernel_message(payload: str | bytes) -> tuple[str, dict, dict, dict]:
    """Channel, header, parent header and content of one websocket frame, in either of
    Jupyter's framings (JSON text, or the binary v1 protocol: part offsets, then the parts)."""
    if isinstance(payload, str):
        message = json.loads(payload)
        return message.get("channel", ""), message["header"], message["parent_header"], message["content"]
    count = int.from_bytes(payload[:8], "little")
    offsets = [int.from_bytes(payload[8 * i: 8 * i + 8], "little") for i in range(1, count + 1)]
    channel, header, parent, _, content = (payload[offsets[i]:offsets[i + 1]] for i in range(5))
    return channel.decode(), json.loads(header), json.loads(parent), json.loads(content)


class KernelTraffic:
    """Watch a page's kernel websocket from before it opens; ``settle()`` waits until every
    message sent has been handled (the kernel reported idle for it) and nothing new follows."""

    def __init__(self, page: Page):
        self._page = page
        self._waiting: set[str] = set()
        page.on("websocket", self._watch)

    def _watch(self, socket: WebSocket) -> None:
        if "/api/kernels/" in socket.url:
            socket.on("framesent", self._sent)
            socket.on("framereceived", self._received)

    def _sent(self, payload: str | bytes) -> None:
        channel, header, _, _ = kernel_message(payload)
        if channel == "shell":
            self._waiting.add(header["msg_id"])

    def _received(self, payload: str | bytes) -> None:
        channel, header, parent, content = kernel_message(payload)
        if channel == "iopub" and header["msg_type"] == "status" and content.get("execution_state") == "idle":
            self._waiting.discard(parent.get("msg_id", ""))

    def settle(self, timeout_ms: int = 15_000) -> None:
        quiet = 0
        for _ in range(timeout_ms // POLL_MS):
            self._page.wait_for_timeout(POLL_MS)  # Playwright hands us frame events while it waits
            quiet = quiet + 1 if not self._waiting else 0
            if quiet >= 2:  # held-back changes go out as soon as the idle arrives
                return
        raise AssertionError(f"the kernel never finished with {len(self._waiting)} message(s)")
