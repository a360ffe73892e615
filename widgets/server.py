"""Start the staff workbook or the trainer dashboard with Voila, each on its own server.

    python -m widgets.server staff [--port 8866] [--results-dir DIR]
    python -m widgets.server trainer [--port 8867] [--results-dir DIR] [--token-file FILE]

The two serve different folders (notebooks/staff, notebooks/trainer), so the staff server
cannot reach the dashboard. The trainer server refuses to start without a token set by the
trainer ($VIW_TRAINER_TOKEN or --token-file); every page then asks for it.

What this adds to plain ``voila``:
- ``/`` opens the start page rather than a file listing.
- Closing or reloading a tab really shuts its kernel down. Voila's own shutdown request is
  refused by the XSRF check (voila issue #1458), leaving a ~95 MB kernel behind per page view;
  we exempt that one endpoint (it can only stop a kernel whose random id the caller knows)
  rather than switching XSRF protection off for the whole server.
- Idle kernels are culled, for tabs whose close was never reported (a laptop lid shut).
- Pages use our "workbook" template (widgets/share/voila/templates/workbook): Voila's lab
  template without its CDN stylesheets, with a main landmark for screen readers. The token
  sign-in and sign-out pages are ours too (login.html, logout.html there), in place of Jupyter
  Server's; wrong tokens are slowed down and logged, and the cookie lasts a working day
  (``widgets.sign_in``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from jupyter_server.utils import url_path_join
from tornado.web import RedirectHandler
from traitlets import Type, Unicode
from voila.app import Voila
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler
from voila.voila_identity_provider import VoilaLoginHandler

from widgets.resume_guard import VISITOR_HEADER
from widgets.server_guard import GuardedKernelManager
from widgets.settings import (RESULTS_DIR_VARIABLE, pool_refill_seconds, public_hosts, results_dir, room_pool_size, staff_notebooks_dir,
                              trainer_notebooks_dir)
from widgets.sign_in import DashboardIdentity, TokenLeavesAddress, WorkbookLogin

START_PAGE = "index.ipynb"
TEMPLATES = Path(__file__).resolve().parent / "share"
DASHBOARD_PAGE = "dashboard.ipynb"
TOKEN_VARIABLE = "VIW_TRAINER_TOKEN"
SHORTEST_TOKEN = 12
# Uploaded results files travel over the page's websocket (about 10 MB by default).
MOST_MESSAGE_BYTES = 256 * 1024 * 1024
NO_TOKEN = (
    "The trainer dashboard needs a token (results name staff). Set one, e.g.\n"
    "  export {variable}=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')\n"
    "or put it in a file and pass --token-file FILE. It must be at least {shortest} characters."
)
IDLE_KERNEL_SECONDS = 30 * 60
# Every page is preheated: a kernel per page has imported everything and built the page before
# anyone asks. The dashboard reads results added since then when it is opened.
STAFF_POOL_SIZE = 1
TRAINER_POOL_SIZE = 1
# A trainer says "open the workbook" and a room does at once: the pages opened first keep a
# room's worth of kernels ready (VIW_ROOM_POOL_SIZE, default ROOM_POOL_SIZE), refilled at once.
FIRST_PAGES = (START_PAGE, "01_why_voice.ipynb")
CULL_EVERY_SECONDS = 60


def pool_sizes(root: Path, pool_size: int, room: int | None = None) -> dict[str, int]:
    """Preheated kernels per page of ``root``: ``pool_size``, and a room's worth (``room``, by
    default the setting) for the first pages."""
    room = max(pool_size, room_pool_size() if room is None else room) if pool_size > 0 else 0
    return {page.name: room if page.name in FIRST_PAGES else pool_size for page in sorted(root.glob("*.ipynb"))}


def staff_pool_kernels(root: Path | None = None, pool_size: int = STAFF_POOL_SIZE, room: int | None = None) -> int:
    """How many preheated kernels a quiet staff server keeps waiting: a pool for each staff page."""
    return sum(pool_sizes(root or staff_notebooks_dir(), pool_size, room).values())


class ShutdownOnTabClose(VoilaShutdownKernelHandler):
    """Voila's tab-close shutdown, without the XSRF check its beacon request cannot pass."""

    def check_xsrf_cookie(self) -> None:
        return None


