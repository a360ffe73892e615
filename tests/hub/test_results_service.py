"""The county deployment for real: JupyterHub (deploy/jupyterhub_config.py, with a test
authenticator in place of Entra ID), its proxy, a real PostgreSQL and the results service.
Every refusal a person could meet, or try for, is asked for here."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path

import pytest
import traitlets

from tests.emodule_helpers import complete_everything, ratings, right_answer, wrong_answer
from tests.hub.conftest import SCOPE  # the hub, its people and their tokens are shared: conftest.py
from tests.hub.hub_server import Hub
from dataclasses import asdict, replace

from widgets.content import load_content
from widgets.emodule import LearnerSession
from widgets.emodule.attempts import marked_rows
from widgets.emodule.drawing import attempt_items
from widgets.emodule.progress import Attempt
from widgets.errors import Refused
from widgets.pages.assessment_page import AssessmentPage
from widgets.results.drafts import DraftStore, flatten
from widgets.results.service_client import SUBMITTED_AT, ResultsService
from widgets.results.submission import ItemResponse, Submission


def api(hub: Hub, method: str, path: str, token: str | None, body: object = None) -> tuple[int, object]:
    status, data = hub.request(method, f"/services/results/api/{path}", token, body)
    return status, (json.loads(data) if data.startswith((b"{", b"[", b"null")) else data.decode())


def quiz(hub: Hub, token: str, module: str = "lundy", right: bool = True, **extra: object) -> dict:
    """What a staff page sends for one honest attempt: begun on the page (its plan, with the
    draw seed, saved in the person's record), marked by the page's own code."""
    session = LearnerSession.signed_in(load_content(), DraftStore("learner", store=service_for(hub, token)))
    assert session is not None
    quiz = session.content.quizzes[module]
    plan = session.attempt_plan(quiz)
    asked = attempt_items(quiz, plan)
    rows, score = marked_rows(asked, {item.id: (right_answer if right else wrong_answer)(item) for item in asked})
    attempt = Attempt(plan.attempt_id, SUBMITTED_AT, score, quiz.max_score, quiz.passes(score))
    return {"kind": "quiz", "instrument": quiz.id, "instrument_version": quiz.version, "submission_id": plan.attempt_id,
            "items": [asdict(row) for row in rows],
            "record": flatten({"modules": {quiz.module: {"attempts": {plan.attempt_id: asdict(attempt)}}}}), **extra}


def test_a_staff_member_completes_a_quiz_as_themselves_once(hub: Hub, tokens: dict[str, str]) -> None:
    status, me = api(hub, "GET", "me", tokens["sam"])
    assert status == 200 and me["organisation"] == "Oak Service" and me["team"] == "North" and not me["trainer"]
    attempt = quiz(hub, tokens["sam"], organisation="Ash Service")  # what a page says about where it is counts for nothing
    status, saved = api(hub, "POST", "submissions", tokens["sam"], attempt)
    assert status == 200 and not saved["earlier"]
    assert {(row["organisation"], row["team"], row["respondent"]) for row in saved["rows"]} == {("Oak Service", "North", "sam")}
    assert sum(float(row["score"]) for row in saved["rows"]) == len(attempt["items"])  # an honest pass keeps its score
    status, again = api(hub, "POST", "submissions", tokens["sam"], attempt)  # a retry after a lost answer
    assert status == 200 and again["earlier"] and again["submitted_at"] == saved["submitted_at"]
    status, mine = api(hub, "GET", "submissions", tokens["sam"])
    assert [s["submission_id"] for s in mine] == [attempt["submission_id"]]
    status, record = api(hub, "GET", "record", tokens["sam"])
    key = f"modules.lundy.attempts.{attempt['submission_id']}"
    assert record["values"][f"{key}.submitted_at"] == saved["submitted_at"] and record["values"][f"{key}.passed"] is True


def test_another_staff_member_sees_none_of_it(hub: Hub, tokens: dict[str, str]) -> None:
    api(hub, "POST", "submissions", tokens["sam"], quiz(hub, tokens["sam"], "treseder"))
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
    assert api(hub, "POST", "submissions", tokens["sam"], quiz(hub, tokens["sam"], "practice"))[0] == 200
    assert api(hub, "POST", "submissions", tokens["ash"], quiz(hub, tokens["ash"], "practice", right=False))[0] == 200
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
    theirs = quiz(hub, tokens["sam"], "why-voice")
    assert api(hub, "POST", "submissions", tokens["sam"], theirs)[0] == 200
    mine = quiz(hub, tokens["ash"], "why-voice")
    status, answer = api(hub, "POST", "submissions", tokens["ash"], {**mine, "submission_id": theirs["submission_id"]})
    assert status == 400 and "rows" not in answer and "not begun" in answer["message"]  # ash's page never began it
    _, record = api(hub, "GET", "record", tokens["ash"])  # even with sam's id put in ash's own record as begun
    assert api(hub, "POST", "record", tokens["ash"], {"changes": {"modules.why-voice.plan.attempt_id": theirs["submission_id"]},
                                                      "seen": record["versions"]})[0] == 200
    status, answer = api(hub, "POST", "submissions", tokens["ash"], {**mine, "submission_id": theirs["submission_id"], "record": None})
    assert status == 409 and "rows" not in answer and "taken" in answer["message"]
    service_for(hub, tokens["mo"]).create_draft("assessment", "MZ7X-9KQD", {})
    manager_of_ash = hub.token_for("tina", [SCOPE])  # a trainer may submit any organisation's, but not from another's draft
    status, answer = api(hub, "POST", "submissions", manager_of_ash,
                         {"kind": "assessment", "instrument": "iv-standard-4", "instrument_version": "1", "organisation": "Oak Service",
                          "team": "", "draft": "MZ7X-9KQD", "submission_id": str(uuid.uuid4()), "items": [{"item_id": "iv4-leaflets", "response": "3"}]})
    assert status == 403 and "started by someone else" in answer["message"]
    assert service_for(hub, tokens["mo"]).draft("MZ7X-9KQD").submission_id is None  # type: ignore[union-attr]


def test_only_an_organisation_s_manager_submits_and_sees_its_self_assessment(hub: Hub, tokens: dict[str, str]) -> None:
    assessment = {"kind": "assessment", "instrument": "iv-standard-4", "instrument_version": "1", "organisation": "Oak Service",
                  "team": "", "submission_id": str(uuid.uuid4()), "items": [{"item_id": "iv4-leaflets", "response": "3"}]}
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
    assert api(hub, "POST", "submissions", other_scope, {"kind": "quiz", "instrument": "lundy"})[0] == 403


def test_bad_requests_are_refused_in_words(hub: Hub, tokens: dict[str, str]) -> None:
    attempt = quiz(hub, tokens["sam"], "co-production")
    status, answer = api(hub, "POST", "submissions", tokens["sam"], {**attempt, "submission_id": "1"})
    assert status == 400 and "UUID" in answer["message"]
    status, answer = api(hub, "POST", "submissions", tokens["sam"], {**attempt, "kind": "certificate"})
    assert status == 400 and "Unknown kind" in answer["message"]
    status, answer = api(hub, "POST", "submissions", tokens["sam"], {**attempt, "items": [{"item_id": "q1", "score": "lots"}]})
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


def test_the_service_re_marks_every_attempt_and_refuses_invented_scores(hub: Hub, tokens: dict[str, str]) -> None:
    """Code in a person's own server can send anything: what is stored is the service's own
    marking of the questions the attempt drew, and everything else is refused in words."""
    failing = quiz(hub, tokens["quinn"], "lundy", right=False)
    key = f"modules.lundy.attempts.{failing['submission_id']}"
    inflated = {**failing, "items": [{**item, "score": 1} for item in failing["items"]]}
    status, answer = api(hub, "POST", "submissions", tokens["quinn"], inflated)
    assert status == 400 and "score sent for question" in answer["message"]
    status, answer = api(hub, "POST", "submissions", tokens["quinn"], {**failing, "record": {**failing["record"], f"{key}.passed": True}})
    assert status == 400 and "pass or fail sent" in answer["message"]
    bank = {item.id: item for item in load_content().quizzes["lundy"].items}
    single = next(n for n, item in enumerate(failing["items"]) if bank[item["item_id"]].type == "single_choice")
    changed = [dict(item) for item in failing["items"]]
    changed[single]["response"] = "no-such-option"
    status, answer = api(hub, "POST", "submissions", tokens["quinn"], {**failing, "items": changed})
    assert status == 400 and "not one of this question's" in answer["message"]
    status, answer = api(hub, "POST", "submissions", tokens["quinn"], {**failing, "items": [*failing["items"], {"item_id": "made-up", "response": "a", "score": 1, "max_score": 1}]})
    assert status == 400 and "no question 'made-up'" in answer["message"]
    content = load_content()
    asked = {item["item_id"] for item in failing["items"]}
    other = next(item for item in content.quizzes["lundy"].items if item.id not in asked)
    swapped = [*failing["items"][1:], {"item_id": other.id, "response": other.encode(right_answer(other)), "score": 1, "max_score": 1}]
    status, answer = api(hub, "POST", "submissions", tokens["quinn"], {**failing, "items": swapped})
    assert status == 400 and "not drawn for this attempt" in answer["message"]
    assert api(hub, "GET", "submissions", tokens["quinn"])[1] == []  # nothing of these was stored
    with_extras = {**failing, "items": [{**item, "evidence": "not part of a quiz"} for item in failing["items"]]}
    status, saved = api(hub, "POST", "submissions", tokens["quinn"], with_extras)  # the honest fail is stored as a fail
    assert status == 200 and sum(float(row["score"]) for row in saved["rows"]) < len(failing["items"]), saved
    assert {row["evidence"] for row in saved["rows"]} == {""}  # the rows stored are the service's, not the page's
    assert api(hub, "GET", "record", tokens["quinn"])[1]["values"][f"{key}.passed"] is False
    # a stored attempt is never changed: not sent again with other answers, not through the record
    right = {item.id: item.encode(right_answer(item)) for item in content.quizzes["lundy"].items}
    status, answer = api(hub, "POST", "submissions", tokens["quinn"],
                         {**failing, "items": [{**item, "response": right[item["item_id"]]} for item in failing["items"]]})
    assert status == 409 and "never changed" in answer["message"]
    _, record = api(hub, "GET", "record", tokens["quinn"])
    status, answer = api(hub, "POST", "record", tokens["quinn"], {"changes": {f"{key}.passed": True, f"{key}.score": 6}, "seen": record["versions"]})
    assert status == 409 and "never changed" in answer["message"]
    status, answer = api(hub, "POST", "record", tokens["quinn"], {"changes": {"learner.name": "Somebody Else"}, "seen": record["versions"]})
    assert status == 403 and "sign-in" in answer["message"]
    status, answer = api(hub, "POST", "record", tokens["quinn"], {"changes": {"modules": {"lundy": {"attempts": {}}}}, "seen": record["versions"]})
    assert status == 400 and "one value per answer" in answer["message"]
    assert api(hub, "GET", "record", tokens["quinn"])[1]["values"][f"{key}.passed"] is False
    assert "Refused POST /services/results/api/submissions (400)" in hub.log_text() and "quinn" not in "".join(
        line for line in hub.log_text().splitlines() if "Refused" in line)  # logged with its reason, not who


def test_rows_for_someone_else_a_second_confidence_round_and_an_unearned_certificate_are_refused(hub: Hub, tokens: dict[str, str]) -> None:
    attempt = quiz(hub, tokens["ash"], "treseder")
    status, answer = api(hub, "POST", "submissions", tokens["ash"], {**attempt, "respondent": "sam"})
    assert status == 403 and "person signed in" in answer["message"]
    content = load_content()
    rated = [{"item_id": key, "response": str(value)} for key, value in ratings(content, 3).items()]
    before = {"kind": "confidence", "instrument": "confidence-before", "instrument_version": "1", "items": rated}
    first = str(uuid.uuid4())
    status, answer = api(hub, "POST", "submissions", tokens["ash"], {**before, "submission_id": first, "record": {"confidence.before": first}})
    assert status == 200
    status, answer = api(hub, "POST", "submissions", tokens["ash"], {**before, "submission_id": str(uuid.uuid4())})
    assert status == 409 and "stored already" in answer["message"]
    _, record = api(hub, "GET", "record", tokens["ash"])
    status, answer = api(hub, "POST", "record", tokens["ash"], {"changes": {"confidence.before": str(uuid.uuid4())}, "seen": record["versions"]})
    assert status == 409
    status, answer = api(hub, "POST", "submissions", tokens["ash"],
                         {**before, "instrument": "confidence-after", "submission_id": str(uuid.uuid4()), "items": [{**rated[0], "response": "7"}, *rated[1:]]})
    assert status == 400 and "still to rate" in answer["message"]
    status, answer = api(hub, "GET", "certificate", tokens["ash"])
    assert status == 409 and "still to pass" in answer["message"]


def test_a_self_assessment_is_for_the_person_s_own_organisation_rated_on_its_scale(hub: Hub, tokens: dict[str, str]) -> None:
    assessment = {"kind": "assessment", "instrument": "iv-standard-4", "instrument_version": "1", "organisation": "Birch Service",
                  "team": "", "submission_id": str(uuid.uuid4()), "items": [{"item_id": "iv4-leaflets", "response": "3"}]}
    status, answer = api(hub, "POST", "submissions", tokens["bea"], assessment)  # she manages Birch but works for Elm
    assert status == 403 and "own organisation" in answer["message"]
    status, answer = api(hub, "POST", "submissions", tokens["tina"], assessment)  # a trainer in no organisation group
    assert status == 403 and "organisation:<" in answer["message"]
    oak = {**assessment, "organisation": "Oak Service"}
    status, answer = api(hub, "POST", "submissions", tokens["mo"], {**oak, "team": "South"})
    assert status == 403 and "own organisation and team" in answer["message"]
    status, answer = api(hub, "POST", "submissions", tokens["mo"], {**oak, "items": [{"item_id": "iv4-leaflets", "response": "9"}]})
    assert status == 400 and "not a level" in answer["message"]
    status, answer = api(hub, "POST", "submissions", tokens["mo"], {**oak, "items": [{"item_id": "iv4-leaflets", "response": "1", "score": 3, "max_score": 3}]})
    assert status == 400 and "not its rating" in answer["message"]
    status, answer = api(hub, "POST", "submissions", tokens["mo"], {**oak, "items": [{"item_id": "made-up", "response": "1"}]})
    assert status == 400 and "no item 'made-up'" in answer["message"]


def assessment_page_for(hub: Hub, token: str) -> AssessmentPage:
    """The self-assessment page as a person's server builds it under the hub."""
    content = load_content()
    service = service_for(hub, token)
    return AssessmentPage(content.instrument("iv-standard-4"), content, DraftStore("assessment", store=service), store=service)


def rate_one(page: AssessmentPage) -> None:
    assert page.details["respondent"] not in page.form.children  # the name is the sign-in's, as the service writes it
    next(form for section in page.sections for form in section.items).rating.value = 2


def test_the_self_assessment_page_submits_for_the_organisation_the_hub_groups_name(hub: Hub, tokens: dict[str, str]) -> None:
    page = assessment_page_for(hub, tokens["mo"])
    assert page.submitting_for is not None and page.submitting_for.choice is None
    assert "You are submitting for: <strong dir='auto'>Oak Service</strong>" in page.submitting_for.children[0].value
    assert page.details["organisation"] not in page.form.children and page.details["team"] not in page.form.children
    rate_one(page)
    done = page.submit(confirmed=True)
    assert done is not None and {(row["organisation"], row["team"], row["respondent"]) for row in done.saved.rows} == {("Oak Service", "", "mo")}


def test_a_person_in_two_organisations_chooses_between_those_only(hub: Hub, tokens: dict[str, str]) -> None:
    page = assessment_page_for(hub, tokens["mia"])
    assert page.submitting_for is not None and page.submitting_for.choice is not None
    assert page.submitting_for.choice.values == ["Elm Service", "Oak Service"]
    assert page.submitting_for.choice.legend == "You are submitting for"
    rate_one(page)
    with pytest.raises(Refused, match="Choose which of your organisations"):
        page.submit(confirmed=True)
    with pytest.raises(traitlets.TraitError):
        page.submitting_for.choice.value = "Ash Service"  # not one of hers: the radio group refuses it
    page.submitting_for.choice.value = "Elm Service"
    done = page.submit(confirmed=True)
    assert done is not None and {row["organisation"] for row in done.saved.rows} == {"Elm Service"}
    again = AssessmentPage(page.instrument, load_content(), DraftStore("assessment", store=service_for(hub, tokens["mia"])),
                           store=service_for(hub, tokens["mia"]), resume_code=page.autosave.code)
    assert again.submitting_for is not None and again.submitting_for.choice.value == "Elm Service"  # type: ignore[union-attr]


def test_a_person_in_no_organisation_is_told_to_ask_their_trainer(hub: Hub, tokens: dict[str, str]) -> None:
    page = assessment_page_for(hub, tokens["tina"])
    assert page.submitting_for is not None
    message = page.submitting_for.children[0].value
    assert "ask your trainer" in message.lower() and "organisation:&lt;your organisation&#x27;s name&gt;" in message
    rate_one(page)
    with pytest.raises(Refused, match="not in an organisation yet"):
        page.submit(confirmed=True)


def test_a_manager_s_report_on_last_round_s_actions_goes_through_the_service_and_back(hub: Hub, tokens: dict[str, str]) -> None:
    first = assessment_page_for(hub, tokens["mo"])
    leaflets = next(form for section in first.sections for form in section.items)
    leaflets.rating.value = 1
    leaflets.controls["action"].value = "Print leaflets in plain words"
    leaflets.controls["action_owner"].value = "Ann"
    assert first.submit(confirmed=True) is not None
    second = assessment_page_for(hub, tokens["mo"])  # next year: the service knows Oak Service's round before, no code
    assert [form.action.action for form in second.last_actions.forms] == ["Print leaflets in plain words"]
    second.last_actions.forms[0].status.value = "done"
    second.last_actions.forms[0].note.box.value = "Printed 500"
    rate_one(second)
    done = second.submit(confirmed=True)
    assert done is not None
    assert [(r["kind"], r["item_id"], r["response"], r["evidence"], r["action"]) for r in done.saved.rows if r["kind"] != "assessment"] == [
        ("action_review", "action-review.iv4-leaflets", "done", "Printed 500", "Print leaflets in plain words")]
    later = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 60))
    newest = service_for(hub, tokens["mo"]).previous("assessment", "iv-standard-4", "Oak Service", before=later, team="")
    assert newest is not None and newest.submission_id == done.saved.submission_id  # still a self-assessment in every lookup
    # What a page sends about an action the round before never listed (this round listed none) is never stored.
    invented = Submission("assessment", "iv-standard-4", "1", "Oak Service", "", "Mo", "", (
        ItemResponse("iv4-leaflets", "3", 3, 3),
        ItemResponse("action-review.iv4-training", "done", action="Made up", kind="action_review")))
    saved = service_for(hub, tokens["mo"]).save(invented)
    assert [r["item_id"] for r in saved.rows] == ["iv4-leaflets", *[item.id for item in load_content().instrument(
        "iv-standard-4").items][1:]]  # one row per item, and no action_review row
