"""Work held until the page's views are made runs once: at the browser's word in a kernel (or
after a fallback delay), at once without a kernel or in a test session, where a failure must raise."""

from __future__ import annotations

from typing import Callable

import pytest

from widgets.ui import on_screen
from widgets.ui.on_screen import FALLBACK_SECONDS, SHOWN, OnScreen


def unguarded(work: Callable[[], None]) -> Callable[[], None]:
    return work


def test_without_a_browser_to_wait_for_the_work_runs_at_once() -> None:
    ran: list[str] = []
    assert not OnScreen(lambda: ran.append("rest"), unguarded).waiting
    assert ran == ["rest"]


def test_in_a_test_session_the_work_runs_at_once_and_what_it_raises_is_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(on_screen, "in_kernel", lambda: True)  # nbval runs the notebook in a kernel, with no browser
    monkeypatch.setenv("VIW_PAGE_ERRORS", "raise")

    def broken() -> None:
        raise RuntimeError("a view could not be built")

    with pytest.raises(RuntimeError):
        OnScreen(broken, lambda work: (lambda: None))  # the guard is not used


def test_in_a_kernel_the_work_waits_for_the_browser_and_runs_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(on_screen, "in_kernel", lambda: True)
    monkeypatch.delenv("VIW_PAGE_ERRORS", raising=False)
    later: list[tuple[Callable[[], None], float]] = []
    monkeypatch.setattr(on_screen, "after_this_cell", lambda work, delay: later.append((work, delay)))
    ran: list[str] = []
    guarded: list[str] = []

    def guard(work: Callable[[], None]) -> Callable[[], None]:
        guarded.append("yes")
        return work

    shown = OnScreen(lambda: ran.append("rest"), guard)
    assert ran == [] and shown.waiting and guarded == ["yes"]
    assert [delay for _, delay in later] == [FALLBACK_SECONDS]
    shown._message(shown, {"event": "something else"}, [])
    assert ran == []
    shown._message(shown, {"event": SHOWN}, [])
    shown._message(shown, {"event": SHOWN}, [])  # a second tab on the kernel, or the view made again
    later[0][0]()  # and the fallback, later
    assert ran == ["rest"] and not shown.waiting


def test_in_a_kernel_whose_browser_never_says_the_fallback_runs_the_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(on_screen, "in_kernel", lambda: True)
    monkeypatch.delenv("VIW_PAGE_ERRORS", raising=False)
    later: list[Callable[[], None]] = []
    monkeypatch.setattr(on_screen, "after_this_cell", lambda work, delay: later.append(work))
    ran: list[str] = []
    OnScreen(lambda: ran.append("rest"), unguarded)
    later[0]()
    assert ran == ["rest"]
