"""The results service's web API (JSON), behind the hub's token check.

Every handler takes the person from the hub (``HubAuthenticated``: the request's hub token,
which must carry the scope ``access:services!service=<this service>``); nothing a page sends
says who it is. Refusals are JSON ``{"message": ...}`` in plain words, with 400 (fix the
request), 403 (not yours to see) or 503 (the store could not be used).

    GET  api/me                      who you are and your roles
    GET  api/record                  your learner record (values and versions)
    POST api/record                  {"changes": {...}, "seen": {...}}: save answers of it
    GET  api/submissions             your own quiz attempts and confidence rounds
    POST api/submissions             save one (organisation, team and name come from the hub;
                                     scores and passes from the service's own marking: judge.py)
    GET  api/certificate             the certificate your stored attempts earn
    GET  api/submission?id=          one submission: your own, or a self-assessment of an organisation you manage
    POST api/drafts                  {"kind", "code", "values"}: start a draft (a self-assessment) as yours
    GET  api/drafts?code=            a draft you started
    POST api/drafts?code=            {"changes", "seen"}: save answers of a draft you started
    GET  api/previous?instrument=&organisation=&before=&team=
                                     an organisation's previous self-assessment (its managers)
    GET  api/rows?organisation=      results rows as CSV (trainers: any; managers: theirs);
                                     with no organisation, every row the person may see
    GET  api/store                   the store's version and notices (trainers)
    GET  api/verify?id=              the certificate with this verification id (trainers; managers: theirs)
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, fields
from datetime import datetime, timezone
from typing import Any, Callable, Generator, Iterator, Mapping

from jupyterhub.services.auth import HubAuthenticated
from tornado import web

from widgets.content import Content
from widgets.emodule.learner import Learner
from widgets.emodule.verification import verify_certificate
from widgets.emodule.progress import LearnerRecord
from widgets.errors import Refused
from widgets.results import ItemResponse, ResultsStore, SavedSubmission, StoreError, Submission
from widgets.results.csv_format import encode_header, encode_tuples
from widgets.results.drafts import unflatten
from widgets.results.keys import same_key
from widgets.results.store import TIME_FORMAT
from widgets.emodule.confidence import VERSION as CONFIDENCE_VERSION
from widgets.results.service_client import SUBMITTED_AT
from widgets.assessment.last_actions import actions_of
from widgets.results_service.judge import (NotYours, Stored, judge_assessment, judge_attempt, judge_confidence,
                                           refuse_record_change, stored_certificate)
from widgets.results_service.people import Person, from_groups
from widgets.results_service.quiz_versions import QuizVersions

log = logging.getLogger("widgets.results_service")

DASHBOARD_ACCESS = "access:services!service=dashboard"  # the dashboard service's name in deploy/jupyterhub_config.py
LEARNER_KIND = "learner"  # the drafts' kind for learner records, as the staff pages use
OWN_KINDS = ("quiz", "confidence")  # what a person submits for themselves

ITEM_FIELDS = {f.name for f in fields(ItemResponse)}


def hub_fields(person: Person) -> dict[str, str]:
    """What the hub says of a person, as their learner record keeps it."""
    return {"learner.name": person.name, "learner.organisation": person.organisation, "learner.team": person.team}


def record_changes(values: Mapping[str, Any], person: Person) -> dict[str, str]:
    """The record's fields that no longer say what the hub says (a blank from the hub leaves a field as it is)."""
    return {key: value for key, value in hub_fields(person).items() if value and values.get(key) != value}


