"""The staff server's admission rules (widgets.kernel_admission), without a server: who is let
in, who sees the busy page, and which kernel is stopped to make room."""

from __future__ import annotations

from widgets.kernel_admission import KernelBook

ROOM = "10.0.0.1"  # a training room behind one council gateway
ELSEWHERE = "10.0.0.2"
GRACE = 300.0


def book(most_kernels: int = 100, most_per_address: int = 10) -> KernelBook:
    return KernelBook(most_kernels, most_per_address, unconnected_seconds=120, closed_grace_seconds=GRACE)


def open_tabs(kernels: KernelBook, address: str, count: int, now: float, first: int = 0) -> list[str]:
    """``count`` pages let in and connected, as a browser's tabs are (any kernel stopped to make
    room forgotten, as the server does)."""
    opened = []
    for number in range(first, first + count):
        admission = kernels.admit(address, now)
        assert admission.ticket is not None, f"tab {number} from {address} was refused"
        kernel_id = f"{address}-{number}"
        kernels.note(admission.ticket, kernel_id, now)
        kernels.done(admission.ticket)
        kernels.connections(kernel_id, 1, now)
        opened.append(kernel_id)
    return opened


def close(kernels: KernelBook, kernel_ids: list[str], now: float) -> None:
    for kernel_id in kernel_ids:
        kernels.connections(kernel_id, 0, now)


def test_a_room_at_its_address_cap_reuses_the_kernels_of_tabs_its_people_closed() -> None:
    kernels = book(most_per_address=3)
    first = open_tabs(kernels, ROOM, 3, now=0)
    close(kernels, first[:2], now=10)
    assert kernels.admit(ROOM, now=10 + GRACE / 2).ticket is None  # closed too recently: may come back
    admission = kernels.admit(ROOM, now=10 + GRACE)
    assert admission.ticket is not None and admission.stop_first is not None
    assert admission.stop_first[0] in first[:2]
    assert len(kernels.kernels) == 2  # the one stopped is forgotten; the new page's kernel comes with it


def test_one_address_cannot_take_more_than_its_share_by_connecting_and_dropping() -> None:
    """A script that opens pages, drops their connections and touches them again stays at its cap."""
    kernels = book(most_kernels=10, most_per_address=5)
    script = open_tabs(kernels, ELSEWHERE, 5, now=0)
    for moment in range(1, 20):
        close(kernels, script, now=moment * 25)
        assert kernels.admit(ELSEWHERE, now=moment * 25).ticket is None
        for kernel_id in script:
            kernels.connections(kernel_id, 1, now=moment * 25 + 1)
    assert open_tabs(kernels, ROOM, 5, now=500)  # everyone else's share is still there


def test_a_page_still_loading_counts_against_its_address() -> None:
    kernels = book(most_per_address=2)
    for number in range(2):
        admission = kernels.admit(ROOM, now=0)
        assert admission.ticket is not None
        kernels.note(admission.ticket, f"loading-{number}", now=0)
        kernels.done(admission.ticket)
    assert kernels.admit(ROOM, now=1).ticket is None
    assert kernels.never_connected(now=121) == ["loading-0", "loading-1"]
    assert kernels.admit(ROOM, now=122).ticket is not None


def test_a_full_server_stops_the_tab_closed_longest_ago_of_any_address() -> None:
    kernels = book(most_kernels=3)
    first, second, third = open_tabs(kernels, ROOM, 3, now=0)
    close(kernels, [second], now=10)
    close(kernels, [first], now=20)
    admission = kernels.admit(ELSEWHERE, now=20 + GRACE)
    assert admission.ticket is not None
    assert admission.stop_first is not None and admission.stop_first[0] == second
    assert set(kernels.kernels) == {first, third}


def test_a_kernel_that_could_not_be_stopped_counts_again() -> None:
    kernels = book(most_kernels=1)
    (only,) = open_tabs(kernels, ROOM, 1, now=0)
    close(kernels, [only], now=0)
    admission = kernels.admit(ELSEWHERE, now=GRACE)
    assert admission.stop_first is not None
    kernels.put_back(*admission.stop_first)
    assert only in kernels.kernels


def test_a_full_server_of_open_tabs_shows_the_busy_page() -> None:
    kernels = book(most_kernels=3)
    open_tabs(kernels, ROOM, 3, now=0)
    assert kernels.admit(ELSEWHERE, now=10_000).ticket is None


def test_a_tab_that_came_back_is_not_stopped_for_room() -> None:
    kernels = book(most_kernels=2)
    first, _ = open_tabs(kernels, ROOM, 2, now=0)
    close(kernels, [first], now=100)
    kernels.connections(first, 1, now=150)  # the phone was unlocked
    assert kernels.admit(ELSEWHERE, now=100 + GRACE * 2).ticket is None
    assert first in kernels.kernels


def test_requests_waiting_for_a_kernel_count_against_both_caps() -> None:
    kernels = book(most_kernels=2)
    assert kernels.admit(ROOM, now=0).ticket is not None
    assert kernels.admit(ELSEWHERE, now=0).ticket is not None
    assert kernels.admit(ROOM, now=0).ticket is None
