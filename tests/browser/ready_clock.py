"""When a page became usable, timed by the page itself.

Playwright's ``locator.wait_for`` looks again after 0, 20, 50, 100 and 100 ms, then every 500 ms:
a page usable just after a look is seen up to half a second late, so a timing taken that way
measures where the page fell between two looks as much as the page (the same visit was timed
at 1.3 s and 1.8 s). Here a script in the page checks on every frame it draws and notes the
first frame in which the wanted element is visible, as a wall-clock time in milliseconds
(``performance.timeOrigin + performance.now()``); the benchmark subtracts the moment it asked
for the page. Not the page's own start: a busy page that reloads itself starts a new document,
and the visitor's wait on it counts.
"""

from __future__ import annotations

import json
import time

from playwright.sync_api import Page

# Checks each frame; the first frame with the element (and its text, if asked) visible is noted.
WATCH = """(() => {
  const [key, css, text] = %s;
  const shown = (el) => el.checkVisibility() && el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0
    && (!text || el.textContent.includes(text));
  const look = () => {
    if ([...document.querySelectorAll(css)].some(shown)) {
      window.viwReadyAt = { ...(window.viwReadyAt || {}), [key]: performance.timeOrigin + performance.now() };
      return;
    }
    requestAnimationFrame(look);
  };
  look();
})();"""
READ = "(key) => window.viwReadyAt && window.viwReadyAt[key]"


def watch_script(css: str, text: str = "") -> tuple[str, str]:
    """(key, init script) for a page: the script notes when ``css`` (containing ``text``) shows."""
    key = f"{css}|{text}"
    return key, WATCH % json.dumps([key, css, text])


class ReadyClock:
    """Installed on a Playwright page before it navigates; every later navigation is timed too."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.watched: set[str] = set()
        self.asked = time.time()

    @classmethod
    def of(cls, page: Page) -> "ReadyClock":
        """The page's clock (one per page: its scripts stay with the page across navigations)."""
        clock = getattr(page, "_viw_ready_clock", None)
        if clock is None:
            clock = cls(page)
            setattr(page, "_viw_ready_clock", clock)
        return clock

    def watch(self, css: str, text: str = "") -> str:
        key, script = watch_script(css, text)
        if key not in self.watched:
            self.page.add_init_script(script)
            self.watched.add(key)
        return key

    def open(self, url: str, timeout: float = 90) -> None:
        """Ask for the page; ``seconds`` counts from this moment."""
        self.asked = time.time()
        self.page.goto(url, timeout=timeout * 1000)

    def seconds(self, css: str, text: str = "", timeout: float = 90) -> float:
        """Seconds from ``open`` until ``css`` showed (waits for it); ``watch`` it before opening."""
        key, _ = watch_script(css, text)
        if key not in self.watched:
            raise ValueError(f"{css!r} was not watched before the page was opened")
        handle = self.page.wait_for_function(READ, arg=key, polling="raf", timeout=timeout * 1000)
        return float(handle.json_value()) / 1000 - self.asked
