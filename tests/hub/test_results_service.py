"""The county deployment for real: JupyterHub (deploy/jupyterhub_config.py, with a test
authenticator in place of Entra ID), its proxy, a real PostgreSQL and the results service.
Every refusal a person could meet, or try for, is asked for here."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path

import pytest

from tests.emodule_helpers import complete_everything
from tests.hub.conftest import SCOPE  # the hub, its people and their tokens are shared: conftest.py
from tests.hub.hub_server import Hub
from widgets.content import load_content
from widgets.emodule import LearnerSession
from widgets.errors import Refused
from widgets.results.drafts import DraftStore
from widgets.results.service_client import ResultsService


def api(hub: Hub, method: str, path: str, token: str | None, body: object = None) -> tuple[int, object]:
    status, data = hub.request(method, f"/services/results/api/{path}", token, body)
    return status, (json.loads(data) if data.startswith((b"{", b"[", b"null")) else data.decode())


def quiz(module: str = "lundy", **extra: object) -> dict:
    return {"kind": "quiz", "instrument": module, "instrument_version": "1", "submission_id": str(uuid.uuid4()),
            "items": [{"item_id": "q1", "response": "b", "score": 1, "max_score": 1}], **extra}


def test_a_staff_member_completes_a_quiz_as_themselves_once(hub: Hub, tokens: dict[str, str]) -> None:
    status, me = api(hub, "GET", "me", tokens["sam"])
    assert status == 200 and me["organisation"] == "Oak Service" and me["team"] == "North" and not me["trainer"]
    attempt = quiz(record={"modules.lundy.attempts.a1.submitted_at": "{{submitted_at}}"},
                   organisation="Ash Service", respondent="Somebody Else")  # what a page says about who it is counts for nothing
    status, saved = api(hub, "POST", "submissions", tokens["sam"], attempt)
    assert status == 200 and not saved["earlier"]
    assert {(row["organisation"], row["team"], row["respondent"]) for row in saved["rows"]} == {("Oak Service", "North", "sam")}
    status, again = api(hub, "POST", "submissions", tokens["sam"], attempt)  # a retry after a lost answer
    assert status == 200 and again["earlier"] and again["submitted_at"] == saved["submitted_at"]
    status, mine = api(hub, "GET", "submissions", tokens["sam"])
    assert [s["submission_id"] for s in mine] == [attempt["submission_id"]]
    status, record = api(hub, "GET", "record", tokens["sam"])
    assert record["values"]["modules.lundy.attempts.a1.submitted_at"] == saved["submitted_at"]


def test_another_staff_member_sees_none_of_it(hub: Hub, tokens: dict[str, str]) -> None:
    api(hub, "POST", "submissions", tokens["sam"], quiz("treseder"))
    api(hub, "POST", "record", tokens["sam"], {"changes": {"notes.private": "Sam's own"}, "seen": {}})
    status, theirs = api(hub, "GET", "submissions", tokens["sal"])
    assert status == 200 and theirs == []
    status, record = api(hub, "GET", "record", tokens["sal"])
    assert "notes.private" not in record["values"] and record["code"] != api(hub, "GET", "me", tokens["sam"])[1]["learner_code"]
    # naming sam's record or organisation in the request changes nothing
    status, record = api(hub, "GET", "record?user=sam&code=" + api(hub, "GET", "me", tokens["sam"])[1]["learner_code"], tokens["sal"])
    assert "notes.private" not in record["values"]
    assert api(hub, "GET", "rows?organisation=Oak%20Service", tokens["sal"])[0] == 403
    assert api(hub, "GET", "rows", tokens["sal"])[0] == 403


def test_a_manager_sees_their_organisation_only_and_a_trainer_sees_both(hub: Hub, tokens: dict[str, str]) -> None:
    api(hub, "POST", "submissions", tokens["sam"], quiz("practice"))
    api(hub, "POST", "submissions", tokens["ash"], quiz("practice"))
    status, oak = api(hub, "GET", "rows?organisation=Oak%20Service", tokens["mo"])
    assert status == 200 and "Oak Service" in oak and "Ash Service" not in oak
    assert api(hub, "GET", "rows?organisation=Ash%20Service", tokens["mo"])[0] == 403
    assert api(hub, "GET", "rows", tokens["mo"])[0] == 403  # not everything: only what they manage
    status, everything = api(hub, "GET", "rows", tokens["tina"])
    assert status == 200 and "Oak Service" in everything and "Ash Service" in everything
    status, ash = api(hub, "GET", "rows?organisation=ash%20service", tokens["tina"])  # the same organisation, however typed
    assert status == 200 and "Ash Service" in ash and "Oak Service" not in ash


def test_another_person_s_submission_id_or_draft_gives_nothing_away(hub: Hub, tokens: dict[str, str]) -> None:
    """A certificate shows its verification id (an attempt's id): sending it as one's own must
    neither return that attempt nor store anything; nor may a draft code of someone else's."""
    theirs = quiz("why-voice")
    assert api(hub, "POST", "submissions", tokens["sam"], theirs)[0] == 200
    status, answer = api(hub, "POST", "submissions", tokens["ash"], {**quiz("why-voice"), "submission_id": theirs["submission_id"]})
    assert status == 409 and "rows" not in answer and "taken" in answer["message"]
    service_for(hub, tokens["mo"]).create_draft("assessment", "MZ7X-9KQD", {})
    manager_of_ash = hub.token_for("tina", [SCOPE])  # a trainer may submit any organisation's, but not from another's draft
    status, answer = api(hub, "POST", "submissions", manager_of_ash,
                         {"kind": "assessment", "instrument": "iv-standard-4", "instrument_version": "1", "organisation": "Oak Service",
                          "team": "", "draft": "MZ7X-9KQD", "submission_id": str(uuid.uuid4()), "items": [{"item_id": "4.1", "response": "3"}]})
    assert status == 403 and "started by someone else" in answer["message"]
    assert service_for(hub, tokens["mo"]).draft("MZ7X-9KQD").submission_id is None  # type: ignore[union-attr]


def test_only_an_organisation_s_manager_submits_and_sees_its_self_assessment(hub: Hub, tokens: dict[str, str]) -> None:
    assessment = {"kind": "assessment", "instrument": "iv-standard-4", "instrument_version": "1", "organisation": "Oak Service",
                  "team": "", "submission_id": str(uuid.uuid4()), "items": [{"item_id": "4.1", "response": "3"}]}
    status, refused = api(hub, "POST", "submissions", tokens["sam"], assessment)
    assert status == 403 and "manager of Oak Service" in refused["message"]
    assert api(hub, "POST", "submissions", tokens["mo"], assessment)[0] == 200
    later = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 60))
    status, previous = api(hub, "GET", f"previous?instrument=iv-standard-4&before={later}", tokens["mo"])
    assert status == 200 and previous["submission_id"] == assessment["submission_id"]
    assert api(hub, "GET", f"previous?instrument=iv-standard-4&before={later}", tokens["sam"])[0] == 403
    assert api(hub, "GET", f"previous?instrument=iv-standard-4&organisation=Oak%20Service&before={later}", tokens["ash"])[0] == 403


