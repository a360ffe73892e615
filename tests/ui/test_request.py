"""A preheated page learns its visitor's request (the query string of a resume link) from
Voila's ``voila/query`` socket, and goes on the moment it arrives."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import threading

import pytest
from websockets.asyncio.server import ServerConnection, serve

from widgets.ui import request

REQUEST = {"QUERY_STRING": "code=K7QX-9MZD"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def preheated(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """A preheated kernel's environment; the test sets VOILA_APP_PORT."""
    for name, value in {"VOILA_PREHEAT": "True", "VOILA_APP_IP": "127.0.0.1", "VOILA_SERVER_URL": "/",
                        "VOILA_KERNEL_ID": "kernel-1", "QUERY_STRING": ""}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("VOILA_WS_BASE_URL", raising=False)
    monkeypatch.setattr(request, "_arrived", threading.Event())
    return monkeypatch


def test_the_page_goes_on_when_the_request_arrives_not_when_the_socket_has_closed(preheated: pytest.MonkeyPatch) -> None:
    """The closing handshake after the message took 100-150 ms in about half of the visits
    timed; here the server cannot answer it until the page has gone on (or 5 s have passed)."""
    release = threading.Event()
    timed_out: list[bool] = []
    listening = threading.Event()
    ports: list[int] = []
    asked: list[str] = []

    async def handler(connection: ServerConnection) -> None:
        asked.append(connection.request.path if connection.request else "")
        await connection.send(json.dumps(REQUEST))
        timed_out.append(not release.wait(5))  # blocks the server's loop: no closing handshake until released

    async def run_server() -> None:
        async with serve(handler, "127.0.0.1", 0) as server:  # a port the system chooses: no race for it
            ports.extend(sock.getsockname()[1] for sock in server.sockets)
            listening.set()
            while not (release.is_set() and timed_out):
                await asyncio.sleep(0.05)

    server = threading.Thread(target=lambda: asyncio.run(run_server()), daemon=True)
    server.start()
    assert listening.wait(10)
    preheated.setenv("VOILA_APP_PORT", str(ports[0]))
    for proxy in ("http_proxy", "https_proxy", "all_proxy"):  # a server's own settings must not send it elsewhere
        preheated.setenv(proxy, "http://127.0.0.1:9")
    for bypass in ("no_proxy", "NO_PROXY"):
        preheated.delenv(bypass, raising=False)
    request.wait_for_visitor()
    release.set()
    server.join(10)
    assert timed_out == [False]  # it went on while the server still held the socket open
    assert asked == ["/voila/query/kernel-1"]
    assert os.environ["QUERY_STRING"] == REQUEST["QUERY_STRING"]
    assert request.query_parameters() == {"code": "K7QX-9MZD"}


def test_with_no_request_to_be_had_the_page_opens_without_one_and_says_why_in_the_log(
        preheated: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    preheated.setenv("VOILA_APP_PORT", str(free_port()))
    with caplog.at_level(logging.WARNING, logger="widgets"):
        request.wait_for_visitor()  # nothing listens on the port
    assert request.query_parameters() == {}
    assert "could not learn its visitor's request" in caplog.text


def test_a_listener_that_dies_without_a_word_still_lets_the_page_open(preheated: pytest.MonkeyPatch) -> None:
    """Even an error that ``except Exception`` does not catch (a cancelled task) ends the wait."""
    async def cancelled(url: str, deliver: object) -> None:
        raise asyncio.CancelledError

    preheated.setattr(request, "_request_info", cancelled)
    preheated.setattr(threading, "excepthook", lambda args: None)  # the thread's own traceback is expected
    page = threading.Thread(target=request.wait_for_visitor, daemon=True)  # a page left waiting fails, not hangs, the test
    page.start()
    page.join(10)
    assert not page.is_alive()
    assert request.query_parameters() == {}
