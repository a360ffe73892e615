"""A real JupyterHub for the tests: deploy/jupyterhub_config.py as a council runs it, with a test
authenticator standing in for the identity provider (DummyAuthenticator) and the proxy, hub and
services on 127.0.0.1 ports of their own. The proxy (configurable-http-proxy, from npm) is
installed by ``make hub-proxy``, which ``make test`` runs.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from tests.pg_server import free_port

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PROXY = PROJECT_ROOT / "build" / "hub-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
ADMIN_SERVICE = "test-admin"


def proxy_command() -> str:
    found = PROXY if PROXY.exists() else shutil.which("configurable-http-proxy")
    if not found:
        raise RuntimeError("configurable-http-proxy is missing: run 'make hub-proxy' (make test does).")
    return str(found)


class Hub:
    """One hub; ``groups`` maps group names to their members (e.g. {"trainers": ["tina"]})."""

    def __init__(self, database_url: str, groups: dict[str, list[str]], users: list[str]):
        self.folder = Path(tempfile.mkdtemp(prefix="viw-hub-"))
        self.port, self.hub_port, self.api_port, self.service_port = (free_port() for _ in range(4))
        self.dashboard_port = free_port()  # the trainer dashboard service (tests/hub/test_dashboard_service.py)
        self.admin_token = secrets.token_hex(24)
        self.database_url = database_url
        self.groups = groups
        self.users = users
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def config(self) -> str:
        return f"""
load_subconfig({str(PROJECT_ROOT / "deploy" / "jupyterhub_config.py")!r})
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allowed_users = {set(self.users)!r}
c.JupyterHub.spawner_class = "simple"
c.Spawner.args = [*c.Spawner.args, "--allow-root"]  # CI runs as root; a council's servers run as each person
c.Spawner.http_timeout = c.Spawner.start_timeout = 120  # two loaded cores
c.JupyterHub.bind_url = "http://127.0.0.1:{self.port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{self.hub_port}"
c.ConfigurableHTTPProxy.command = [{proxy_command()!r}]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{self.api_port}"
c.JupyterHub.tornado_settings = {{"slow_spawn_timeout": 0}}  # answer 202 at once; the test waits for the server
c.JupyterHub.db_url = "sqlite:///{self.folder / 'hub.sqlite'}"
c.JupyterHub.cookie_secret_file = {str(self.folder / 'cookie_secret')!r}
c.JupyterHub.pid_file = {str(self.folder / 'hub.pid')!r}
c.ConfigurableHTTPProxy.pid_file = {str(self.folder / 'proxy.pid')!r}
c.JupyterHub.load_groups = {json.dumps({name: {"users": members} for name, members in self.groups.items()})}
c.JupyterHub.services = [s for s in c.JupyterHub.services if s["name"] != "idle-culler"]
c.JupyterHub.load_roles = [r for r in c.JupyterHub.load_roles if r["name"] != "idle-culler"]
c.JupyterHub.services.append({{"name": {ADMIN_SERVICE!r}, "api_token": {self.admin_token!r}}})
c.JupyterHub.load_roles.append({{"name": "test-admin", "scopes": ["admin:users", "admin:servers", "admin:server_state", "tokens", "groups"], "services": [{ADMIN_SERVICE!r}]}})
"""

    def start(self) -> "Hub":
        (self.folder / "config.py").write_text(self.config())
        environment = {**os.environ, "VIW_DATABASE_URL": self.database_url, "PYTHONPATH": str(PROJECT_ROOT),
                       "VIW_IDENTITY": "entra", "VIW_WORKBOOK_DIR": str(PROJECT_ROOT),
                       "VIW_RESULTS_SERVICE_PORT": str(self.service_port),
                       "VIW_DASHBOARD_SERVICE_PORT": str(self.dashboard_port), "VIW_DASHBOARD_RESULTS_DIR": str(self.folder / "dashboard")}
        self.log = (self.folder / "hub.log").open("wb")
        self.process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(self.folder / "config.py")],
                                        cwd=self.folder, env=environment, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub stopped: {self.log_text()[-3000:]}")
            try:
                if self.request("GET", "/services/results/api/me")[0] == 403:  # service up, behind the hub's check
                    return self
            except (urllib.error.URLError, ConnectionError):
                pass
            time.sleep(0.5)
        raise RuntimeError(f"JupyterHub did not start in 90 s: {self.log_text()[-3000:]}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        subprocess.run(["pkill", "-f", str(self.folder)], check=False)  # the proxy and services it started
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def log_text(self) -> str:
        return (self.folder / "hub.log").read_text(errors="replace")

    def request(self, method: str, path: str, token: str | None = None, body: Any = None) -> tuple[int, bytes]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if token:
            request.add_header("Authorization", f"token {token}")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def token_for(self, user: str, scopes: list[str]) -> str:
        """A token of ``user``'s with these scopes, as their browser or server would hold."""
        status, body = self.request("POST", f"/hub/api/users/{user}/tokens", self.admin_token,
                                    {"scopes": scopes, "note": "test"})
        if status != 201:
            raise RuntimeError(f"No token for {user}: {status} {body[:300]!r}")
        return str(json.loads(body)["token"])


def api(hub: Hub, method: str, path: str, token: str | None, body: object = None) -> tuple[int, Any]:
    """The results service's answer to one request: JSON, or the text of a CSV (rows)."""
    status, data = hub.request(method, f"/services/results/api/{path}", token, body)
    return status, (json.loads(data) if data.startswith((b"{", b"[", b"null")) else data.decode())
