"""The results store as a staff page sees it under JupyterHub: the results service, asked with
this server's hub token. It offers what pages use of ``ResultsStore`` (save, a draft, a
learner's submissions, the previous self-assessment), with the same meaning, so pages do not
know which they have; ``page_store()`` chooses.

The service, not the page, says who the person is: the organisation, team and name on their
rows come from the hub. A learner record change that goes with a submission is sent with it and
saved in the same transaction; where it holds the submission's time, the page puts
``SUBMITTED_AT`` and the service fills in the stored time.
"""

from __future__ import annotations

import http.client
import json
import logging
import os
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import asdict
from typing import Any, Mapping, Protocol, Sequence

from widgets.emodule.certificate import Certificate, PassedModule
from widgets.errors import Refused
from widgets.results.database import StoreError
from widgets.results.store import NOT_SAVED, UNREADABLE, Draft, DraftSaved, RecordChange, ResultsStore, SavedSubmission
from widgets.results.submission import Submission
from widgets.settings import RESULTS_SERVICE_VARIABLE as SERVICE_VARIABLE

log = logging.getLogger(__name__)

SUBMITTED_AT = "{{submitted_at}}"
TIMEOUT_SECONDS = 30


class PageStore(Protocol):
    """What a staff page uses of a store: ``ResultsStore`` itself, or the results service."""

    def save(self, submission: Submission, submission_id: str | None = None, draft: str | None = None,
             learner: str | None = None, record: RecordChange | None = None) -> SavedSubmission: ...
    def submission(self, submission_id: str) -> SavedSubmission | None: ...
    def previous(self, kind: str, instrument: str, organisation: str, before: str,
                 team: str | None = None) -> SavedSubmission | None: ...
    def learner_submissions(self, learner: str) -> Sequence[SavedSubmission]: ...
    def create_draft(self, kind: str, code: str, values: Mapping[str, Any]) -> bool: ...
    def draft(self, code: str) -> Draft | None: ...
    def save_draft(self, code: str, changes: Mapping[str, Any], seen: Mapping[str, int]) -> DraftSaved: ...


def page_store() -> PageStore:
    """The results service under JupyterHub (its address is set for each person's server), else
    this installation's own store."""
    address = os.environ.get(SERVICE_VARIABLE)
    return ResultsService(address, os.environ.get("JUPYTERHUB_API_TOKEN", "")) if address else ResultsStore()


