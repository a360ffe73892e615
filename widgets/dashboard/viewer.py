"""Which results a dashboard viewer may see: the one rule, applied where the dashboard reads.

- On the one-server setup the dashboard's token is the trainers' alone: everything.
- As a hub service (``widgets.hub_dashboard``) the viewer is the hub user signed in, with roles
  from their hub groups (``widgets.results_service.people``): ``trainers`` see everything; a
  manager (``manager:<organisation>``) sees their organisations' rows only; anyone else nothing
  (the service answers them 403 before a page is built).

``Viewer.scope`` cuts what was read down to what the viewer may see, before any view, table,
chart, people list, comparison or export is made from it, so none can show more. The hub
service tells the page's kernel who is looking in a request header it sets itself
(``VIEWER_HEADER``, replacing any the browser sent).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Iterable, Mapping

import pandas as pd

from widgets.results import FileReport, ReadResult
from widgets.results.keys import same_key
from widgets.results_service.people import from_groups

VIEWER_HEADER = "X-Workbook-Viewer"
VIEWER_VARIABLE = "HTTP_X_WORKBOOK_VIEWER"  # how Voila hands the header to the page's kernel
FROM_HUB_VARIABLE = "VIW_DASHBOARD_FROM_HUB"  # set by the hub service: viewers come from the header only


@dataclass(frozen=True)
class Viewer:
    """Who is looking, and which organisations' rows they may see (``None``: every one)."""

    user: str
    organisations: frozenset[str] | None

    @property
    def sees_everything(self) -> bool:
        return self.organisations is None

    @property
    def sees_nothing(self) -> bool:
        return self.organisations is not None and not self.organisations

    def may_see(self, organisation: str) -> bool:
        """Whether rows of this organisation are the viewer's to see (however it is typed)."""
        return self.organisations is None or same_key(organisation) in {same_key(name) for name in self.organisations}

    def rows(self, rows: pd.DataFrame) -> pd.DataFrame:
        """The rows of organisations the viewer may see."""
        if self.organisations is None:
            return rows
        keys = {same_key(name) for name in self.organisations}
        return rows[rows["organisation"].astype(str).map(same_key).isin(keys)].reset_index(drop=True)

    def scope(self, loaded: ReadResult, codes: Mapping[str, str]) -> tuple[ReadResult, dict[str, str]]:
        """What was read, cut to the viewer's rows; with the resume codes of those submissions.
        Someone who does not see everything gets one report of the rows they see in place of the
        per-file reports: those count, and quote, other organisations' rows."""
        if self.organisations is None:
            return loaded, dict(codes)
        rows = self.rows(loaded.rows)
        kept = set(rows["submission_id"])
        report = FileReport(f"the results of {self.describe()}", accepted=len(rows))
        return ReadResult(rows, [report]), {sid: code for sid, code in codes.items() if sid in kept}

    def describe(self) -> str:
        if self.organisations is None:
            return "every organisation"
        return ", ".join(sorted(self.organisations)) or "no organisation"

    def to_header(self) -> str:
        """The viewer as the hub service passes it to the page's kernel (ASCII JSON)."""
        organisations = None if self.organisations is None else sorted(self.organisations)
        return json.dumps({"user": self.user, "organisations": organisations})

    @classmethod
    def from_header(cls, text: str) -> "Viewer":
        """The viewer the service passed; anything unreadable sees nothing."""
        try:
            found = json.loads(text)
            user, organisations = str(found["user"]), found["organisations"]
            if organisations is None:
                return cls(user, None)
            return cls(user, frozenset(str(name) for name in organisations))
        except (ValueError, KeyError, TypeError):
            return NOBODY


EVERYONE = Viewer("trainer", None)  # the one-server dashboard: its token is the trainers'
NOBODY = Viewer("", frozenset())


def viewer_for(user: str, groups: Iterable[str]) -> Viewer | None:
    """A hub user's view of the dashboard from their groups; None: the dashboard is not theirs."""
    person = from_groups(user, groups)
    if person.is_trainer:
        return Viewer(user, None)
    if person.manages:
        return Viewer(user, frozenset(person.manages))
    return None


def current_viewer(environment: Mapping[str, str] | None = None) -> Viewer:
    """Who this page's kernel serves: under the hub service, the viewer its request named (none
    named: nothing); otherwise the one-server dashboard's trainer."""
    environment = os.environ if environment is None else environment
    if environment.get(FROM_HUB_VARIABLE) != "1":
        return EVERYONE
    text = environment.get(VIEWER_VARIABLE)
    return Viewer.from_header(text) if text else NOBODY
