"""deploy/jupyterhub_config.py, read with a stand-in `c` as JupyterHub reads it: each person's
server runs voila and our extension, opens on the start page, writes to the shared folder and
cannot reach the trainer dashboard."""

from __future__ import annotations

from pathlib import Path

from tests.browser.hub_user_server import hub_config
from widgets.settings import PROJECT_ROOT, RESULTS_DIR_VARIABLE


def test_each_person_gets_the_workbook_pages_our_extension_and_the_shared_results_folder(tmp_path: Path) -> None:
    spawner = hub_config(tmp_path).Spawner
    assert "--ServerApp.jpserver_extensions=voila=True" in spawner.args
    assert "--ServerApp.jpserver_extensions=widgets.hub_extension=True" in spawner.args
    assert spawner.default_url == "/voila/render/index.ipynb"
    assert (Path(spawner.notebook_dir) / "index.ipynb").exists()
    assert spawner.environment[RESULTS_DIR_VARIABLE] == str(tmp_path)
    assert (Path(spawner.environment["JUPYTER_PATH"]) / "voila" / "templates" / "workbook").is_dir()


def test_the_trainer_dashboard_is_outside_what_a_person_s_server_serves(tmp_path: Path) -> None:
    root = Path(hub_config(tmp_path).Spawner.notebook_dir).resolve()
    dashboard = (PROJECT_ROOT / "notebooks" / "trainer" / "dashboard.ipynb").resolve()
    assert dashboard.exists() and not dashboard.is_relative_to(root)
