"""The staff server's admission rules (widgets.kernel_admission), without a server: who is let
in, who sees the busy page, and which kernel is stopped to make room."""

from __future__ import annotations

from widgets.kernel_admission import CLOSED_GRACE_SECONDS, KernelBook

ROOM = "10.0.0.1"  # a training room behind one council gateway


def open_tabs(book: KernelBook, address: str, count: int, now: float, first: int = 0) -> list[str]:
    """``count`` pages let in and connected, as a browser's tabs are."""
    kernels = []
    for number in range(first, first + count):
        admission = book.admit(address, now)
        assert admission.ticket is not None, f"tab {number} was refused"
        kernel_id = f"{address}-{number}"
        book.note(admission.ticket, kernel_id, now)
        book.done(admission.ticket)
        book.connected(kernel_id)
        kernels.append(kernel_id)
    return kernels


def test_tabs_a_room_closed_do_not_count_against_its_address() -> None:
    book = KernelBook(most_kernels=100, most_per_address=3, unconnected_seconds=120)
    for kernel_id in open_tabs(book, ROOM, 3, now=0):
        book.disconnected(kernel_id, now=1)
    assert open_tabs(book, ROOM, 3, now=2, first=3)  # three closed tabs, three open ones
    assert book.admit(ROOM, now=3).ticket is None  # three open: the address's cap
    assert book.admit("10.0.0.2", now=3).ticket is not None  # another address is not held up


def test_a_page_still_loading_counts_against_its_address() -> None:
    book = KernelBook(most_kernels=100, most_per_address=2, unconnected_seconds=120)
    for number in range(2):
        admission = book.admit(ROOM, now=0)
        assert admission.ticket is not None
        book.note(admission.ticket, f"loading-{number}", now=0)
        book.done(admission.ticket)
    assert book.admit(ROOM, now=1).ticket is None
    assert book.never_connected(now=121) == ["loading-0", "loading-1"]
    assert book.admit(ROOM, now=122).ticket is not None


def test_a_full_server_stops_the_tab_closed_longest_ago_and_lets_the_visitor_in() -> None:
    book = KernelBook(most_kernels=3, most_per_address=10, unconnected_seconds=120)
    first, second, third = open_tabs(book, ROOM, 3, now=0)
    book.disconnected(second, now=10)
    book.disconnected(first, now=20)
    admission = book.admit("10.0.0.2", now=20 + CLOSED_GRACE_SECONDS)
    assert admission.ticket is not None
    assert admission.stop_first == second
    assert second not in book.kernels and first in book.kernels and third in book.kernels


def test_a_full_server_of_open_tabs_shows_the_busy_page() -> None:
    book = KernelBook(most_kernels=3, most_per_address=10, unconnected_seconds=120)
    open_tabs(book, ROOM, 3, now=0)
    assert book.admit("10.0.0.2", now=1000).ticket is None


def test_a_tab_that_just_lost_its_connection_is_not_stopped_for_room() -> None:
    book = KernelBook(most_kernels=2, most_per_address=10, unconnected_seconds=120)
    first, _ = open_tabs(book, ROOM, 2, now=0)
    book.disconnected(first, now=100)
    assert book.admit("10.0.0.2", now=100 + CLOSED_GRACE_SECONDS / 2).ticket is None  # a blip may reconnect
    book.connected(first)  # it did
    assert book.admit("10.0.0.2", now=100 + CLOSED_GRACE_SECONDS * 2).ticket is None
    assert first in book.kernels


def test_a_tab_with_a_second_connection_open_is_not_closed() -> None:
    book = KernelBook(most_kernels=1, most_per_address=10, unconnected_seconds=120)
    (kernel_id,) = open_tabs(book, ROOM, 1, now=0)
    book.connected(kernel_id)  # a reconnect before the old connection was seen to close
    book.disconnected(kernel_id, now=1)
    assert book.admit("10.0.0.2", now=1000).ticket is None


def test_requests_waiting_for_a_kernel_count_against_both_caps() -> None:
    book = KernelBook(most_kernels=2, most_per_address=10, unconnected_seconds=120)
    assert book.admit(ROOM, now=0).ticket is not None
    assert book.admit(ROOM, now=0).ticket is not None
    assert book.admit(ROOM, now=0).ticket is None
