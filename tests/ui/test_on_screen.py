"""Work held until the page is drawn runs once: at the browser's word in a kernel, at once without one."""

from __future__ import annotations

import pytest

from widgets.ui import on_screen
from widgets.ui.on_screen import SHOWN, OnScreen


def test_without_a_browser_to_wait_for_the_work_runs_at_once() -> None:
    ran: list[str] = []
    assert not OnScreen(lambda: ran.append("rest")).waiting
    assert ran == ["rest"]


def test_in_a_kernel_the_work_waits_for_the_page_to_be_drawn_and_runs_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(on_screen, "in_kernel", lambda: True)
    ran: list[str] = []
    shown = OnScreen(lambda: ran.append("rest"))
    assert ran == [] and shown.waiting
    shown._message(shown, {"event": "something else"}, [])
    assert ran == []
    shown._message(shown, {"event": SHOWN}, [])
    shown._message(shown, {"event": SHOWN}, [])  # a second tab on the kernel, or the view drawn again
    assert ran == ["rest"] and not shown.waiting
