"""The results as the dashboard reads them under JupyterHub: from the results service, the only
program that holds the results database, asked with the viewer's own hub token.

The hub's dashboard service (``widgets.hub_dashboard``) signs the viewer in through the hub; the
token the hub gives it for them may also reach the results service (``oauth_client_allowed_scopes``
in deploy/jupyterhub_config.py). The service hands it to the page's kernel in ``TOKEN_HEADER``
(set by the service itself, replacing any the browser sent), so the results service sees the
viewer, not the dashboard, and applies its own rule to what they may read: a trainer every
organisation's rows, a manager their organisations' (the dashboard cuts to the same rule again,
``widgets.dashboard.viewer``). The dashboard service holds no database address.

On the one-server setup the dashboard reads its own store (``ResultsStore``), as before;
``dashboard_results`` chooses.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Mapping

import pandas as pd

from widgets.dashboard.viewer import FROM_HUB_VARIABLE
from widgets.emodule.certificate import Certificate
from widgets.results import ResultsStore
from widgets.results.columns import COLUMNS, TEXT_COLUMNS
from widgets.results.service_client import ResultsService
from widgets.results.spreadsheet_safety import restore_column
from widgets.settings import RESULTS_SERVICE_VARIABLE, results_dir

TOKEN_HEADER = "X-Workbook-Viewer-Token"
TOKEN_VARIABLE = "HTTP_X_WORKBOOK_VIEWER_TOKEN"  # how Voila hands the header to the page's kernel


class ServiceResults:
    """The results service, read as one viewer (their token), with what the dashboard uses of
    ``ResultsStore``; ``folder`` holds the files trainers add (the received files, the
    dashboard's own)."""

    def __init__(self, address: str, token: str, folder: Path):
        self._service = ResultsService(address, token)
        self.folder = folder

    def sync_csv(self) -> None:
        """Nothing to do here: the service brings results.csv in step when asked for its state."""

    def notices(self) -> list[str]:
        return [str(notice) for notice in self._service.store_state()["notices"]]

    def version(self) -> int | None:
        """As ``ResultsStore.version``: None while nothing is stored (a new county's first days)."""
        version = self._service.store_state()["version"]
        return None if version is None else int(version)

    def rows(self) -> pd.DataFrame:
        """Every row the viewer may read, as text in the documented columns, exactly as
        ``ResultsStore.rows`` gives them: the CSV's spreadsheet guard is undone (text typed as
        "=..." was sent as "'=...")."""
        frame = pd.read_csv(io.BytesIO(self._service.rows_csv()), dtype=str, keep_default_na=False, na_values=[], encoding="utf-8-sig")
        frame = frame.reindex(columns=list(COLUMNS), fill_value="")
        return frame.assign(**{column: restore_column(frame[column]) for column in TEXT_COLUMNS})

    def learner_codes(self) -> dict[str, str]:
        """None: under the hub people sign in, so the due list links to no resume code."""
        return {}

    def verify(self, typed: str) -> Certificate:
        """The certificate with this verification id, checked by the service (it holds the
        learners' records; a manager is answered for their organisations only)."""
        return self._service.verify(typed)


DashboardResults = ResultsStore | ServiceResults  # what the dashboard reads; its ``folder`` holds the received files


def dashboard_results(results_folder: Path | None = None, environment: Mapping[str, str] | None = None) -> DashboardResults:
    """Under the hub's dashboard service, the results service as this page's viewer; otherwise
    this installation's own store (``results_folder`` or the configured one)."""
    environment = os.environ if environment is None else environment
    if environment.get(FROM_HUB_VARIABLE) != "1":
        return ResultsStore(results_folder)
    folder = Path(results_folder or results_dir())
    return ServiceResults(environment.get(RESULTS_SERVICE_VARIABLE, ""), environment.get(TOKEN_VARIABLE, ""), folder)