class ServiceApi(HubAuthenticated, web.RequestHandler):
    """Base: the store, the people file, the content (and every quiz version seen), and the person asking."""

    def initialize(self, store: ResultsStore, people: Callable[[], dict[str, Person]], content: Callable[[], Content],
                   versions: QuizVersions) -> None:
        self.store = store
        self.people = people
        self.content = lambda: versions.remember(content())
        self.versions = versions

    def check_xsrf_cookie(self) -> None:
        """Token-authenticated API: no cookies, so nothing for a cross-site form to ride on."""

    def prepare(self) -> None:
        """The trainer dashboard's sign-in tokens may read here as their person, never write:
        a page kernel holds one, and staff servers' tokens (which save) never reach the dashboard."""
        if self.request.method not in ("GET", "HEAD", "OPTIONS"):
            model = self.current_user
            if model and DASHBOARD_ACCESS in (model.get("scopes") or []):
                raise web.HTTPError(403, "The trainer dashboard reads results; it does not save them.")

    @property
    def person(self) -> Person:
        model = self.current_user
        if not model or model.get("kind", "user") != "user":
            raise web.HTTPError(403, "Only people signed in to the hub may use the results service.")
        return from_groups(model["name"], model.get("groups") or [], self.people().get(model["name"]))

    def learner_code(self, person: Person) -> str:
        """The person's learner code; their record's name, organisation and team follow the hub
        (a name corrected, a move to another service), so a certificate printed now and the
        trainers' check of it say the same."""
        first = {**hub_fields(person), "learner.role": ""}
        code = self.store.hub_learner(person.user, LEARNER_KIND, first)
        draft = self.store.draft(code)
        changed = record_changes(draft.values if draft else {}, person)
        if changed:
            self.store.save_draft(code, changed, {})
        return code

    def learner_record(self, code: str) -> LearnerRecord:
        """The person's learner record as stored (what the service wrote, and the steps and
        attempt begun their pages saved)."""
        draft = self.store.draft(code)
        return LearnerRecord.from_dict(unflatten(dict(draft.values)) if draft else {"learner": {}})

    def body(self) -> dict[str, Any]:
        try:
            found = json.loads(self.request.body or b"{}")
        except ValueError:
            raise web.HTTPError(400, "The request was not JSON.")
        if not isinstance(found, dict):
            raise web.HTTPError(400, "The request must be a JSON object.")
        return found

    def send(self, data: Any) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(data, ensure_ascii=False))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        error = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(error, web.HTTPError) and error.log_message:
            message = error.log_message
        elif isinstance(error, (Refused, StoreError)):
            message = str(error)
        elif status_code == 403:  # the hub's own refusal of a token: ended, revoked, or without this service's scope
            message = "Your sign-in does not reach the results (it may have ended): sign out, then sign in again."
        else:
            message = "The results service could not do that just now." if status_code >= 500 else self._reason
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"message": message}))

    def _handle_request_exception(self, e: BaseException) -> None:
        """Refused is the person's request at fault (400; 403 for rows not theirs to send, 409
        for a change to what is stored); the store's failure is 503. A refusal is logged with
        its reason and the request's path, never who sent it or what they answered."""
        if isinstance(e, StoreError):
            self.send_error(503, exc_info=(type(e), e, e.__traceback__))
        elif isinstance(e, Refused):
            status = 403 if isinstance(e, NotYours) else 409 if isinstance(e, Stored) else 400
            log.warning("Refused %s %s (%s): %s", self.request.method, self.request.path, status, e)
            self.send_error(status, exc_info=(type(e), e, e.__traceback__))
        else:
            super()._handle_request_exception(e)


class Me(ServiceApi):
    @web.authenticated
    def get(self) -> None:
        person = self.person
        self.send({**person.to_dict(), "learner_code": self.learner_code(person)})


class Record(ServiceApi):
    @web.authenticated
    def get(self) -> None:
        draft = self.store.draft(self.learner_code(self.person))
        self.send({"code": draft.code, "values": draft.values, "versions": draft.versions} if draft else {})

    @web.authenticated
    def post(self) -> None:
        body = self.body()
        changes, seen = body.get("changes"), body.get("seen", {})
        if not isinstance(changes, dict) or not isinstance(seen, dict):
            raise web.HTTPError(400, "Send the changed answers as 'changes' and the versions seen as 'seen'.")
        refuse_record_change(changes)
        saved = self.store.save_draft(self.learner_code(self.person), changes, {str(k): int(v) for k, v in seen.items()})
        self.send({"versions": saved.versions, "changed_elsewhere": list(saved.changed_elsewhere)})


