"""Checks every page must pass, in whatever state a person has brought it to: no request
leaves our server (staff may be offline or behind a filter), and axe-core finds nothing
serious or critical (what blocks a screen reader or keyboard user, or unreadable text)."""

from __future__ import annotations

from urllib.parse import urlparse

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, Route, WebSocketRoute

BLOCKING = ("serious", "critical")
LOCAL_SCHEMES = ("data", "blob", "about")


def origin(url: str) -> tuple[str, str | None, int | None]:
    """Scheme family, host and port: ws:// to our server counts as our server."""
    parts = urlparse(url)
    secure = parts.scheme in ("https", "wss")
    return ("secure" if secure else "plain", parts.hostname, parts.port or (443 if secure else 80))


def block_outside_requests(page: Page, server_url: str) -> list[str]:
    """Abort, and record, every request (websockets too) to anywhere but ``server_url``: the
    page then behaves as it would offline, and the list tells a test what it asked for."""
    ours = origin(server_url)
    outside: list[str] = []

    def is_outside(url: str) -> bool:
        return urlparse(url).scheme not in LOCAL_SCHEMES and origin(url) != ours

    def check(route: Route) -> None:
        if is_outside(route.request.url):
            outside.append(route.request.url)
            route.abort("internetdisconnected")
        else:
            route.continue_()

    def refuse(socket: WebSocketRoute) -> None:
        outside.append(socket.url)
        socket.close()

    page.context.route("**/*", check)  # the context: popups and workers included
    page.context.route_web_socket(is_outside, refuse)
    return outside


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now, one line each."""
    violations = Axe().run(page).response["violations"]
    return [f"{v['impact']}: {v['id']} ({v['help']}) at {[n['target'] for n in v['nodes'][:3]]}"
            for v in violations if v["impact"] in BLOCKING]


def icon_font_glyphs(page: Page) -> int:
    """Icons drawn with Font Awesome, which would need a stylesheet from a CDN (we drop it)."""
    return page.locator("i.fa, i[class*='fa-']").count()
