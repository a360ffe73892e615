"""Which page requests the staff server lets in, and which page kernels it stops: the rules of
``widgets.server_guard`` as plain Python, so they can be tested without a server.

A page kernel is, at any moment, one of:

- **loading**: its page was sent but has not opened its connection yet (a script's request never
  will; it is stopped after ``unconnected_seconds``);
- **open**: a tab is connected to it;
- **closed**: a tab was connected and is no longer (the tab was closed, the phone locked, the
  network dropped). Its kernel keeps the page's state in case the tab reconnects, until the
  idle culler stops it, or until the server is full and its room is needed.

The per-address cap counts loading and open kernels only: a room behind one council gateway
shares one address, and the tabs its people closed an hour ago must not keep them out. The
server cap counts every page kernel, because each holds memory; at that cap the kernel closed
longest ago (and at least ``CLOSED_GRACE_SECONDS`` ago, so a network blip can still reconnect)
is stopped to make room, and only when no kernel is closed do visitors see the busy page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CLOSED_GRACE_SECONDS = 30.0


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

    def live(self) -> bool:
        """Loading or open: a person is, or is about to be, using it."""
        return self.connections > 0 or not self.ever_connected


@dataclass
class Admission:
    """The answer to one page request: a ticket (or None: show the busy page), and the kernel
    to stop first to make room, if any."""
    ticket: Ticket | None
    stop_first: str | None = None


@dataclass
class KernelBook:
    """The page kernels of one server, for whom, and in which state."""
    most_kernels: int
    most_per_address: int
    unconnected_seconds: float
    kernels: dict[str, PageKernel] = field(default_factory=dict)
    tickets: list[Ticket] = field(default_factory=list)

    def note(self, ticket: Ticket, kernel_id: str, now: float) -> None:
        """The kernel a let-in request was given (a new one, or one from the pool)."""
        if ticket.kernel_id is None:
            ticket.kernel_id = kernel_id
            self.kernels[kernel_id] = PageKernel(ticket.address, since=now)

    def connected(self, kernel_id: str) -> None:
        kernel = self.kernels.get(kernel_id)
        if kernel is not None:
            kernel.connections += 1
            kernel.ever_connected = True
            kernel.closed_since = None

    def disconnected(self, kernel_id: str, now: float) -> None:
        kernel = self.kernels.get(kernel_id)
        if kernel is not None and kernel.connections > 0:
            kernel.connections -= 1
            if kernel.connections == 0:
                kernel.closed_since = now

    def forget(self, kernel_id: str) -> None:
        """A kernel that no longer runs (stopped, culled or died)."""
        self.kernels.pop(kernel_id, None)

    def admit(self, address: str, now: float) -> Admission:
        """Let a page request in, stopping a closed tab's kernel first if the server is full."""
        waiting = [t for t in self.tickets if t.kernel_id is None]
        live_here = sum(k.live() and k.address == address for k in self.kernels.values())
        if live_here + sum(t.address == address for t in waiting) >= self.most_per_address:
            return Admission(None)
        stop_first = None
        if len(self.kernels) + len(waiting) >= self.most_kernels:
            stop_first = self.closed_longest_ago(now)
            if stop_first is None:
                return Admission(None)
            self.forget(stop_first)
        ticket = Ticket(address)
        self.tickets.append(ticket)
        return Admission(ticket, stop_first)

    def done(self, ticket: Ticket) -> None:
        self.tickets.remove(ticket)

    def closed_longest_ago(self, now: float) -> str | None:
        closed = [(k.closed_since, kernel_id) for kernel_id, k in self.kernels.items()
                  if k.closed_since is not None and now - k.closed_since >= CLOSED_GRACE_SECONDS]
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
        live_here = sum(k.live() and k.address == address for k in self.kernels.values())
        closed = sum(k.closed_since is not None for k in self.kernels.values())
        return (f"{len(self.kernels)} page kernels (most {self.most_kernels}, {closed} of them closed tabs), "
                f"{live_here} loading or open for {address} (most {self.most_per_address})")
