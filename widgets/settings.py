"""Where the workbook finds its content and keeps its results.

Both folders can be moved with environment variables, so a service can keep results on a
shared drive and tests can use a temporary folder. Nothing a person types decides a path.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

RESULTS_DIR_VARIABLE = "VIW_RESULTS_DIR"
RESULTS_SERVICE_VARIABLE = "VIW_RESULTS_SERVICE_URL"  # set for each person's server by deploy/jupyterhub_config.py
RESULTS_SERVICE_NAME_VARIABLE = "VIW_RESULTS_SERVICE"  # the results service's name in the hub (default "results")
CONTENT_DIR_VARIABLE = "VIW_CONTENT_DIR"


def results_dir() -> Path:
    """The folder that holds results.csv and saved drafts (created on first use)."""
    folder = Path(os.environ.get(RESULTS_DIR_VARIABLE) or PROJECT_ROOT / "results")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def content_dir() -> Path:
    """The folder of trainer-editable content files."""
    return Path(os.environ.get(CONTENT_DIR_VARIABLE) or PROJECT_ROOT / "content")


def trainer_notebooks_dir() -> Path:
    """The trainer dashboard: served by its own server, outside the staff server's root."""
    return PROJECT_ROOT / "notebooks" / "trainer"


def staff_notebooks_dir() -> Path:
    """The pages the staff server shows (the trainer dashboard lives elsewhere)."""
    return PROJECT_ROOT / "notebooks" / "staff"


# The staff server's guard (widgets/server_guard.py); each setting is an environment variable,
# read when the server starts. The defaults come from the benchmark's memory figures (README,
# "Serving many people"): a page's kernel holds at most about 150 MB (PSS) once a quiz or a
# self-assessment is done, and one waiting in the pool about 50 MB (the staff pool of 48: 3.3 GB).
MOST_KERNELS_VARIABLE = "VIW_MAX_KERNELS"
MOST_KERNELS_PER_ADDRESS_VARIABLE = "VIW_MAX_KERNELS_PER_ADDRESS"
UNCONNECTED_SECONDS_VARIABLE = "VIW_UNCONNECTED_KERNEL_SECONDS"
CLOSED_TAB_SECONDS_VARIABLE = "VIW_CLOSED_TAB_SECONDS"
PROXY_HOPS_VARIABLE = "VIW_PROXY_HOPS"
PUBLIC_HOSTS_VARIABLE = "VIW_PUBLIC_HOSTS"
ROOM_POOL_VARIABLE = "VIW_ROOM_POOL_SIZE"
POOL_REFILL_VARIABLE = "VIW_POOL_REFILL_SECONDS"
ROOM_POOL_SIZE = 20  # a training room, ready at once
POOL_REFILL_SECONDS = 20  # after a room has its pages, not while it is handed them
PAGE_KERNEL_MB = 160
MEMORY_SHARE_FOR_PAGES = 0.6  # the rest for the pool, the system, the server and the database
# A training room behind one council gateway arrives from one address: 30 people, some with two tabs.
MOST_KERNELS_PER_ADDRESS = 40
UNCONNECTED_SECONDS = 120
CLOSED_TAB_SECONDS = 300  # a phone locked for a call comes back to a live page


def _whole_number(variable: str, default: int, least: int = 1) -> int:
    """A setting that must be a whole number of at least ``least``; a wrong one stops the server with a plain message."""
    text = os.environ.get(variable, "").strip()
    if not text:
        return default
    if not text.isdigit() or int(text) < least:
        raise SystemExit(f"{variable} must be a whole number of {least} or more, not {text!r}.")
    return int(text)


def machine_memory_mb() -> int:
    """This machine's memory, from /proc/meminfo (Linux)."""
    with open("/proc/meminfo", encoding="ascii") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    raise OSError("MemTotal is missing from /proc/meminfo")


def most_kernels() -> int:
    """Most kernels of open pages the staff server runs at once (the pool not counted): by
    default, three fifths of the machine's memory in page kernels of PAGE_KERNEL_MB each."""
    return _whole_number(MOST_KERNELS_VARIABLE, max(4, int(machine_memory_mb() * MEMORY_SHARE_FOR_PAGES) // PAGE_KERNEL_MB))


def most_kernels_per_address() -> int:
    """Most kernels of open pages for one visitor address (a room behind one gateway shares one)."""
    return _whole_number(MOST_KERNELS_PER_ADDRESS_VARIABLE, MOST_KERNELS_PER_ADDRESS)


def unconnected_kernel_seconds() -> int:
    """How long a page's kernel may wait for its page to connect before it is stopped (a page
    asked for by a script, or a tab closed while it loaded, never connects)."""
    return _whole_number(UNCONNECTED_SECONDS_VARIABLE, UNCONNECTED_SECONDS)


def closed_tab_seconds() -> int:
    """How long a tab must have been gone before its kernel may be stopped to make room for
    someone else (only when a cap is reached; otherwise the idle culler stops it)."""
    return _whole_number(CLOSED_TAB_SECONDS_VARIABLE, CLOSED_TAB_SECONDS)


def proxy_hops() -> int:
    """How many proxies of your own stand in front of the server (each adds the address it was
    reached from to X-Forwarded-For): 1 for a reverse proxy on this machine, 2 for JupyterHub's
    proxy behind the council's HTTPS proxy."""
    return _whole_number(PROXY_HOPS_VARIABLE, 1)


def pool_refill_seconds() -> int:
    """How long after a preheated kernel is taken its pool starts another: long enough for a
    room arriving at once to be handed its pages before new kernels compete for the cores."""
    return _whole_number(POOL_REFILL_VARIABLE, POOL_REFILL_SECONDS, least=0)


def room_pool_size() -> int:
    """Preheated kernels kept ready for each of the pages a room opens first (start page, Module 1)."""
    return _whole_number(ROOM_POOL_VARIABLE, ROOM_POOL_SIZE)


def public_hosts() -> list[str]:
    """Names the staff server answers to besides localhost and loopback addresses: its public
    name(s) behind a reverse proxy, comma separated. Set, it also means a proxy on this machine
    passes each visitor's address in X-Forwarded-For."""
    return [name.strip().lower() for name in os.environ.get(PUBLIC_HOSTS_VARIABLE, "").split(",") if name.strip()]


def guard_dir() -> Path:
    """Where the staff server's kernels note wrong resume codes per address (widgets/throttle.py)."""
    folder = results_dir() / "guard"
    folder.mkdir(exist_ok=True)
    return folder
