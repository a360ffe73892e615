"""Keep the staff server up whoever asks for pages: caps on page kernels, a busy page, and
kernels of pages that never connected stopped after minutes.

Every request for a page URL takes (or starts) a kernel of 70-140 MB. Without a cap, a script,
or a county arriving at once, starts more kernels than the machine has memory for and the
server dies. Here:

- ``GuardedVoilaHandler`` admits a page request while the visitor's address has fewer than
  ``most_kernels_per_address()`` pages loading or open, and the server fewer than
  ``most_kernels()`` page kernels; a full server first stops the kernel of the tab closed
  longest ago. Otherwise it answers 503 with a plain "The workbook is busy" page that asks again
  by itself every few seconds, and opens the page once there is room.
- ``GuardedKernelManager`` follows each page kernel (for whom; loading, open or closed: the rules
  are ``widgets.kernel_admission``), and stops a page kernel whose page never opened its
  connection within ``unconnected_kernel_seconds()`` (curl, a health check, a tab closed while
  loading). The preheated pool is not counted or stopped.
- The visitor's address travels to the page's kernel (``VISITOR_HEADER``), where wrong resume
  codes are throttled per address (``widgets.resume_guard``).
"""

from __future__ import annotations

import contextvars
import random
import time
from html import escape
from typing import Any, Awaitable, Callable

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.httputil import HTTPServerRequest
from tornado.ioloop import PeriodicCallback
from voila.tornado.handler import TornadoVoilaHandler

from widgets.kernel_admission import KernelBook, Ticket
from widgets.plain_page import plain_page
from widgets.resume_guard import VISITOR_HEADER
from widgets.settings import (closed_tab_seconds, most_kernels, most_kernels_per_address, proxy_hops, public_hosts,
                              unconnected_kernel_seconds)

RETRY_SECONDS = (3, 7)  # spread out, so a room of waiting tabs does not ask at the same moment
BUSY = "The workbook is busy; this page will open in a moment"
BUSY_TEXT = """<p>Many people are opening pages right now. This page asks again by itself every few seconds
and opens as soon as there is room: you need not do anything.</p>
<p><a href="{again}">Try again now</a></p>"""


CURRENT_TICKET: contextvars.ContextVar[Ticket | None] = contextvars.ContextVar("viw_ticket", default=None)


class GuardedKernelManager(AsyncMappingKernelManager):
    """Jupyter's kernel manager, knowing which kernels serve pages, for whom, and whether their
    page is loading, open or closed (the rules: ``widgets.kernel_admission``). Voila builds its
    preheating manager on top of this class."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.book = KernelBook(most_kernels(), most_kernels_per_address(), unconnected_kernel_seconds(), closed_tab_seconds())
        hand_out = getattr(self, "get_rendered_notebook", None)  # Voila's preheated pool
        if hand_out is not None:
            self.get_rendered_notebook = self._noting_hand_out(hand_out)
        self._checker = PeriodicCallback(self._stop_unconnected, max(1, self.book.unconnected_seconds // 4) * 1000)
        self._checker.start()

    def _noting_hand_out(self, hand_out: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        async def noted(*args: Any, **kwargs: Any) -> Any:
            render_task, rendered, kernel_id = await hand_out(*args, **kwargs)
            self._note(kernel_id)
            return render_task, rendered, kernel_id
        return noted

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:  # type: ignore[override]  # async in Jupyter Server
        kernel_id: str = await super().start_kernel(*args, **kwargs)
        if kwargs.get("env", {}).get("VOILA_PREHEAT") != "True":  # a page's own kernel, not the pool's
            self._note(kernel_id)
        return kernel_id

    def _note(self, kernel_id: str) -> None:
        ticket = CURRENT_TICKET.get()
        if ticket is not None:
            self.book.note(ticket, kernel_id, time.monotonic())

    def notify_connect(self, kernel_id: str) -> None:
        super().notify_connect(kernel_id)
        self.book.connections(kernel_id, self._kernel_connections.get(kernel_id, 0), time.monotonic())

    def notify_disconnect(self, kernel_id: str) -> None:
        super().notify_disconnect(kernel_id)
        self.book.connections(kernel_id, self._kernel_connections.get(kernel_id, 0), time.monotonic())

    async def admit(self, address: str) -> Ticket | None:
        """A ticket for one page request (stopping a closed tab's kernel first if the server is
        full), or None while a cap is reached."""
        for kernel_id in [k for k in self.book.kernels if k not in self]:
            self.book.forget(kernel_id)
        admission = self.book.admit(address, time.monotonic())
        if admission.ticket is None:
            self.log.warning("Busy: %s", self.book.counts(address))
        elif admission.stop_first is not None:
            kernel_id, kernel = admission.stop_first
            self.log.info("Stopping kernel %s to make room: its tab closed longest ago", kernel_id)
            if not await self._stop(kernel_id):
                self.book.put_back(kernel_id, kernel)
        return admission.ticket

    def done(self, ticket: Ticket) -> None:
        self.book.done(ticket)

    async def _stop_unconnected(self) -> None:
        for kernel_id in self.book.never_connected(time.monotonic()):
            self.log.info("Stopping kernel %s: its page never connected within %d s", kernel_id, self.book.unconnected_seconds)
            await self._stop(kernel_id)

    async def _stop(self, kernel_id: str) -> bool:
        """Stop a page kernel; False if it still runs."""
        if kernel_id not in self:
            return True
        try:
            await self.shutdown_kernel(kernel_id)
        except Exception:  # a kernel that died meanwhile, or would not stop
            self.log.exception("Could not stop kernel %s", kernel_id)
        return kernel_id not in self


def visitor_address(request: HTTPServerRequest, behind_proxy: bool) -> str:
    """The visitor's address: the connection's, or behind proxies on this side
    (``proxy_hops()``) the one the outermost of them added to X-Forwarded-For. Each proxy adds
    the address it was reached from at the end; anything before that the visitor could have written."""
    address = request.remote_ip or "unknown"
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
    if behind_proxy and forwarded and address in ("127.0.0.1", "::1"):
        address = forwarded[-min(proxy_hops(), len(forwarded))]
    return address


class GuardedVoilaHandler(TornadoVoilaHandler):
    """Voila's page handler behind the kernel caps, passing the visitor's address to the kernel."""

    async def get(self, path: str | None = None) -> None:
        kernels = self.kernel_manager
        if not isinstance(kernels, GuardedKernelManager):
            await super().get(path)
            return
        address = visitor_address(self.request, behind_proxy=bool(public_hosts()))
        ticket = await kernels.admit(address)
        if ticket is None:
            self.busy()
            return
        self.request.headers[VISITOR_HEADER] = address  # replaces any the visitor sent
        token = CURRENT_TICKET.set(ticket)
        try:
            await super().get(path)
        finally:
            CURRENT_TICKET.reset(token)
            kernels.done(ticket)

    def busy(self) -> None:
        wait = random.randint(*RETRY_SECONDS)
        self.set_status(503)
        self.set_header("Retry-After", str(wait))
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(plain_page("The workbook is busy", BUSY, BUSY_TEXT.format(again=escape(self.request.uri or "/", quote=True)),
                               script=f"setTimeout(function () {{ window.location.reload(); }}, {wait * 1000});"))
