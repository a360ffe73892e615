"""Checks every page must pass, in whatever state a person has brought it to: no request
leaves our server (staff may be offline or behind a filter), and axe-core finds nothing
serious or critical (what blocks a screen reader or keyboard user, or unreadable text)."""

from __future__ import annotations

import re
from typing import Callable, Iterator
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, Route, WebSocketRoute

BLOCKING = ("serious", "critical")


def outside_of(server_url: str) -> re.Pattern[str]:
    """Every URL but our server's (page, files, websockets) and in-page data. A pattern, not a
    function, so the browser only stops outside requests: the rest never wait for Python."""
    parts = urlparse(server_url)
    ours = re.escape(f"{parts.hostname}:{parts.port}/")
    return re.compile(rf"^(?!(?:https?|wss?)://{ours}|data:|blob:|about:)")


@pytest.fixture
def offline(page: Page) -> Iterator[Callable[[str], list[str]]]:
    """``offline(server_url)`` refuses and records every request to anywhere else (websockets
    too), so the page behaves as it would with no internet, and the list tells the test what
    it asked for. The refusal ends before the page closes, never delaying its goodbye to Voila."""

    def block(server_url: str) -> list[str]:
        outside: list[str] = []

        def refuse(route: Route) -> None:
            outside.append(route.request.url)
            route.abort("internetdisconnected")

        def refuse_socket(socket: WebSocketRoute) -> None:
            outside.append(socket.url)
            socket.close()

        page.context.route(outside_of(server_url), refuse)  # the context: popups and workers too
        page.context.route_web_socket(outside_of(server_url), refuse_socket)
        return outside

    yield block
    page.context.unroute_all(behavior="ignoreErrors")


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the whole page as it is now, one line each
    (the window is made as tall as the page for the audit, then put back)."""
    window = page.viewport_size
    show_whole_page(page)
    try:
        violations = Axe().run(page).response["violations"]
    finally:
        page.set_viewport_size(window)
    return [f"{v['impact']}: {v['id']} ({v['help']}) at {[n['target'] for n in v['nodes'][:3]]}"
            for v in violations if v["impact"] in BLOCKING]


def show_whole_page(page: Page) -> None:
    """Make the window as tall as the page. Voila scrolls the page inside a panel the size of
    the window, and axe checks text contrast only where text is on screen: without this an
    audit sees the first screenful. Anything above the panel (the banner of a page that lost its
    connection) needs its own room on top."""
    tallest = ("Math.max(...Array.from(document.querySelectorAll('*'), e => e.scrollHeight))"
               " + innerHeight - (document.getElementById('main')?.clientHeight ?? innerHeight)")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": page.evaluate(tallest)})
    page.wait_for_function("() => Array.from(document.querySelectorAll('.lm-BoxPanel-child')).every(e => e.scrollHeight <= e.clientHeight + 1)")


def icon_font_glyphs(page: Page) -> int:
    """Icons drawn with Font Awesome, which would need a stylesheet from a CDN (we drop it)."""
    return page.locator("i.fa, i[class*='fa-']").count()