class ResultsService:
    def __init__(self, address: str, token: str):
        self.address = address.rstrip("/") + "/api/"
        self.token = token
        self._me: dict[str, Any] | None = None

    def me(self) -> dict[str, Any]:
        """Who the hub says this person is (name, organisation, team, roles, learner code)."""
        if self._me is None:
            self._me = self._ask("GET", "me")
        return self._me

    # --- what pages use of ResultsStore ----------------------------------------------------

    def save(self, submission: Submission, submission_id: str | None = None, draft: str | None = None,
             learner: str | None = None, record: RecordChange | None = None) -> SavedSubmission:
        submission_id = submission_id or str(uuid.uuid4())  # as the store does: the page usually chose one
        body: dict[str, Any] = {
            "kind": submission.kind, "instrument": submission.instrument, "instrument_version": submission.instrument_version,
            "organisation": submission.organisation, "team": submission.team, "role": submission.role,
            "submission_id": submission_id, "items": [asdict(item) for item in submission.items],
        }
        if draft is not None:
            body["draft"] = draft
        if record is not None:
            body["record"] = dict(record(submission_id, SUBMITTED_AT))
        return _saved(self._ask("POST", "submissions", body))

    def submission(self, submission_id: str) -> SavedSubmission | None:
        found = self._ask("GET", "submission", query={"id": submission_id})
        return _saved(found) if found else None

    def previous(self, kind: str, instrument: str, organisation: str, before: str, team: str | None = None) -> SavedSubmission | None:
        query = {"instrument": instrument, "organisation": organisation, "before": before, **({"team": team} if team is not None else {})}
        try:
            found = self._ask("GET", "previous", query=query)
        except Refused:
            return None  # not this person's to see: nothing to compare with, as for a first round
        return _saved(found) if found else None

    def certificate(self) -> Certificate:
        """The certificate this person's stored attempts earn; Refused says what is still to do."""
        return certificate_from(self._ask("GET", "certificate"))

    def learner_submissions(self, learner: str) -> list[SavedSubmission]:
        return [_saved(found) for found in self._ask("GET", "submissions")]

    def create_draft(self, kind: str, code: str, values: Mapping[str, Any]) -> bool:
        return bool(self._ask("POST", "drafts", {"kind": kind, "code": code, "values": dict(values)})["created"])

    def draft(self, code: str) -> Draft | None:
        if code == self.me()["learner_code"]:
            found = self._ask("GET", "record")
            return Draft(found["code"], "learner", found["values"], found["versions"]) if found else None
        found = self._ask("GET", "drafts", query={"code": code})
        return None if not found else Draft(found["code"], found["kind"], found["values"], found["versions"],
                                            found["submission_id"], found["submitted_at"])

    def save_draft(self, code: str, changes: Mapping[str, Any], seen: Mapping[str, int]) -> DraftSaved:
        body = {"changes": dict(changes), "seen": dict(seen)}
        if code == self.me()["learner_code"]:
            found = self._ask("POST", "record", body)
        else:
            found = self._ask("POST", "drafts", body, query={"code": code})
        return DraftSaved(found["versions"], tuple(found["changed_elsewhere"]))

    # --- what the trainers' dashboard reads (widgets.dashboard.service_results) ----------

    def rows_csv(self) -> bytes:
        """Every results row this person may read, as CSV (a trainer's: all; a manager's: theirs)."""
        return self._answer("GET", "rows")

    def store_state(self) -> dict[str, Any]:
        """The store's version and notices (trainers)."""
        return dict(self._ask("GET", "store"))

    def verify(self, typed: str) -> Certificate:
        """The certificate with this verification id, checked by the service."""
        return certificate_from(self._ask("GET", "verify", query={"id": typed}))

    # --- the conversation ------------------------------------------------------------------

    def _ask(self, method: str, path: str, body: Any = None, query: Mapping[str, str] | None = None) -> Any:
        """The service's JSON answer; Refused (its words) for a request refused, StoreError if it failed."""
        answer = self._answer(method, path, body, query)
        try:
            return json.loads(answer or b"null")
        except ValueError as error:
            log.exception("The results service's answer to %s %s was not JSON", method, path)
            raise StoreError(NOT_SAVED if method == "POST" else UNREADABLE) from error

    def _answer(self, method: str, path: str, body: Any = None, query: Mapping[str, str] | None = None) -> bytes:
        """The service's answer as sent (JSON, or CSV for rows)."""
        url = self.address + path + ("?" + urllib.parse.urlencode(query) if query else "")
        request = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode(),
                                         headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:
                return bytes(answer.read())
        except urllib.error.HTTPError as error:
            message = _message(error)
            if 400 <= error.code < 500:
                raise Refused(message) from error
            log.error("The results service answered %s to %s %s: %s", error.code, method, path, message)
            raise StoreError(NOT_SAVED if method == "POST" else UNREADABLE) from error
        except (OSError, ValueError, http.client.HTTPException) as error:  # e.g. an answer cut off mid-way
            log.exception("The results service could not be reached for %s %s", method, path)
            raise StoreError(NOT_SAVED if method == "POST" else UNREADABLE) from error


def _message(error: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(error.read())["message"])
    except (ValueError, KeyError, TypeError, OSError):
        return "The results service refused that request."


def certificate_from(found: Mapping[str, Any]) -> Certificate:
    """A certificate as the service sends it (``dataclasses.asdict``)."""
    return Certificate(**{**found, "modules": tuple(PassedModule(**{**module, "outcomes": tuple(module["outcomes"])})
                                                    for module in found["modules"])})


def _saved(found: Mapping[str, Any]) -> SavedSubmission:
    return SavedSubmission(found["submission_id"], found["submitted_at"], tuple(found["rows"]), bool(found["earlier"]))
