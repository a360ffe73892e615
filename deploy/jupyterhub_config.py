"""JupyterHub configuration: the Voice & Influence Workbook for a whole county.

Each person signs in to the hub and gets their own single-user Jupyter server, with Voila's
server extension and ours (widgets.hub_extension: tab-close kernel shutdown, idle culling).
Their pages open at /user/<name>/voila/render/index.ipynb; everyone's results go to one shared
folder. See README.md, "Running for a whole county".

    jupyterhub -f deploy/jupyterhub_config.py

Set VIW_WORKBOOK_DIR (a checkout of this project, installed with `pip install .` into the
Python environment the single-user servers run in) and VIW_SHARED_RESULTS_DIR if they differ
from the defaults below.
"""

import os

c = get_config()  # noqa: F821 - provided by JupyterHub when it reads this file

WORKBOOK_DIR = os.environ.get("VIW_WORKBOOK_DIR", "/opt/voice-influence-workbook")
RESULTS_DIR = os.environ.get("VIW_SHARED_RESULTS_DIR", "/srv/workbook/results")
STAFF_GROUP = os.environ.get("VIW_STAFF_GROUP", "workbook-staff")
IDLE_SERVER_SECONDS = 60 * 60

# Only staff in the group may sign in (PAM, the default authenticator, knows local groups).
c.Authenticator.allowed_groups = {STAFF_GROUP}
# The hub listens on loopback; put your HTTPS reverse proxy in front of it.
c.JupyterHub.bind_url = "http://127.0.0.1:8000"

# Each server serves only the staff pages: the trainer dashboard (notebooks/trainer) lies
# outside its root and is never enabled here; it runs as its own token-protected server.
c.Spawner.notebook_dir = os.path.join(WORKBOOK_DIR, "notebooks", "staff")
c.Spawner.default_url = "/voila/render/index.ipynb"
c.Spawner.args = [
    "--ServerApp.jpserver_extensions=voila=True",
    "--ServerApp.jpserver_extensions=widgets.hub_extension=True",
    "--VoilaConfiguration.template=workbook",
]
c.Spawner.environment = {
    "VIW_RESULTS_DIR": RESULTS_DIR,
    # Where Voila finds the "workbook" page template (no CDN stylesheets, a main landmark).
    "JUPYTER_PATH": os.path.join(WORKBOOK_DIR, "widgets", "share"),
}

# Stop whole servers nobody has used for an hour (kernels inside are culled after 30 minutes
# by widgets.hub_extension). Needs `pip install jupyterhub-idle-culler` next to the hub.
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": ["python3", "-m", "jupyterhub_idle_culler", f"--timeout={IDLE_SERVER_SECONDS}"],
    }
]
