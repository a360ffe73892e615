"""Jupyter server extension for running the workbook under JupyterHub (one server per person).

Enable it next to voila in each single-user server (deploy/jupyterhub_config.py does):

    jupyter server --ServerApp.jpserver_extensions="{'voila': True, 'widgets.hub_extension': True}"

Voila's server extension has the same tab-close bug as standalone Voila (voila #1458): the
shutdown beacon sent when a tab closes fails the XSRF check, so every page view leaves a ~95 MB
kernel running in that person's server. This extension points that one route at
``ShutdownOnTabClose`` (XSRF-exempt, still login-protected). XSRF stays on for everything else:
under JupyterHub the single-user server can run code, so switching it off would be far worse.
It also culls idle kernels, for tabs whose close was never reported (a laptop lid shut), unless
the administrator already set a culling time.
"""

from __future__ import annotations

from jupyter_server.serverapp import ServerApp
from tornado.routing import RuleRouter
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler

from widgets.server import CULL_EVERY_SECONDS, IDLE_KERNEL_SECONDS, ShutdownOnTabClose


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "widgets.hub_extension"}]


def _load_jupyter_server_extension(server_app: ServerApp) -> None:
    replaced = use_shutdown_on_tab_close(server_app.web_app.default_router)
    if not replaced:
        # Voila loads first (extensions load alphabetically); without it there is nothing to fix.
        server_app.log.error("widgets.hub_extension: voila's tab-close shutdown route was not found; "
                             "is the voila server extension enabled?")
    kernels = server_app.kernel_manager
    if not kernels.cull_idle_timeout:
        kernels.cull_idle_timeout = IDLE_KERNEL_SECONDS
        kernels.cull_interval = CULL_EVERY_SECONDS
    server_app.log.info("widgets.hub_extension: tab-close shutdown fixed on %d route(s); idle kernels "
                        "culled after %d s", replaced, kernels.cull_idle_timeout)


def use_shutdown_on_tab_close(router: RuleRouter) -> int:
    """Point every route served by Voila's shutdown handler at ours; returns how many."""
    replaced = 0
    for rule in router.rules:
        if isinstance(rule.target, RuleRouter):
            replaced += use_shutdown_on_tab_close(rule.target)
        elif rule.target is VoilaShutdownKernelHandler:
            rule.target = ShutdownOnTabClose
            replaced += 1
    return replaced