class Submissions(ServiceApi):
    @web.authenticated
    def get(self) -> None:
        self.send([_saved(saved) for saved in self.store.learner_submissions(self.learner_code(self.person))])

    @web.authenticated
    def post(self) -> None:
        person, body = self.person, self.body()
        kind = body.get("kind")
        if kind not in (*OWN_KINDS, "assessment"):
            raise web.HTTPError(400, f"Unknown kind of submission; use one of {', '.join((*OWN_KINDS, 'assessment'))}.")
        for field in ("respondent", "learner", "user"):  # the hub user is the only learner accepted
            if body.get(field) not in (None, person.name, person.user):
                raise NotYours("Rows are stored for the person signed in only.")
        instrument, items, submission_id = _text(body, "instrument"), _items(body.get("items")), _submission_id(body)
        record = body.get("record")
        if record is not None and (kind not in OWN_KINDS or not isinstance(record, dict)):
            raise web.HTTPError(400, "A record change goes with your own quiz attempts and confidence rounds only.")
        draft: Any = None
        learner: str | None = None
        values: Mapping[str, Any] | None = None
        content = self.content()
        if kind in OWN_KINDS:
            organisation, team, learner = person.organisation, person.team, self.learner_code(person)
            stored = self.learner_record(learner)
            if kind == "quiz":
                quiz = content.quizzes.get(instrument)
                if quiz is None:
                    raise Refused(f"There is no quiz '{instrument}'.")
                progress = stored.modules.get(quiz.module)
                if progress is not None and any(a.submission_id == submission_id for a in progress.attempts):
                    self.send(_saved(self._stored_again(submission_id, items)))  # a retry: what was stored
                    return
                judged, items, values = judge_attempt(self.versions.versions(quiz.id), stored, submission_id, items, record)
                version = judged.version  # the version the attempt drew from
            else:
                version = CONFIDENCE_VERSION
                items, values = judge_confidence(content, instrument, stored, submission_id, items, record)
        else:
            organisation, team = _text(body, "organisation", ""), _text(body, "team", "")
            draft = body.get("draft")
            if draft and self.store.draft_owner(str(draft)) != person.user:
                raise web.HTTPError(403, "That draft was started by someone else; submit your own.")
            if not person.may_see(organisation):
                raise web.HTTPError(403, f"Only a manager of {organisation or 'an organisation'} may submit its self-assessment.")
            found = next((i for i in content.instruments if i.id == instrument), None)
            if found is None:
                raise Refused(f"There is no self-assessment '{instrument}'.")
            version = found.version
            now = datetime.now(timezone.utc).strftime(TIME_FORMAT)
            before = self.store.previous("assessment", instrument, organisation, before=now, team=team)
            items = judge_assessment(found, person, organisation, team, _text(body, "role", ""), items,
                                     actions_of(found, before.rows) if before else ())
        submission = Submission(kind, instrument, version, organisation, team, person.name, _text(body, "role", ""), items)
        saved = self.store.save(  # an id stored before is given back, with nothing written
            submission, submission_id=submission_id, draft=str(draft) if draft else None, learner=learner,
            record=(lambda _sid, at: {key: at if value == SUBMITTED_AT else value for key, value in values.items()})
            if values else None,
        )
        if saved.earlier and not self._may_have(person, saved, learner):
            raise web.HTTPError(409, "That submission id is taken; the page chooses a new one for a new submission.")
        if saved.earlier and kind in OWN_KINDS and _answers(saved.rows) != _answers(items):
            raise Stored("That submission is stored already with other answers; stored answers are never changed.")
        self.send(_saved(saved))

    def _stored_again(self, submission_id: str, items: tuple[ItemResponse, ...]) -> SavedSubmission:
        """An attempt sent again (a retry, a second tab): what was stored, if the answers are the same."""
        found = self.store.submission(submission_id)
        if found is None:
            raise StoreError("The results store could not be read just now. Please try again in a minute.")
        if _answers(found.rows) != _answers(items):
            raise Stored("That attempt is stored already with other answers, and a stored attempt is never changed: "
                         "reload the page to see its result.")
        return SavedSubmission(found.submission_id, found.submitted_at, found.rows, earlier=True)

    def _may_have(self, person: Person, saved: SavedSubmission, learner: str | None) -> bool:
        """Whether a submission stored before may be given back to this person (their retry):
        their own attempt or round, or a self-assessment of an organisation they manage."""
        if saved.rows[0]["kind"] == "assessment":
            return person.may_see(saved.rows[0]["organisation"])
        return learner is not None and self.store.learner_of(saved.submission_id) == learner


