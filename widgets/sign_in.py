"""Signing in to the trainer dashboard, and out again.

- Wrong tokens are slowed down per address (``AttemptThrottle``: after three, a wait that
  doubles after each further one) and logged with the address and count, never the token;
  this covers the sign-in form, ``?token=`` and the ``Authorization`` header alike.
- The session cookie is HttpOnly, SameSite=Strict, Secure when the request came over HTTPS,
  and lasts a working day (the browser drops it and the server refuses an older one).
- A ``?token=`` in a page's address is taken out once it has signed the visitor in (a redirect
  to the same page without it), so it stays out of the history, bookmarks and the page's kernel.
- ``/logout`` signs out and says so on a page of ours (Jupyter Server's own needs static files
  Voila does not serve, and answered 500).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
import tornado.web
from jupyter_server.auth.identity import PasswordIdentityProvider, User
from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.auth.logout import LogoutHandler
from traitlets import Instance, default
from voila.voila_identity_provider import VoilaLoginHandler

from widgets.attempt_throttle import AttemptThrottle
from widgets.server_guard import GuardedVoilaHandler, visitor_address
from widgets.settings import public_hosts

TEMPLATES = Path(__file__).resolve().parent / "share" / "voila" / "templates" / "workbook"
SIGN_IN_PAGES = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
OUR_PAGES = ("login.html", "logout.html")
WORKING_DAY_HOURS = 10


def address_of(handler: tornado.web.RequestHandler) -> str:
    """Who is trying: behind a proxy on this machine, the visitor it names, not the proxy (else
    one stranger's guesses would make every trainer wait)."""
    return visitor_address(handler.request, behind_proxy=bool(public_hosts()))


def in_words(seconds: float) -> str:
    whole = max(1, math.ceil(seconds))
    return f"{whole} second{'s' if whole != 1 else ''}"


class DashboardIdentity(PasswordIdentityProvider):
    """Jupyter Server's token sign-in with a throttle on wrong tokens and a working-day cookie."""

    throttle = Instance(AttemptThrottle, args=(), help="Wrong attempts per address and the wait they cost.")

    @default("cookie_options")
    def _cookie_options_default(self) -> dict[str, Any]:
        return {"expires_days": WORKING_DAY_HOURS / 24, "samesite": "Strict", "httponly": True}

    @default("get_secure_cookie_kwargs")
    def _get_secure_cookie_kwargs_default(self) -> dict[str, Any]:
        return {"max_age_days": WORKING_DAY_HOURS / 24}

    @default("logout_handler_class")
    def _logout_handler_class_default(self) -> type:
        return SignOut

    def refused_for(self, handler: tornado.web.RequestHandler, how: str) -> float:
        """Seconds this address must still wait (0: the attempt may be checked); logs a refusal."""
        address = address_of(handler)
        wait = self.throttle.wait_left(address)
        if wait > 0:
            self.log.warning("Dashboard sign-in by %s from %s refused unchecked: %d wrong tokens in a row, %s still to wait",
                             how, address, self.throttle.failures(address), in_words(wait))
        return wait

    def count(self, handler: tornado.web.RequestHandler, how: str, right: bool) -> float:
        """Record the outcome of a checked attempt; returns the wait a wrong one now costs."""
        address = address_of(handler)
        if right:
            self.throttle.succeeded(address)
            return 0.0
        wait = self.throttle.failed(address)
        self.log.warning("Wrong dashboard token by %s from %s (%d in a row)%s", how, address, self.throttle.failures(address),
                         f"; the next attempt is heard after {in_words(wait)}" if wait else "")
        return wait

    async def get_user_token(self, handler: tornado.web.RequestHandler) -> User | None:
        if not self.token or not self.get_token(handler):
            return None
        how = "address (?token=)" if handler.get_argument("token", "") else "Authorization header"
        if self.refused_for(handler, how):
            return None
        user = await super().get_user_token(handler)
        self.count(handler, how, right=user is not None)
        return user


class WorkbookLogin(VoilaLoginHandler):
    """Voila's token form in a page of our own (Jupyter Server's has no document language, a
    serious axe finding, no main landmark or heading, and links to documentation online), with
    wrong tokens slowed down."""

    def get_template(self, name: str) -> jinja2.Template:
        return SIGN_IN_PAGES.get_template(name) if name in OUR_PAGES else super().get_template(name)

    @allow_unauthenticated
    def post(self) -> None:
        identity = self.identity_provider
        if not isinstance(identity, DashboardIdentity):
            super().post()
            return
        wait = identity.refused_for(self, "the sign-in form")
        if wait:
            self.too_many(wait)
            return
        user = identity.process_login_form(self)
        wait = identity.count(self, "the sign-in form", right=user is not None)
        if user is None:
            if wait:
                self.too_many(wait, "That token is not right. ")
            else:
                self.set_status(401)
                self._render(message={"error": "That token is not right. Check it and try again."})
            return
        self.current_user = user
        identity.set_login_cookie(self, user)
        self._redirect_safe(self.get_argument("next", default=self.base_url))

    def too_many(self, wait: float, first: str = "") -> None:
        self.set_status(429)
        self.set_header("Retry-After", str(math.ceil(wait)))
        self._render(message={"error": f"{first}Too many wrong tokens from your address: wait {in_words(wait)}, "
                                       "then try again."})


class SignOut(LogoutHandler):
    """Signs out (the cookie is cleared) and says so, with the way back in."""

    def get_template(self, name: str) -> jinja2.Template:
        return SIGN_IN_PAGES.get_template(name) if name in OUR_PAGES else super().get_template(name)


class TokenLeavesAddress(GuardedVoilaHandler):
    """A page opened with ``?token=``: once signed in, the same page again without it (then the
    guarded page handler as usual)."""

    async def get(self, path: str | None = None) -> None:
        if "token" in self.request.query_arguments and self.current_user:
            kept = [(name, value.decode(errors="replace")) for name, values in self.request.query_arguments.items()
                    if name != "token" for value in values]
            self.redirect(self.request.path + (f"?{urlencode(kept)}" if kept else ""))
            return
        await super().get(path)
