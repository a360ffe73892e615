"""What one person's browser asks of the staff server to open a page, without the browser.

A room's 20 Chromium contexts on the server's own two cores measure mostly the browsers: their
JavaScript parsing and rendering take the cores the server needs. In a real room every browser
runs on its own device, so this client does, per person, only what the server is asked for:

1. GET the page; the HTML carries the kernel id (``#jupyter-config-data``). A busy page (503)
   is asked again after its ``Retry-After``, as the busy page does by itself.
2. GET the static files a real visit of that page fetched (recorded once with Chromium,
   ``static_files``), at most six at a time, as a browser does per server.
3. GET ``/api/kernels/<id>`` and open the kernel websocket (``/api/kernels/<id>/channels``, the
   v1 binary protocol Jupyter's frontend uses), ask for ``kernel_info`` as the frontend does.
4. Fetch the widget state as ipywidgets' frontend does: open a comm on ``jupyter.widget.control``
   and send ``{"method": "request_states"}``; the page's widgets are known once the kernel's
   ``update_states`` arrives. That moment is the server's part of the time to a usable page.

Then it leaves as a closed tab does (the comm closed, Voila's kernel shutdown request). Each
person comes from an address of their own (127.0.1.N), as people on their own devices do.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import re
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Coroutine

from playwright.sync_api import Browser
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest, HTTPResponse
from tornado.websocket import WebSocketClientConnection, websocket_connect

from tests.browser.ready_clock import ReadyClock
from tests.browser.kernel_traffic import kernel_message

BROWSER_CONNECTIONS = 6  # what Chromium opens to one server over HTTP/1.1
KERNEL_PROTOCOL = "v1.kernel.websocket.jupyter.org"
WIDGET_CONTROL = "jupyter.widget.control"
CONFIG_DATA = re.compile(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', re.S)
BUSY = 503


def person_address(number: int) -> str:
    """A loopback address of this person's own (the whole of 127.0.0.0/8 is this machine)."""
    return f"127.0.1.{number % 250 + 1}"


