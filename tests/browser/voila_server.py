"""Start and stop our Voila launcher on a free port, as a person's machine would run it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.session_env import server_environment
from widgets.settings import PROJECT_ROOT, RESULTS_DIR_VARIABLE


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT_TRIES = 3
PORT_IN_USE = "no available port could be found"  # what Voila says when its port was taken meanwhile


class PortTaken(Exception):
    """The port chosen was taken before the server could listen on it."""


class VoilaServer:
    def __init__(
        self,
        app: str,
        results_dir: Path,
        extra_args: tuple[str, ...] = (),
        env: dict[str, str] | None = None,
        root: Path | None = None,
        log_dir: Path | None = None,
    ):
        self.app = app
        self.root = root
        self.results_dir = Path(results_dir)
        self.port = free_port()
        self.extra_args = extra_args
        self.env = env or {}
        self.log_path = (log_dir or self.results_dir) / f"voila-{app}.log"  # elsewhere for a results disk a test fills
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90) -> None:
        """Start and wait until it answers. The port was free when chosen, but another program
        (a kernel of another server, binding its five random ports) may take it first: then a
        new free port is chosen and the server started again."""
        for _ in range(PORT_TRIES - 1):
            try:
                return self._start_once(timeout)
            except PortTaken:
                self.port = free_port()
        self._start_once(timeout)

    def _start_once(self, timeout: float) -> None:
        # The session's settings (the fixture content among them), but a page that fails shows
        # the friendly panel, as on a real server: the session's VIW_PAGE_ERRORS=raise is dropped.
        env = {**server_environment(dict(os.environ)), RESULTS_DIR_VARIABLE: str(self.results_dir),
               "PYTHONPATH": str(PROJECT_ROOT), **self.env}
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(self.command(), cwd=PROJECT_ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._log.close()
                if PORT_IN_USE in self.log():
                    raise PortTaken(self.port)
                raise RuntimeError(f"Voila exited early:\n{self.log()}")
            try:
                # /voila/tree answers without starting a kernel (a notebook URL would start one).
                with urllib.request.urlopen(f"{self.url}/voila/tree", timeout=2):
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"Voila did not answer within {timeout} s:\n{self.log()}")

    def command(self) -> list[str]:
        command = [sys.executable, "-m", "widgets.server", self.app, "--port", str(self.port),
                   "--results-dir", str(self.results_dir), *self.extra_args]
        return command + ["--root", str(self.root)] if self.root else command

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kernel_pids(self) -> list[int]:
        """Kernel processes this server started (children running ipykernel)."""
        assert self.process is not None
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                parent = int(stat.rsplit(")", 1)[1].split()[1])
                command = (entry / "cmdline").read_bytes()
            except (OSError, ValueError, IndexError):
                continue
            if parent == self.process.pid and b"ipykernel" in command:
                pids.append(int(entry.name))
        return pids

    def wait_for_kernel_count(self, expected: int, timeout: float = 60) -> int:
        """Wait until this many kernels run (e.g. the preheated pool refilled); return the last count."""
        deadline = time.monotonic() + timeout
        count = len(self.kernel_pids())
        while count != expected and time.monotonic() < deadline:
            time.sleep(0.5)
            count = len(self.kernel_pids())
        return count

    def wait_until_quiet(self, quiet_seconds: float = 1.0, timeout: float = 60) -> None:
        """Wait until the server and its kernels are idle, e.g. a preheated kernel has built its
        page and waits for a visitor (under 5% of one core for ``quiet_seconds``)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            before = self._cpu_ticks()
            time.sleep(quiet_seconds)
            if self._cpu_ticks() - before < 5 * quiet_seconds:
                return

    def _cpu_ticks(self) -> int:
        assert self.process is not None
        total = 0
        for pid in [*self.kernel_pids(), self.process.pid]:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # user and system time, in ticks
            except (OSError, IndexError, ValueError):
                continue
        return total

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
