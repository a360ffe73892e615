"""What JupyterHub starts for each person: a single-user Jupyter server with voila and
widgets.hub_extension, configured by deploy/jupyterhub_config.py, on loopback with a token."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from unittest import mock

from traitlets.config import Config, PyFileConfigLoader

from tests.browser.voila_server import VoilaServer
from widgets.results.service_client import SERVICE_VARIABLE
from widgets.settings import PROJECT_ROOT

HUB_CONFIG = PROJECT_ROOT / "deploy" / "jupyterhub_config.py"


def hub_config(**settings: str) -> Config:
    """deploy/jupyterhub_config.py read as JupyterHub reads it, for this checkout."""
    with mock.patch.dict(os.environ, {"VIW_WORKBOOK_DIR": str(PROJECT_ROOT), **settings}):
        return PyFileConfigLoader(HUB_CONFIG.name, str(HUB_CONFIG.parent)).load_config()


class HubUserServer(VoilaServer):
    """One person's server, started with the spawner settings of the hub configuration, for
    what happens inside it (voila and widgets.hub_extension). Without a hub to check tokens, a
    results folder both servers share stands in for the results service (tests/hub runs the
    real one)."""

    def __init__(self, name: str, results_dir: Path, home: Path, token: str, extensions: bool = True):
        self.config = hub_config()
        home.mkdir(parents=True, exist_ok=True)
        isolated = {"HOME": str(home), "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
                    "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTER_DATA_DIR": str(home / "data")}
        environment = {k: v for k, v in self.config.Spawner.environment.items() if k != SERVICE_VARIABLE}
        super().__init__(f"user-{name}", results_dir, env={**environment, **isolated})
        self.token = token
        self.extensions = extensions

    def command(self) -> list[str]:
        args = self.config.Spawner.args if self.extensions else [
            a for a in self.config.Spawner.args if "widgets.hub_extension" not in a]
        return [sys.executable, "-m", "jupyter_server", *args,
                f"--ServerApp.root_dir={self.config.Spawner.notebook_dir}",
                "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
                "--ServerApp.open_browser=False", f"--IdentityProvider.token={self.token}",
                *(["--allow-root"] if os.geteuid() == 0 else [])]  # a hub never spawns as root; CI runs as root

    def page_url(self, notebook: str) -> str:
        return f"{self.url}/voila/render/{notebook}"