def test_requests_without_a_token_with_a_wrong_token_or_outside_the_scope_are_refused(hub: Hub, tokens: dict[str, str]) -> None:
    assert api(hub, "GET", "me", None)[0] == 403
    assert api(hub, "GET", "record", "not-a-real-token")[0] == 403
    other_scope = hub.token_for("sam", ["read:users:name!user"])  # a real token of sam's, but not for this service
    assert api(hub, "GET", "record", other_scope)[0] == 403
    assert api(hub, "POST", "submissions", other_scope, quiz())[0] == 403


def test_bad_requests_are_refused_in_words(hub: Hub, tokens: dict[str, str]) -> None:
    status, answer = api(hub, "POST", "submissions", tokens["sam"], {**quiz(), "submission_id": "1"})
    assert status == 400 and "UUID" in answer["message"]
    status, answer = api(hub, "POST", "submissions", tokens["sam"], {**quiz(), "kind": "certificate"})
    assert status == 400 and "Unknown kind" in answer["message"]
    status, answer = api(hub, "POST", "submissions", tokens["sam"], {**quiz(), "items": [{"item_id": "q1", "score": "lots"}]})
    assert status == 400 and "number" in answer["message"]


def test_a_person_s_server_holds_no_database_address_or_password(hub: Hub, tokens: dict[str, str]) -> None:
    """What code in sam's own server could read: its process environment and the files it can
    reach hold no database URL; only the service token that names sam."""
    status, answer = hub.request("POST", "/hub/api/users/sam/server", hub.admin_token)
    assert status in (201, 202), f"{answer[:300]!r} {hub.log_text()[-3000:]}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        model = json.loads(hub.request("GET", "/hub/api/users/sam", hub.admin_token)[1])
        server = model.get("servers", {}).get("", {})
        if server.get("ready"):
            break
        time.sleep(1)
    else:
        pytest.fail("sam's server did not start: " + "\n".join(line for line in hub.log_text().splitlines() if "GET /hub/api/users/sam " not in line)[-4000:])
    pid = int(server["state"]["pid"])
    environment = dict(line.split("=", 1) for line in Path(f"/proc/{pid}/environ").read_text().split("\0") if "=" in line)
    assert "VIW_DATABASE_URL" not in environment and not any("postgresql://" in value for value in environment.values())
    assert environment["VIW_RESULTS_SERVICE"] == "results"
    hub.request("DELETE", "/hub/api/users/sam/server", hub.admin_token)


