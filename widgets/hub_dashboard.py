"""The trainer dashboard as a JupyterHub-managed service: trainers and managers sign in with the
hub (the council's identity), and what each sees comes from their hub groups.

    python -m widgets.hub_dashboard      (started by JupyterHub: deploy/jupyterhub_config.py)

It is the one-server dashboard's Voila (``widgets.server.WorkbookVoila``: only notebooks, no
code from visitors, the same kernel caps and tab-close fix) with JupyterHub's own OAuth sign-in
(``JupyterHubIdentityProvider``, as a single-user server uses) in place of the token:

- someone not signed in is sent through the hub's login and back;
- a token without ``access:services!service=<this service>`` is refused (403);
- a signed-in person who is neither in ``trainers`` nor a ``manager:<organisation>`` is refused
  by every handler of the service but the sign-in's own and static files (``ForViewers``): the
  page answers with a plain "This page is for trainers and service managers" page, 403, and no
  kernel; the kernel API, its websocket and the tab-close shutdown answer 403;
- a page kernel is usable only by the person whose page started it (``OwnKernelOnly``; the
  kernel manager notes whom each was started for): another trainer or manager gets 403 on it;
- for everyone else the page's kernel is told who is looking in ``VIEWER_HEADER`` (set here,
  replacing any the browser sent), and the dashboard cuts what it reads to what they may see
  (``widgets.dashboard.viewer``).

It holds no database address: a page's kernel reads the results from the results service with
the viewer's own hub token (``TOKEN_HEADER``, set here like the viewer; its OAuth tokens may reach
the results service: ``oauth_client_allowed_scopes`` in deploy/jupyterhub_config.py), so the
results service decides again what the viewer may read (``widgets.dashboard.service_results``).
The received files trainers add are kept in the service's own folder (``VIW_RESULTS_DIR``).
Pages are not preheated here: a kernel is started for one viewer and reads the results only
once it knows who that is.
"""

from __future__ import annotations

import inspect
import os
from html import escape
from typing import Any, cast
from urllib.parse import urlparse

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from jupyterhub.services.auth import HubOAuth
from jupyterhub.singleuser.extension import JupyterHubIdentityProvider
from jupyter_server.services.kernels.handlers import KernelHandler
from tornado import web
from tornado.httputil import url_concat
from traitlets import Type, default
from traitlets.config import Config
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from widgets.dashboard.service_results import TOKEN_HEADER
from widgets.dashboard.viewer import FROM_HUB_VARIABLE, VIEWER_HEADER, VIEWER_VARIABLE, Viewer, viewer_for
from widgets.plain_page import plain_page
from widgets.resume_guard import VISITOR_HEADER
from widgets.server import (DASHBOARD_PAGE, MOST_MESSAGE_BYTES, ShutdownOnTabClose, WorkbookVoila, refuse_results_inside,
                            voila_arguments)
from widgets.server_guard import GuardedKernelManager, GuardedVoilaHandler
from widgets.settings import RESULTS_SERVICE_NAME_VARIABLE, trainer_notebooks_dir
from widgets.sign_in import TokenLeavesAddress

NOT_YOURS = "This page is for trainers and service managers"
NOT_YOURS_TEXT = """<p>You are signed in as <strong>{user}</strong>, who is not a trainer or a manager of a service, so the
results dashboard is not yours to see. Your own workbook is at <a href="{home}">your workbook's start page</a>.</p>
<p>If you manage a service and should see its results, ask the training team to add you to its managers.</p>
<p><a href="{sign_out}">Sign out</a></p>"""


SIGN_IN_AGAIN = "Please sign in again"
SIGN_IN_AGAIN_TEXT = """<p>Your sign-in does not let the dashboard read the results: it may be from before an update, or
made for another purpose.</p><p><a href="{sign_out}">Sign out</a>, then open the dashboard again and sign in.</p>"""
AGAIN = "signed_in_again"  # marks the one return from a fresh sign-in, so a hub that still gives no access cannot loop


def results_access() -> str:
    """The scope a dashboard sign-in needs to read the results as its person."""
    return f"access:services!service={os.environ.get(RESULTS_SERVICE_NAME_VARIABLE, 'results')}"


