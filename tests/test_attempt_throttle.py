"""The wait after wrong attempts: none for the first few, then doubling, capped; per address;
a right attempt starts afresh; quiet addresses are forgotten. A fake clock, no sleeping."""

from __future__ import annotations

from widgets.attempt_throttle import MOST_ADDRESSES, AttemptThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_first_failures_cost_nothing_then_the_wait_doubles_up_to_the_limit() -> None:
    clock = Clock()
    throttle = AttemptThrottle(free_failures=3, first_wait=1, longest_wait=30, clock=clock)
    waits = []
    for _ in range(10):
        waits.append(throttle.failed("10.0.0.1"))
        clock.now += waits[-1]  # the guesser waits exactly as long as asked
    assert waits == [0, 0, 1, 2, 4, 8, 16, 30, 30, 30]
    assert throttle.failures("10.0.0.1") == 10


def test_an_attempt_during_the_wait_is_refused_and_does_not_count() -> None:
    clock = Clock()
    throttle = AttemptThrottle(free_failures=3, first_wait=1, clock=clock)
    for _ in range(4):
        throttle.failed("10.0.0.1")
    assert throttle.wait_left("10.0.0.1") == 2
    clock.now += 1.5
    assert throttle.wait_left("10.0.0.1") == 0.5
    assert throttle.failures("10.0.0.1") == 4
    clock.now += 0.5
    assert throttle.wait_left("10.0.0.1") == 0


def test_addresses_are_counted_apart_and_a_right_attempt_starts_afresh() -> None:
    clock = Clock()
    throttle = AttemptThrottle(free_failures=3, first_wait=1, clock=clock)
    for _ in range(5):
        throttle.failed("10.0.0.1")
    assert throttle.wait_left("10.0.0.2") == 0 and throttle.failures("10.0.0.2") == 0
    clock.now += 60
    throttle.succeeded("10.0.0.1")
    assert throttle.failures("10.0.0.1") == 0 and throttle.wait_left("10.0.0.1") == 0
    assert throttle.failed("10.0.0.1") == 0


def test_a_quiet_address_is_forgotten_but_not_while_it_still_waits() -> None:
    clock = Clock()
    throttle = AttemptThrottle(free_failures=1, first_wait=100, longest_wait=5000, forget_after=50, clock=clock)
    throttle.failed("10.0.0.1")
    throttle.failed("10.0.0.1")  # now waits 200 s
    clock.now += 150
    assert throttle.wait_left("10.0.0.1") == 50  # quiet for longer than forget_after, but still waiting
    clock.now += 60
    assert throttle.failures("10.0.0.1") == 0


def test_a_flood_of_addresses_keeps_memory_bounded() -> None:
    clock = Clock()
    throttle = AttemptThrottle(clock=clock)
    for n in range(MOST_ADDRESSES + 50):
        clock.now += 0.001
        throttle.failed(f"address-{n}")
    assert len(throttle._records) <= MOST_ADDRESSES
    assert throttle.failures(f"address-{MOST_ADDRESSES + 49}") == 1  # the latest is kept


def test_behind_a_proxy_the_dashboard_counts_the_visitor_not_the_proxy(monkeypatch) -> None:
    """Else one stranger's wrong tokens, all arriving from the proxy, would make every trainer wait."""
    from types import SimpleNamespace

    from tornado.httputil import HTTPHeaders

    from widgets.settings import PUBLIC_HOSTS_VARIABLE
    from widgets.sign_in import address_of

    def handler(forwarded: str) -> SimpleNamespace:
        return SimpleNamespace(request=SimpleNamespace(remote_ip="127.0.0.1", headers=HTTPHeaders({"X-Forwarded-For": forwarded})))

    monkeypatch.setenv(PUBLIC_HOSTS_VARIABLE, "workbook.example.gov.uk")
    assert address_of(handler("10.0.0.1, 203.0.113.7")) == "203.0.113.7"  # the one the proxy added last
    monkeypatch.delenv(PUBLIC_HOSTS_VARIABLE)
    assert address_of(handler("203.0.113.7")) == "127.0.0.1"  # no proxy set up: the header is anyone's to write


def test_behind_two_proxies_the_visitor_is_the_address_the_outer_one_added(monkeypatch) -> None:
    """JupyterHub's proxy behind the council's HTTPS proxy: the last entry is the HTTPS proxy,
    so every visitor would share one count (and one kernel cap) unless the hops are set."""
    from tornado.httputil import HTTPHeaders, HTTPServerRequest

    from widgets.server_guard import visitor_address
    from widgets.settings import PROXY_HOPS_VARIABLE

    request = HTTPServerRequest(method="GET", uri="/", headers=HTTPHeaders({"X-Forwarded-For": "6.6.6.6, 203.0.113.7, 10.1.1.1"}))
    request.remote_ip = "127.0.0.1"
    assert visitor_address(request, behind_proxy=True) == "10.1.1.1"  # one hop, the default
    monkeypatch.setenv(PROXY_HOPS_VARIABLE, "2")
    assert visitor_address(request, behind_proxy=True) == "203.0.113.7"
    monkeypatch.setenv(PROXY_HOPS_VARIABLE, "5")
    assert visitor_address(request, behind_proxy=True) == "6.6.6.6"  # fewer entries than hops: the first
