"""JupyterHub configuration: the Voice & Influence Workbook for a whole county.

People sign in with the council's identity (Microsoft Entra ID, or any OpenID Connect
provider) and get their own single-user Jupyter server with Voila's server extension and ours
(widgets.hub_extension). Their pages never touch the results: the hub-managed **results
service** (python -m widgets.results_service) is the only program holding the database's
address and password; staff pages reach it with the person's hub token. See README.md,
"Running for a whole county", for the settings a council's IT fills in:

    jupyterhub -f deploy/jupyterhub_config.py

Settings (environment of the hub process):
  VIW_WORKBOOK_DIR        this project, installed with `pip install .` (default /opt/voice-influence-workbook)
  VIW_DATABASE_URL        postgresql://... for the results service only (never given to staff servers)
  VIW_PEOPLE_FILE         optional: the trainer's people file (user,name,organisation,team)
  VIW_IDENTITY            entra (default) or oidc
  VIW_OAUTH_CALLBACK_URL  https://<your host>/hub/oauth_callback
  VIW_OAUTH_CLIENT_ID, VIW_OAUTH_CLIENT_SECRET   from the app registration
  VIW_ENTRA_TENANT_ID     Entra ID only: the council's tenant (directory) id
  VIW_OIDC_ISSUER         OpenID Connect only: the provider's issuer URL (…/.well-known/openid-configuration)
  VIW_STAFF_GROUP         the identity provider's group whose members may sign in (default workbook-staff)
  VIW_DASHBOARD_RESULTS_DIR  the trainer dashboard service's folder for received files (default /srv/workbook/dashboard)
"""

import os
import sys

c = get_config()  # noqa: F821 - provided by JupyterHub when it reads this file

WORKBOOK_DIR = os.environ.get("VIW_WORKBOOK_DIR", "/opt/voice-influence-workbook")
STAFF_GROUP = os.environ.get("VIW_STAFF_GROUP", "workbook-staff")
RESULTS_SERVICE = "results"
RESULTS_SERVICE_PORT = int(os.environ.get("VIW_RESULTS_SERVICE_PORT", "10101"))
DASHBOARD_SERVICE = "dashboard"
DASHBOARD_SERVICE_PORT = int(os.environ.get("VIW_DASHBOARD_SERVICE_PORT", "10102"))
IDLE_SERVER_SECONDS = 60 * 60

# --- who signs in ------------------------------------------------------------------------------
# The identity provider's groups become hub groups at every sign-in (manage_groups): roles are
# the groups "trainers" and "manager:<organisation>", and "organisation:<name>" / "team:<name>"
# where the provider sends them (else the trainer's people file says where each person works).
IDENTITY = os.environ.get("VIW_IDENTITY", "entra")
if IDENTITY == "entra":
    c.JupyterHub.authenticator_class = "azuread"
    c.AzureAdOAuthenticator.tenant_id = os.environ.get("VIW_ENTRA_TENANT_ID", "")
    authenticator = c.AzureAdOAuthenticator
elif IDENTITY == "oidc":
    issuer = os.environ.get("VIW_OIDC_ISSUER", "").rstrip("/")
    c.JupyterHub.authenticator_class = "generic-oauth"
    c.GenericOAuthenticator.authorize_url = f"{issuer}/authorize"
    c.GenericOAuthenticator.token_url = f"{issuer}/token"
    c.GenericOAuthenticator.userdata_url = f"{issuer}/userinfo"
    c.GenericOAuthenticator.scope = ["openid", "profile", "email", "groups"]
    c.GenericOAuthenticator.username_claim = "preferred_username"
    authenticator = c.GenericOAuthenticator
else:
    sys.exit(f"VIW_IDENTITY must be 'entra' or 'oidc', not {IDENTITY!r}.")
authenticator.client_id = os.environ.get("VIW_OAUTH_CLIENT_ID", "")
authenticator.client_secret = os.environ.get("VIW_OAUTH_CLIENT_SECRET", "")
authenticator.oauth_callback_url = os.environ.get("VIW_OAUTH_CALLBACK_URL", "")
authenticator.manage_groups = True
authenticator.auth_state_groups_key = "oauth_user.groups"
authenticator.allowed_groups = {STAFF_GROUP}
authenticator.admin_groups = {"workbook-admins"}

# The hub listens on loopback; put your HTTPS reverse proxy in front of it.
c.JupyterHub.bind_url = "http://127.0.0.1:8000"