class HubIdentity(JupyterHubIdentityProvider):
    """JupyterHub's OAuth sign-in; the service's own hub token is kept here and out of the
    environment the page kernels inherit."""

    @default("hub_auth")
    def _default_hub_auth(self) -> HubOAuth:
        hub_auth = HubOAuth(parent=self)
        hub_auth.api_token  # read it now (it is the OAuth client's secret), then take it away from the kernels
        os.environ.pop("JUPYTERHUB_API_TOKEN", None)
        return hub_auth


class ViewerKernels(GuardedKernelManager):
    """The page kernels, each noted with the hub user whose page started it (from the viewer
    the page request was given, ``ViewerPage``)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.started_for: dict[str, str] = {}

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:  # type: ignore[override]  # async in Jupyter Server
        kernel_id = await super().start_kernel(*args, **kwargs)
        header = kwargs.get("env", {}).get(VIEWER_VARIABLE)
        if header:
            self.started_for[kernel_id] = Viewer.from_header(header).user
        return kernel_id

    def remove_kernel(self, kernel_id: str) -> Any:
        self.started_for.pop(kernel_id, None)
        return super().remove_kernel(kernel_id)


class ForViewers(JupyterHandler):
    """Mixed into every handler of the service but the sign-in's and static files': once Jupyter
    Server has said who is asking (``prepare``, for pages, the API and websockets alike), someone
    signed in who is neither a trainer nor a manager is refused (403). ``self.viewer`` is what a
    signed-in viewer may see; None for a request not signed in, which the sign-in has refused or
    sent to the hub already."""

    viewer: Viewer | None = None

    async def prepare(self, *args: Any, **kwargs: Any) -> None:
        prepared = super().prepare(*args, **kwargs)
        if inspect.isawaitable(prepared):
            await prepared
        hub_user = getattr(self.current_user, "hub_user", None)
        if self._finished or hub_user is None:
            return
        user = str(hub_user.get("name", ""))
        self.viewer = viewer_for(user, hub_user.get("groups") or [])
        if self.viewer is None:
            self.log.warning("Dashboard refused %s %s to %s: not a trainer or a manager", self.request.method, self.request.path, user)
            self.refuse(user)
        else:
            self.check_viewer(self.viewer)

    def refuse(self, user: str) -> None:
        raise web.HTTPError(403, "The dashboard is for trainers and service managers.")

    def check_viewer(self, viewer: Viewer) -> None:
        """More a handler asks of a viewer: nothing, here."""


class OwnKernelOnly(ForViewers):
    """For the kernel API, its websocket and the tab-close shutdown: the kernel must be one a page
    of this viewer's started (one started for nobody known is nobody's)."""

    def check_viewer(self, viewer: Viewer) -> None:
        kernel_id = self.path_kwargs.get("kernel_id") or (self.path_args[0] if self.path_args else "")
        kernels = self.kernel_manager
        owner = kernels.started_for.get(kernel_id) if isinstance(kernels, ViewerKernels) else None
        if owner != viewer.user:
            self.log.warning("Dashboard refused kernel %s to %s: started for %s", kernel_id, viewer.user, owner or "nobody known")
            raise web.HTTPError(403, "That is not your dashboard page's kernel.")


KERNEL_ENDPOINTS = (KernelHandler, VoilaKernelWebsocketHandler, ShutdownOnTabClose)


def for_viewers(target: type) -> type:
    """The handler class with the viewer's checks in front of it."""
    check = OwnKernelOnly if issubclass(target, KERNEL_ENDPOINTS) else ForViewers
    return type(f"{target.__name__}ForViewers", (check, target), {})


