"""deploy/jupyterhub_config.py, read as JupyterHub reads it: people sign in with the council's
identity; each person's server runs the staff pages with voila and our extension and holds no
database address, password or results folder; only the results service does."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.browser.hub_user_server import hub_config
from widgets.results.service_client import SERVICE_VARIABLE
from widgets.settings import PROJECT_ROOT, RESULTS_DIR_VARIABLE

SECRET_URL = "postgresql://workbook:s3cret@db.example/results"


def test_each_person_gets_the_workbook_pages_and_our_extension_and_no_results() -> None:
    config = hub_config(VIW_DATABASE_URL=SECRET_URL)
    spawner = config.Spawner
    assert "--ServerApp.jpserver_extensions=voila=True" in spawner.args
    assert "--ServerApp.jpserver_extensions=widgets.hub_extension=True" in spawner.args
    assert spawner.default_url == "/voila/render/index.ipynb"
    assert (Path(spawner.notebook_dir) / "index.ipynb").exists()
    assert (Path(spawner.environment["JUPYTER_PATH"]) / "voila" / "templates" / "workbook").is_dir()
    assert spawner.environment[SERVICE_VARIABLE] == "http://127.0.0.1:10101/services/results/"
    assert RESULTS_DIR_VARIABLE not in spawner.environment and "VIW_DATABASE_URL" not in spawner.environment
    assert "VIW_DATABASE_URL" not in spawner.env_keep and SECRET_URL not in str(spawner)
    assert "access:services!service=results" in spawner.server_token_scopes


def test_only_the_results_service_is_given_the_database() -> None:
    config = hub_config(VIW_DATABASE_URL=SECRET_URL, VIW_PEOPLE_FILE="/srv/workbook/people.csv")
    service = next(s for s in config.JupyterHub.services if s["name"] == "results")
    assert service["command"] == [sys.executable, "-m", "widgets.results_service"]
    assert service["environment"]["VIW_DATABASE_URL"] == SECRET_URL
    assert service["environment"]["VIW_PEOPLE_FILE"] == "/srv/workbook/people.csv"
    user_role = next(r for r in config.JupyterHub.load_roles if r["name"] == "user")
    assert "access:services!service=results" in user_role["scopes"]


def test_entra_id_settings_come_from_the_council_s_values() -> None:
    config = hub_config(VIW_ENTRA_TENANT_ID="tenant-123", VIW_OAUTH_CLIENT_ID="client-abc", VIW_OAUTH_CLIENT_SECRET="shh",
                        VIW_OAUTH_CALLBACK_URL="https://workbook.example.gov.uk/hub/oauth_callback")
    assert config.JupyterHub.authenticator_class == "azuread"
    entra = config.AzureAdOAuthenticator
    assert (entra.tenant_id, entra.client_id, entra.client_secret) == ("tenant-123", "client-abc", "shh")
    assert entra.oauth_callback_url == "https://workbook.example.gov.uk/hub/oauth_callback"
    assert entra.manage_groups and entra.allowed_groups == {"workbook-staff"}


def test_any_openid_connect_provider_works_too() -> None:
    config = hub_config(VIW_IDENTITY="oidc", VIW_OIDC_ISSUER="https://login.example.org/", VIW_STAFF_GROUP="care-staff")
    generic = config.GenericOAuthenticator
    assert config.JupyterHub.authenticator_class == "generic-oauth"
    assert generic.authorize_url == "https://login.example.org/authorize" and generic.allowed_groups == {"care-staff"}


def test_a_mistyped_identity_setting_stops_the_hub_with_a_message() -> None:
    with pytest.raises(SystemExit, match="VIW_IDENTITY must be 'entra' or 'oidc'"):
        hub_config(VIW_IDENTITY="azure")


def test_the_trainer_dashboard_is_outside_what_a_person_s_server_serves() -> None:
    root = Path(hub_config().Spawner.notebook_dir).resolve()
    dashboard = (PROJECT_ROOT / "notebooks" / "trainer" / "dashboard.ipynb").resolve()
    assert dashboard.exists() and not dashboard.is_relative_to(root)


def test_the_trainer_dashboard_is_a_hub_service_signing_in_through_the_hub() -> None:
    config = hub_config(VIW_DATABASE_URL=SECRET_URL, VIW_DASHBOARD_RESULTS_DIR="/srv/workbook/dashboard",
                        VIW_PUBLIC_HOSTS="workbook.example.gov.uk")
    dashboard = next(s for s in config.JupyterHub.services if s["name"] == "dashboard")
    assert dashboard["command"] == [sys.executable, "-m", "widgets.hub_dashboard"]
    assert dashboard["url"].startswith("http://127.0.0.1:")
    assert "VIW_DATABASE_URL" not in dashboard["environment"] and SECRET_URL not in str(dashboard)  # it reads through the results service
    assert dashboard["environment"]["VIW_RESULTS_SERVICE_URL"] == "http://127.0.0.1:10101/services/results/"
    assert dashboard["environment"][RESULTS_DIR_VARIABLE] == "/srv/workbook/dashboard"  # its received files
    assert dashboard["environment"]["VIW_PUBLIC_HOSTS"] == "workbook.example.gov.uk"  # the only name it answers to
    # Its sign-in tokens reach it and, as the person signed in, the results service: nothing more.
    assert dashboard["oauth_no_confirm"] and dashboard["oauth_client_allowed_scopes"] == ["access:services!service=results"]
    user_role = next(r for r in config.JupyterHub.load_roles if r["name"] == "user")
    assert "access:services!service=dashboard" in user_role["scopes"]  # its door: the service itself decides by groups
    assert not any("dashboard" in scope for scope in config.Spawner.server_token_scopes)  # staff servers never reach it