# --- what a person may reach ------------------------------------------------------------------
# Everyone may use the results service as themselves; their server's token may too, so the
# pages in it can (the service decides what each person may see, from their groups). Everyone
# may reach the trainer dashboard's door too: it shows trainers and managers what their groups
# allow, and everyone else a "for trainers and service managers" page (403).
c.JupyterHub.load_roles = [
    {"name": "user", "scopes": ["self", f"access:services!service={RESULTS_SERVICE}",
                                f"access:services!service={DASHBOARD_SERVICE}"]},
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    },
    # The results service reads who a token belongs to, with their groups.
    {"name": "results-service", "scopes": ["read:users:name", "read:users:groups"], "services": [RESULTS_SERVICE]},
]
c.Spawner.server_token_scopes = [
    "access:servers!server", "users:activity!user", f"access:services!service={RESULTS_SERVICE}",
]

# --- each person's server ---------------------------------------------------------------------
# It serves only the staff pages; it holds no database address, no password and no results
# files: everything goes through the results service.
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]  # the Python the workbook is installed in
c.Spawner.notebook_dir = os.path.join(WORKBOOK_DIR, "notebooks", "staff")
c.Spawner.default_url = "/voila/render/index.ipynb"
c.Spawner.args = [
    "--ServerApp.jpserver_extensions=voila=True",
    "--ServerApp.jpserver_extensions=widgets.hub_extension=True",
    "--VoilaConfiguration.template=workbook",
]
c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL"]  # not JupyterHub's default list: nothing else leaks in
c.Spawner.environment = {
    "VIW_RESULTS_SERVICE": RESULTS_SERVICE,
    # Pages reach the results service directly on this machine (nothing else is at that address).
    "VIW_RESULTS_SERVICE_URL": f"http://127.0.0.1:{RESULTS_SERVICE_PORT}/services/{RESULTS_SERVICE}/",
    # Where Voila finds the "workbook" page template (no CDN stylesheets, a main landmark).
    "JUPYTER_PATH": os.path.join(WORKBOOK_DIR, "widgets", "share"),
}

# --- services ---------------------------------------------------------------------------------
# The service judges submissions by the content the pages show: the same VIW_CONTENT_DIR for both.
service_environment = {name: os.environ[name] for name in ("VIW_DATABASE_URL", "VIW_PEOPLE_FILE", "VIW_CONTENT_DIR", "PYTHONPATH")
                       if name in os.environ}
if "VIW_CONTENT_DIR" in os.environ:
    c.Spawner.environment["VIW_CONTENT_DIR"] = os.environ["VIW_CONTENT_DIR"]
# The trainer dashboard (python -m widgets.hub_dashboard) holds no database address either: each
# page reads through the results service with the viewer's own hub token, so the results service
# decides what a trainer or a manager may read. It runs as the hub's service account, never as a
# person, and runs no visitor's code.
dashboard_environment = {
    **{name: os.environ[name] for name in ("VIW_CONTENT_DIR", "VIW_PUBLIC_HOSTS", "VIW_PROXY_HOPS", "PYTHONPATH")
       if name in os.environ},
    "VIW_RESULTS_SERVICE": RESULTS_SERVICE,
    "VIW_RESULTS_SERVICE_URL": f"http://127.0.0.1:{RESULTS_SERVICE_PORT}/services/{RESULTS_SERVICE}/",
    "VIW_RESULTS_DIR": os.environ.get("VIW_DASHBOARD_RESULTS_DIR", "/srv/workbook/dashboard"),  # received files
}
c.JupyterHub.services = [
    {
        "name": DASHBOARD_SERVICE,
        "url": f"http://127.0.0.1:{DASHBOARD_SERVICE_PORT}",
        "command": [sys.executable, "-m", "widgets.hub_dashboard"],
        "environment": dashboard_environment,
        "display": False,  # not on every staff member's Services menu: trainers and managers are given its address
        "timeout": 120,  # seconds for Voila to start answering (the hub stops if a managed service never does)
        "oauth_no_confirm": True,  # the council's own page: no "authorize access" question at each sign-in
        # Its sign-in tokens may reach it, say who the person is, and reach the results service
        # as that person (which reads for them only what their groups allow).
        "oauth_client_allowed_scopes": [f"access:services!service={RESULTS_SERVICE}"],
    },
    {
        "name": RESULTS_SERVICE,
        "url": f"http://127.0.0.1:{RESULTS_SERVICE_PORT}",
        "command": [sys.executable, "-m", "widgets.results_service"],
        "environment": service_environment,
        "display": False,
    },
    # Stop whole servers nobody has used for an hour (kernels inside are culled by
    # widgets.hub_extension). Needs `pip install jupyterhub-idle-culler` next to the hub.
    {
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={IDLE_SERVER_SECONDS}"],
    },
]