class WorkbookVoila(Voila):
    """Voila with our start page at ``/``, a working kernel shutdown on tab close, and our
    sign-in and sign-out (``widgets.sign_in``)."""

    start_page = Unicode(START_PAGE, config=True, help="Notebook that / redirects to.")
    identity_provider_class = Type(DashboardIdentity, config=True, help="Token sign-in, throttled, with a working-day cookie.")

    def init_settings(self) -> dict:
        """Voila's settings, but answering only to our own names (``Host``): a page elsewhere
        that points its name at 127.0.0.1 (DNS rebinding) gets 403, not the workbook."""
        settings = super().init_settings()
        settings["allow_remote_access"] = False  # Jupyter Server then checks every request's Host
        settings["local_hostnames"] = ["localhost", *public_hosts()]
        return settings

    def init_handlers(self) -> list:
        handlers = []
        for handler in super().init_handlers():
            pattern, target = handler[0], handler[1]
            if target is VoilaShutdownKernelHandler:
                handler = (pattern, ShutdownOnTabClose, *handler[2:])
            elif target is TornadoVoilaHandler:  # the guarded handler, taking a ?token= out of the address first
                handler = (pattern, TokenLeavesAddress, *handler[2:])
            elif target is VoilaLoginHandler:
                handler = (pattern, WorkbookLogin, *handler[2:])
            elif target is TornadoVoilaTreeHandler and pattern == self.server_url:
                start = url_path_join(self.server_url, "voila/render", self.start_page)
                handler = (pattern, RedirectHandler, {"url": start})
            handlers.append(handler)
        return handlers