class CertificateOf(ServiceApi):
    """The certificate the person's stored attempts earn, by the page's own rule; refused
    (409, in words) while a module is not passed or the after-ratings are not in."""

    @web.authenticated
    def get(self) -> None:
        person = self.person
        code = self.learner_code(person)
        stored = {saved.submission_id for saved in self.store.learner_submissions(code)}
        record = self.learner_record(code)
        learner = Learner(person.name, person.organisation, person.team, record.learner.role)
        try:
            certificate = stored_certificate(learner, record, stored, self.content())
        except Refused as refused:
            raise Stored(str(refused)) from None
        self.send(asdict(certificate))


class OneSubmission(ServiceApi):
    @web.authenticated
    def get(self) -> None:
        person = self.person
        found = self.store.submission(self.get_argument("id"))
        mine = found is not None and found.submission_id in {
            saved.submission_id for saved in self.store.learner_submissions(self.learner_code(person))}
        theirs = found is not None and found.rows[0]["kind"] == "assessment" and person.may_see(found.rows[0]["organisation"])
        if found is not None and not (mine or theirs):
            raise web.HTTPError(403, "That submission is not yours to see.")
        self.send(_saved(found) if found else None)


class Drafts(ServiceApi):
    """Self-assessment drafts: each is its starter's alone (learner records go through api/record)."""

    @web.authenticated
    def get(self) -> None:
        code = self.own_draft()
        draft = self.store.draft(code)
        self.send(None if draft is None else {"code": draft.code, "kind": draft.kind, "values": draft.values,
                                              "versions": draft.versions, "submission_id": draft.submission_id,
                                              "submitted_at": draft.submitted_at})

    @web.authenticated
    def post(self) -> None:
        body = self.body()
        if self.get_argument("code", None) is None:
            kind, code, values = body.get("kind"), body.get("code"), body.get("values", {})
            if kind == LEARNER_KIND or not isinstance(kind, str) or not isinstance(code, str) or not isinstance(values, dict):
                raise web.HTTPError(400, "Send the draft's kind, its new code and its values.")
            self.send({"created": self.store.create_draft(kind, code, values, owner=self.person.user)})
            return
        code = self.own_draft()
        changes, seen = body.get("changes"), body.get("seen", {})
        if not isinstance(changes, dict) or not isinstance(seen, dict):
            raise web.HTTPError(400, "Send the changed answers as 'changes' and the versions seen as 'seen'.")
        saved = self.store.save_draft(code, changes, {str(k): int(v) for k, v in seen.items()})
        self.send({"versions": saved.versions, "changed_elsewhere": list(saved.changed_elsewhere)})

    def own_draft(self) -> str:
        code = self.get_argument("code")
        owner = self.store.draft_owner(code)
        if owner is not None and owner != self.person.user:
            raise web.HTTPError(403, "That draft was started by someone else; ask them, or start your own.")
        if owner is None and self.store.draft(code) is not None:
            raise web.HTTPError(403, "That draft is not yours to open.")
        return code


class Previous(ServiceApi):
    @web.authenticated
    def get(self) -> None:
        person = self.person
        organisation = _organisation(self.get_argument("organisation", person.organisation))
        if not person.may_see(organisation):
            raise web.HTTPError(403, f"Only a manager of {organisation} (or a trainer) may see its previous self-assessment.")
        team = self.get_argument("team", None)
        found = self.store.previous("assessment", self.get_argument("instrument"), organisation,
                                    before=self.get_argument("before"), team=team)
        self.send(_saved(found) if found else None)