def run_apart(work: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine to its end on an event loop of its own (Playwright's sync API holds one
    in this thread)."""
    with concurrent.futures.ThreadPoolExecutor(1) as apart:
        return apart.submit(asyncio.run, work).result()


def static_files(browser: Browser, url: str, ready: str, timeout: float = 120) -> tuple[float, tuple[str, ...]]:
    """One real visit in Chromium (empty cache): seconds from navigation to ``ready`` (CSS) visible, and
    the server's static files it fetched (paths with their query strings, in order), not the
    page itself, the kernel's API or its websocket."""
    origin = url.split("/voila/", 1)[0]
    fetched: list[str] = []
    context = browser.new_context()
    page = context.new_page()

    def note(request: Any) -> None:
        path = request.url.removeprefix(origin)
        if request.url.startswith(origin) and request.resource_type != "document" and not path.startswith(("/api/", "/voila/api/")):
            fetched.append(path)

    page.on("request", note)
    clock = ReadyClock.of(page)
    clock.watch(ready)
    clock.open(url, timeout)
    seconds = clock.seconds(ready, timeout=timeout)
    page.remove_listener("request", note)  # what the page asks for later (or as it closes) is not its opening
    page.close(run_before_unload=True)
    context.close()
    return seconds, tuple(dict.fromkeys(fetched))


def frame(channel: str, session: str, msg_type: str, content: dict[str, Any], metadata: dict[str, Any] | None = None) -> tuple[str, bytes]:
    """(msg_id, one websocket frame) in Jupyter's v1 binary framing: the number of offsets, the
    offsets, then channel, header, parent header, metadata and content."""
    msg_id = str(uuid.uuid4())
    header = {"msg_id": msg_id, "msg_type": msg_type, "session": session, "username": "", "version": "5.2",
              "date": datetime.now(timezone.utc).isoformat()}
    parts = [channel.encode(), *(json.dumps(part).encode() for part in (header, {}, metadata or {}, content))]
    offsets, position = [], 8 * (len(parts) + 2)
    for part in parts:
        offsets.append(position)
        position += len(part)
    offsets.append(position)
    return msg_id, b"".join(n.to_bytes(8, "little") for n in (len(offsets), *offsets)) + b"".join(parts)


async def reply_to(socket: WebSocketClientConnection, msg_id: str, msg_type: str, deadline: float) -> dict[str, Any]:
    """The content of the first message answering ``msg_id`` with type ``msg_type`` (comm
    messages: with that ``method``)."""
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            raise TimeoutError(f"no {msg_type} within the time allowed")
        payload = await asyncio.wait_for(socket.read_message(), left)
        if payload is None:
            raise ConnectionError("the kernel's websocket closed")
        _, header, parent, content = kernel_message(payload)
        if parent.get("msg_id") != msg_id:
            continue
        if header["msg_type"] == msg_type or content.get("data", {}).get("method") == msg_type:
            return content


@dataclass(frozen=True)
class Opened:
    """Seconds from the first request until the page's widget states arrived (None if they did
    not), how many busy pages came first, and where it stopped if it did."""
    seconds: float | None
    busy: int = 0
    stopped: str = ""


async def open_page(base: str, page: str, static: tuple[str, ...], address: str, timeout: float = 180) -> Opened:
    """One person opening ``page`` as their browser would, within ``timeout`` seconds."""
    client = AsyncHTTPClient(force_instance=True, max_clients=BROWSER_CONNECTIONS)
    started = time.perf_counter()
    deadline = started + timeout
    busy = 0
    step = "the page"

    async def get(path: str) -> HTTPResponse:
        left = max(1.0, deadline - time.perf_counter())  # waiting for one of the six connections counts too
        return await client.fetch(HTTPRequest(f"{base}{path}", network_interface=address, decompress_response=True,
                                              connect_timeout=left, request_timeout=left), raise_error=False)
    try:
        while True:
            reply = await get(f"/voila/render/{page}")
            if reply.code != BUSY:
                break
            busy += 1
            await asyncio.sleep(float(reply.headers.get("Retry-After", "5")))
        found = CONFIG_DATA.search(reply.body.decode(errors="replace")) if reply.code == 200 else None
        if found is None:
            return Opened(None, busy, f"the page: HTTP {reply.code}")
        kernel_id = json.loads(found.group(1))["kernelId"]
        step = "the static files"
        missing = [r.code for r in await asyncio.gather(*(get(path) for path in static)) if r.code != 200]
        if missing:
            return Opened(None, busy, f"the static files: {len(missing)} not served (HTTP {missing[0]})")
        step = "the kernel's websocket"
        await get(f"/api/kernels/{kernel_id}?{int(time.time() * 1000)}")
        session = str(uuid.uuid4())
        ws_base = base.replace("http://", "ws://", 1)
        socket = await websocket_connect(
            HTTPRequest(f"{ws_base}/api/kernels/{kernel_id}/channels?session_id={session}", network_interface=address,
                        connect_timeout=max(1.0, deadline - time.perf_counter()), request_timeout=max(1.0, deadline - time.perf_counter())),
            subprotocols=[KERNEL_PROTOCOL])
        try:
            info, message = frame("shell", session, "kernel_info_request", {})
            await socket.write_message(message, binary=True)
            step = "kernel_info"
            await reply_to(socket, info, "kernel_info_reply", deadline)
            comm_id = str(uuid.uuid4())
            _, message = frame("shell", session, "comm_open", {"comm_id": comm_id, "target_name": WIDGET_CONTROL, "data": {}},
                               {"version": "1.0.0"})
            await socket.write_message(message, binary=True)
            ask, message = frame("shell", session, "comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}})
            await socket.write_message(message, binary=True)
            step = "the widget states"
            await reply_to(socket, ask, "update_states", deadline)
            seconds = time.perf_counter() - started
            _, message = frame("shell", session, "comm_close", {"comm_id": comm_id, "data": {}})
            await socket.write_message(message, binary=True)
        finally:
            socket.close()
        await client.fetch(HTTPRequest(f"{base}/voila/api/shutdown/{kernel_id}", method="POST", body=b"",
                                       network_interface=address, request_timeout=30), raise_error=False)
        return Opened(seconds, busy)
    except (TimeoutError, ConnectionError, OSError, HTTPClientError) as error:
        return Opened(None, busy, f"{step}: {type(error).__name__} {error}".strip())
    finally:
        client.close()