def use_workbook_template() -> None:
    """Let Voila find our template folder (it searches the Jupyter data paths)."""
    paths = [str(TEMPLATES), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
    os.environ["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))


def voila_arguments(root: Path, port: int, pool_size: int = 0, first_pages_pooled: bool = False) -> list[str]:
    """Command-line settings shared by the README command, the tests and the benchmark.

    ``pool_size`` > 0 keeps that many preheated kernels per page: each has already imported
    everything and built its page before anyone asks, so a page opens in about the time the
    browser needs for Voila's own JavaScript. Each costs about 65 MB while it waits (README,
    "Serving many people"). ``first_pages_pooled`` keeps a room's worth for ``FIRST_PAGES``.
    A pool refills ``pool_refill_seconds()`` after a kernel is taken: refilled at once, twenty
    kernels starting took the two cores from the twenty people being handed theirs (measured:
    the server's part of a room's burst 16 s, against about 1.3 s with the refill 20 s later).
    """
    use_workbook_template()
    preheat = ["--preheat_kernel=True", f"--pool_size={pool_size}", f"--VoilaKernelManager.fill_delay={pool_refill_seconds()}"] if pool_size > 0 else []
    if pool_size > 0 and first_pages_pooled:
        pools = {name: {"pool_size": size} for name, size in pool_sizes(root, pool_size).items() if size != pool_size}
        preheat.append(f"--VoilaKernelManager.kernel_pools_config={json.dumps({'default': {'pool_size': pool_size}, **pools})}")
    return [
        str(root),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
        "--template=workbook",
        # Kernels talk to the server over Unix sockets, not TCP: ports chosen free, then bound
        # by the kernel, were taken in between when many kernels start at once (a server's
        # pools filling), and Voila waited for that kernel's page for ever.
        "--KernelManager.transport=ipc",
        f"--MappingKernelManager.cull_idle_timeout={IDLE_KERNEL_SECONDS}",
        f"--MappingKernelManager.cull_interval={CULL_EVERY_SECONDS}",
        f"--VoilaConfiguration.multi_kernel_manager_class={GuardedKernelManager.__module__}.{GuardedKernelManager.__name__}",
        f"--VoilaConfiguration.http_header_envs={VISITOR_HEADER}",
        *preheat,
    ]


def trainer_token(token_file: Path | None) -> str:
    """The token the trainer set: from --token-file, else the environment. Exits with a clear
    message when there is none (or it is too short to be a secret)."""
    try:
        token = token_file.read_text(encoding="utf-8").strip() if token_file else os.environ.get(TOKEN_VARIABLE, "").strip()
    except OSError as error:
        raise SystemExit(f"Cannot read the token file {token_file}: {error.strerror}.") from None
    if len(token) < SHORTEST_TOKEN:
        raise SystemExit(NO_TOKEN.format(variable=TOKEN_VARIABLE, shortest=SHORTEST_TOKEN))
    return token


def refuse_results_inside(served: Path) -> None:
    """Results, and the files trainers added to them (``received/``), name staff: they are never
    inside a folder a server serves, whatever Voila's file allowlist says."""
    results, served = results_dir().resolve(), served.resolve()
    if results == served or served in results.parents:
        raise SystemExit(f"The results folder {results} is inside {served}, which this server serves: keep the results elsewhere.")


def upgrade_results() -> None:
    """Before anyone arrives: results kept by a version before the database move into it, once."""
    from widgets.results import ResultsStore, StoreError
    from widgets.results.importer import upgrade

    try:
        upgrade(ResultsStore(), sys.stdout)
    except StoreError as error:
        raise SystemExit(f"Cannot open the results store: {error}") from None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m widgets.server", description=__doc__.splitlines()[0])
    parser.add_argument("app", choices=["staff", "trainer"], help="which server to start")
    parser.add_argument("--port", type=int, help="default 8866 (staff), 8867 (trainer)")
    parser.add_argument("--results-dir", type=Path, help=f"where results go (default: ${RESULTS_DIR_VARIABLE} or ./results)")
    parser.add_argument("--root", type=Path, help="staff: serve another folder of notebooks (benchmarks)")
    parser.add_argument("--pool-size", type=int,
                        help=f"preheated kernels kept ready per page (default {STAFF_POOL_SIZE}; 0 turns preheating off)")
    parser.add_argument("--token-file", type=Path, help=f"trainer: a file holding the token (default: ${TOKEN_VARIABLE})")
    args = parser.parse_args(argv)
    if args.results_dir:
        os.environ[RESULTS_DIR_VARIABLE] = str(args.results_dir.resolve())  # kernels inherit it
    refuse_results_inside(args.root or staff_notebooks_dir() if args.app == "staff" else trainer_notebooks_dir())
    upgrade_results()
    if args.app == "staff":
        port = args.port or 8866
        print(f"Voice & Influence Workbook: open http://127.0.0.1:{port}/ in your browser. Stop with Ctrl+C.")
        pool_size = STAFF_POOL_SIZE if args.pool_size is None else args.pool_size
        WorkbookVoila.launch_instance(argv=voila_arguments(args.root or staff_notebooks_dir(), port, pool_size, first_pages_pooled=True))
        return
    token = trainer_token(args.token_file)
    os.environ.pop(TOKEN_VARIABLE, None)  # kernels need not see it
    port = args.port or 8867
    print(f"Trainer dashboard: open http://127.0.0.1:{port}/ and sign in with your token. Stop with Ctrl+C.")
    WorkbookVoila.launch_instance(
        # Knowing the token must not let anyone set a lasting password in the trainer's config.
        argv=[*voila_arguments(trainer_notebooks_dir(), port, TRAINER_POOL_SIZE if args.pool_size is None else args.pool_size),
              "--PasswordIdentityProvider.allow_password_change=False"],
        start_page=DASHBOARD_PAGE,
        token=token,
        tornado_settings={"websocket_max_message_size": MOST_MESSAGE_BYTES},
    )


if __name__ == "__main__":
    main(sys.argv[1:])