class Rows(ServiceApi):
    """Results rows as CSV: one organisation's, or (none named) every row the person may read -
    a trainer's every organisation's, a manager's their organisations' (the dashboard's read).

    Streamed a chunk at a time from a thread of its own, so a store of a million rows is sent in
    bounded memory while the service goes on saving staff pages' submissions."""

    @web.authenticated
    async def get(self) -> None:
        person = self.person
        organisation = self.get_argument("organisation", None)
        organisations: list[str | None]
        if organisation is not None:
            organisation = _organisation(organisation)  # never "" (which the store reads as every organisation)
            if not person.may_see(organisation):
                raise web.HTTPError(403, f"Only a manager of {organisation} (or a trainer) may read its results.")
            organisations = [organisation]
        elif person.is_trainer:
            organisations = [None]  # every organisation's
        elif person.manages:
            organisations = list({same_key(name): name for name in person.manages}.values())
        else:
            raise web.HTTPError(403, "Only trainers and service managers may read results.")
        chunks = _row_chunks(self.store, organisations)
        reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rows")  # one thread: a connection stays on it
        loop = asyncio.get_running_loop()
        try:
            encoded = await loop.run_in_executor(reader, _next_encoded, chunks)
            self.set_header("Content-Type", "text/csv; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.write(encode_header())
            while encoded is not None:
                self.write(encoded)
                await self.flush()
                encoded = await loop.run_in_executor(reader, _next_encoded, chunks)
        finally:  # sent, failed, or the reader went away: the store's connection is given back, on its thread
            await loop.run_in_executor(reader, chunks.close)
            reader.shutdown(wait=False)


def _row_chunks(store: ResultsStore, organisations: list[str | None]) -> Generator[list[tuple[str, ...]], None, None]:
    """Each organisation's rows (None: every organisation's) a chunk at a time, in turn."""
    for organisation in organisations:
        yield from store.row_chunks(organisation=organisation)


def _next_encoded(chunks: Iterator[list[tuple[str, ...]]]) -> bytes | None:
    """The next chunk of rows as CSV, or None after the last."""
    chunk = next(chunks, None)
    return None if chunk is None else encode_tuples(chunk)


class StoreState(ServiceApi):
    """For trainers: the store's version (it changes with every submission, so a dashboard can
    tell it has rows to read again) and what the store has had to say (an edited results.csv
    kept aside), after bringing results.csv in step as the one-server dashboard does."""

    @web.authenticated
    def get(self) -> None:
        if not self.person.is_trainer:
            raise web.HTTPError(403, "Only trainers may see the state of the whole results store.")
        self.store.sync_csv()
        self.send({"version": self.store.version(), "notices": self.store.notices()})


class Verify(ServiceApi):
    """A certificate's verification id checked, for trainers (any) and managers (their
    organisations': another's is answered as unknown)."""

    @web.authenticated
    def get(self) -> None:
        person = self.person
        if not (person.is_trainer or person.manages):
            raise web.HTTPError(403, "Only trainers and service managers check certificates here.")
        certificate = verify_certificate(self.get_argument("id"), self.store, self.content(), person.may_see)
        self.send(asdict(certificate))


def _text(body: dict[str, Any], name: str, default: str | None = None) -> str:
    value = body.get(name, default)
    if not isinstance(value, str):
        raise web.HTTPError(400, f"'{name}' must be text.")
    return value


def _organisation(name: str) -> str:
    """An organisation asked for by name; a blank one is refused (400), never read as all."""
    if not name.strip():
        raise web.HTTPError(400, "Name the organisation whose results you want; a blank name is no organisation.")
    return name


def _submission_id(body: dict[str, Any]) -> str:
    """The page's own id for this submission (kept until it is saved, so a retry stores nothing new)."""
    try:
        return str(uuid.UUID(str(body.get("submission_id", ""))))
    except ValueError:
        raise web.HTTPError(400, "'submission_id' must be a UUID chosen by the page before its first try.")


def _items(found: Any) -> tuple[ItemResponse, ...]:
    if not isinstance(found, list) or not found or not all(isinstance(item, dict) for item in found):
        raise web.HTTPError(400, "'items' must be a list of answered items.")
    items = []
    for item in found:
        unknown = set(item) - ITEM_FIELDS
        if unknown or "item_id" not in item:
            raise web.HTTPError(400, f"An item has unknown or missing fields: {', '.join(sorted(unknown)) or 'item_id'}.")
        texts = {key: str(value) for key, value in item.items() if key not in ("score", "max_score")}
        try:
            scores = {key: None if item.get(key) is None else float(item[key]) for key in ("score", "max_score")}
        except (TypeError, ValueError):
            raise web.HTTPError(400, "A score must be a number.")
        items.append(ItemResponse(**texts, **scores))  # type: ignore[arg-type]
    return tuple(items)


def _answers(rows: Any) -> list[tuple[str, str]]:
    """A submission's answers, to tell a retry from a change."""
    return sorted((str(row["item_id"] if isinstance(row, dict) else row.item_id),
                   str(row["response"] if isinstance(row, dict) else row.response)) for row in rows)


def _saved(saved: SavedSubmission) -> dict[str, Any]:
    return {**asdict(saved), "rows": list(saved.rows)}