class ViewerPage(ForViewers, GuardedVoilaHandler):
    """A dashboard page for a trainer or a manager; a plain 403 page for anyone else."""

    async def get(self, path: str | None = None) -> None:
        for header in (VIEWER_HEADER, TOKEN_HEADER):  # only ever the service's own, never a visitor's
            self.request.headers.pop(header, None)
        if self.viewer is not None:  # not signed in (None): Voila's own page sends them to the hub's sign-in
            hub_auth = cast(HubIdentity, self.identity_provider).hub_auth
            if results_access() not in (getattr(self.current_user, "hub_user", {}).get("scopes") or []):
                self.sign_in_again(hub_auth)
                return
            self.request.headers[VIEWER_HEADER] = self.viewer.to_header()
            self.request.headers[TOKEN_HEADER] = hub_auth.get_token(self) or ""
        await GuardedVoilaHandler.get(self, path)  # the page handler's (ForViewers, first, has no get)

    def plain_refusal(self, title: str, text: str) -> None:
        """A plain page (403, never cached) in place of the dashboard: who may see it, or what to do."""
        self.set_status(403)
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(plain_page(title, title, text))

    def sign_in_again(self, hub_auth: HubOAuth) -> None:
        """A sign-in whose token cannot read the results (given before an upgrade that let the
        dashboard's sign-ins reach the results service, or a token made by hand): a browser's is
        forgotten and the person sent through the hub's sign-in once more; otherwise, or if a
        fresh sign-in still cannot, a plain page says what to do (never a page that cannot load)."""
        if not self.request.headers.get("Authorization") and not self.get_argument(AGAIN, ""):
            hub_auth.clear_cookie(self)
            self.redirect(url_concat(self.request.path, {**{k: self.get_argument(k) for k in self.request.arguments}, AGAIN: "1"}))
            return
        self.log.warning("Dashboard page refused to %s: the sign-in's token does not reach the results service",
                         self.viewer.user if self.viewer else "someone")
        self.plain_refusal(SIGN_IN_AGAIN, SIGN_IN_AGAIN_TEXT.format(sign_out=escape(url_path_join(self.base_url, "logout"), quote=True)))

    def refuse(self, user: str) -> None:
        hub_auth = cast(HubIdentity, self.identity_provider).hub_auth
        text = NOT_YOURS_TEXT.format(user=escape(user), home=escape(url_path_join(hub_auth.hub_prefix, "home"), quote=True),
                                     sign_out=escape(url_path_join(self.base_url, "logout"), quote=True))
        self.plain_refusal(NOT_YOURS, text)


class HubDashboardVoila(WorkbookVoila):
    """The dashboard's Voila under the hub's prefix, signing in through the hub."""

    identity_provider_class = Type(HubIdentity, config=True, help="JupyterHub OAuth sign-in.")

    def init_handlers(self) -> list:
        """Voila's handlers, each but the sign-in's and static files' behind ``ForViewers``."""
        handlers = []
        for handler in super().init_handlers():
            pattern, target = handler[0], handler[1]
            if target is TokenLeavesAddress:
                handler = (pattern, ViewerPage, *handler[2:])
            elif not pattern.startswith(self.server_url):  # the sign-in's own (/oauth_callback, /logout)
                handler = (url_path_join(self.server_url, pattern), *handler[1:])
            elif issubclass(target, JupyterHandler) and not issubclass(target, web.StaticFileHandler):
                handler = (pattern, for_viewers(target), *handler[2:])
            handlers.append(handler)
        return handlers


def main() -> None:
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/dashboard/")
    address = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10102"))
    os.environ[FROM_HUB_VARIABLE] = "1"  # the page kernels take the viewer from the request, or see nothing
    refuse_results_inside(trainer_notebooks_dir())
    config = Config()
    config.VoilaConfiguration.http_header_envs = [VISITOR_HEADER, VIEWER_HEADER, TOKEN_HEADER]
    replaced = ("--VoilaConfiguration.http_header_envs=", "--VoilaConfiguration.multi_kernel_manager_class=")
    arguments = [argument for argument in voila_arguments(trainer_notebooks_dir(), address.port or 10102, pool_size=0)
                 if not argument.startswith(replaced)]
    kernels = f"--VoilaConfiguration.multi_kernel_manager_class={ViewerKernels.__module__}.{ViewerKernels.__name__}"
    HubDashboardVoila.launch_instance(
        argv=[*arguments, kernels, f"--Voila.base_url={prefix}"],
        config=config,
        start_page=DASHBOARD_PAGE,
        tornado_settings={"websocket_max_message_size": MOST_MESSAGE_BYTES},
    )


if __name__ == "__main__":
    main()