def service_for(hub: Hub, token: str) -> ResultsService:
    return ResultsService(f"{hub.url}/services/results/", token)


def test_the_staff_pages_own_code_completes_the_e_module_through_the_service(hub: Hub, tokens: dict[str, str]) -> None:
    """What a staff page runs under the hub: no sign-up, no code; the person's record, attempts
    and certificate come through the service with their token."""
    content = load_content()
    session = LearnerSession.signed_in(content, DraftStore("learner", store=service_for(hub, tokens["sal"])))
    assert session is not None and session.learner.organisation == "Oak Service" and session.learner.name == "sal"
    complete_everything(session)
    again = LearnerSession.signed_in(content, DraftStore("learner", store=service_for(hub, tokens["sal"])))
    assert again is not None and again.code == session.code and again.all_passed()  # on any device, the same record
    assert again.certificate().name == "sal"
    rows = api(hub, "GET", "rows?organisation=Oak%20Service", tokens["mo"])[1]
    assert rows.count(",quiz,") >= len(content.modules)
    # another person's pages see none of it
    other = LearnerSession.signed_in(content, DraftStore("learner", store=service_for(hub, tokens["ash"])))
    assert other is not None and other.code != session.code and not any(
        status.name == "PASSED" for _, status in other.statuses())


def test_a_self_assessment_draft_is_its_starter_s_alone(hub: Hub, tokens: dict[str, str]) -> None:
    mine, theirs = service_for(hub, tokens["mo"]), service_for(hub, tokens["sam"])
    assert mine.create_draft("assessment", "KQ7X-9MZD", {"answers.4%2E1.rating": 3})
    assert not mine.create_draft("assessment", "KQ7X-9MZD", {})  # taken: the page picks another code
    draft = mine.draft("KQ7X-9MZD")
    assert draft is not None and draft.values == {"answers.4%2E1.rating": 3}
    with pytest.raises(Refused, match="started by someone else"):
        theirs.draft("KQ7X-9MZD")
    with pytest.raises(Refused, match="started by someone else"):
        theirs.save_draft("KQ7X-9MZD", {"answers.4%2E1.rating": 1}, {})
    assert mine.draft("KQ7X-9MZD").values == {"answers.4%2E1.rating": 3}  # type: ignore[union-attr]
