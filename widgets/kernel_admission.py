"""Which page requests the staff server lets in, and which page kernels it stops: the rules of
``widgets.server_guard`` as plain Python, so they can be tested without a server.

A page kernel is, at any moment, one of:

- **loading**: its page was sent but has not opened its connection yet (a script's request never
  will; it is stopped after ``unconnected_seconds``);
- **open**: a tab is connected to it;
- **closed**: a tab was connected and is no longer (the tab was closed, the phone locked, the
  network dropped). Its kernel keeps the page's state in case the tab comes back, until the
  idle culler stops it, or until its room is needed.

Both caps count every page kernel: each holds memory, and a script that connects and drops
again must not take more than its address's share. A closed kernel is only stopped to make room
once it has been closed for ``closed_grace_seconds`` (a phone locked during a call comes back to
a live page): at an address's cap, that address's kernel closed longest ago; at the server's cap,
the one closed longest ago of any address. So a room behind one council gateway (one address)
recycles the tabs its own people closed, and no address can push others' closed tabs out beyond
its share. When no kernel may be stopped, the visitor sees the busy page, which asks again.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Ticket:
    """One page request let in: counts against the caps until its kernel is known."""
    address: str
    kernel_id: str | None = None


@dataclass
class PageKernel:
    address: str
    since: float
    connections: int = 0
    ever_connected: bool = False
    closed_since: float | None = None


@dataclass
class Admission:
    """The answer to one page request: a ticket (or None: show the busy page), and the kernel
    to stop first to make room, if any (already forgotten here; put back if it cannot be stopped)."""
    ticket: Ticket | None
    stop_first: tuple[str, PageKernel] | None = None


@dataclass
class KernelBook:
    """The page kernels of one server, for whom, and in which state."""
    most_kernels: int
    most_per_address: int
    unconnected_seconds: float
    closed_grace_seconds: float
    kernels: dict[str, PageKernel] = field(default_factory=dict)
    tickets: list[Ticket] = field(default_factory=list)

    def note(self, ticket: Ticket, kernel_id: str, now: float) -> None:
        """The kernel a let-in request was given (a new one, or one from the pool)."""
        if ticket.kernel_id is None:
            ticket.kernel_id = kernel_id
            self.kernels[kernel_id] = PageKernel(ticket.address, since=now)

    def connections(self, kernel_id: str, count: int, now: float) -> None:
        """How many connections the kernel has now (Jupyter's own count, so a connection seen
        closing twice is not taken for a closed tab)."""
        kernel = self.kernels.get(kernel_id)
        if kernel is None:
            return
        kernel.connections = count
        if count > 0:
            kernel.ever_connected, kernel.closed_since = True, None
        elif kernel.ever_connected and kernel.closed_since is None:
            kernel.closed_since = now

    def forget(self, kernel_id: str) -> None:
        """A kernel that no longer runs (stopped, culled or died)."""
        self.kernels.pop(kernel_id, None)

    def put_back(self, kernel_id: str, kernel: PageKernel) -> None:
        """A kernel chosen to make room that could not be stopped: it still counts."""
        self.kernels[kernel_id] = kernel

    def admit(self, address: str, now: float) -> Admission:
        """Let a page request in, stopping a closed tab's kernel first where a cap is reached."""
        waiting = [t for t in self.tickets if t.kernel_id is None]
        here = sum(k.address == address for k in self.kernels.values()) + sum(t.address == address for t in waiting)
        stop_first = None
        if here >= self.most_per_address:
            stop_first = self._closed_longest_ago(now, address)
        elif len(self.kernels) + len(waiting) >= self.most_kernels:
            stop_first = self._closed_longest_ago(now)
        else:
            return self._ticket(address, None)
        if stop_first is None:
            return Admission(None)
        return self._ticket(address, (stop_first, self.kernels.pop(stop_first)))

    def _ticket(self, address: str, stop_first: tuple[str, PageKernel] | None) -> Admission:
        ticket = Ticket(address)
        self.tickets.append(ticket)
        return Admission(ticket, stop_first)

    def done(self, ticket: Ticket) -> None:
        self.tickets.remove(ticket)

    def _closed_longest_ago(self, now: float, address: str | None = None) -> str | None:
        closed = [(k.closed_since, kernel_id) for kernel_id, k in self.kernels.items()
                  if k.closed_since is not None and now - k.closed_since >= self.closed_grace_seconds
                  and address in (None, k.address)]
        return min(closed)[1] if closed else None

    def never_connected(self, now: float) -> list[str]:
        """Kernels whose page has not connected within ``unconnected_seconds``: forgotten here,
        for the server to stop."""
        late = [kernel_id for kernel_id, k in self.kernels.items()
                if not k.ever_connected and now - k.since > self.unconnected_seconds]
        for kernel_id in late:
            self.forget(kernel_id)
        return late

    def counts(self, address: str) -> str:
        """For the log line of a busy answer."""
        here = sum(k.address == address for k in self.kernels.values())
        closed = sum(k.closed_since is not None for k in self.kernels.values())
        return (f"{len(self.kernels)} page kernels (most {self.most_kernels}, {closed} of them closed tabs), "
                f"{here} for {address} (most {self.most_per_address}); closed tabs are stopped for room "
                f"after {self.closed_grace_seconds:.0f} s")
