"""The county deployment for real: JupyterHub (deploy/jupyterhub_config.py, with a test
authenticator in place of Entra ID), its proxy, a real PostgreSQL and the results service.
Every refusal a person could meet, or try for, is asked for here."""

from __future__ import annotations

import json
import shutil
import time
import uuid
from pathlib import Path

import pytest
import traitlets
import yaml

from tests.emodule_helpers import complete_everything, ratings, right_answer, right_answers, wrong_answer
from tests.hub.conftest import SCOPE  # the hub, its people and their tokens are shared: conftest.py
from tests.hub.hub_server import Hub, api
from tests.pg_server import PostgresServer
from tests.session_env import FIXTURE_CONTENT
from dataclasses import asdict, replace

from widgets.content import load_content
from widgets.emodule import LearnerSession
from widgets.emodule.attempts import marked_rows
from widgets.emodule.drawing import attempt_items, bank_fingerprint, drawn_items
from widgets.emodule.progress import Attempt
from widgets.errors import Refused
from widgets.pages.assessment_page import AssessmentPage
from widgets.results.drafts import DraftStore, flatten
from widgets.results.service_client import SUBMITTED_AT, ResultsService
from widgets.results.submission import ItemResponse, Submission
from widgets.settings import CONTENT_DIR_VARIABLE


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
    status, theirs = api(hub, "GET", "rows", tokens["mo"])  # none named: every row they may read, their organisation's
    assert status == 200 and "Oak Service" in theirs and "Ash Service" not in theirs
    status, two = api(hub, "GET", "rows", tokens["tao"])  # his group says "Oak Service ", with a space: the same organisation
    assert status == 200 and two.count("\n") == theirs.count("\n") and "Ash Service" not in two
    for user in ("sam", "nel"):  # staff; someone in no group
        assert api(hub, "GET", "rows", tokens[user])[0] == 403
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
    assert status == 400 and "rows" not in answer and "not the one your record says was begun" in answer["message"]  # ash's page never began it
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
    status, answer = api(hub, "GET", "record", "not-a-real-token")  # the hub's own refusal, put in words
    assert status == 403 and answer["message"].startswith("Your sign-in does not reach the results")


def test_a_dashboard_sign_in_reads_as_its_person_but_never_saves(hub: Hub, tokens: dict[str, str]) -> None:
    """A token the trainer dashboard's sign-in gives out also reaches this service (a page kernel
    holds one): it reads as its person; every write is refused, whoever's it is."""
    for user in ("tina", "sam"):
        dashboard_sign_in = hub.token_for(user, [SCOPE, "access:services!service=dashboard"])
        assert api(hub, "GET", "me", dashboard_sign_in)[1]["user"] == user
        for path, body in (("submissions", {"kind": "quiz", "instrument": "lundy"}), ("record", {"changes": {}, "seen": {}}),
                           ("drafts", {"kind": "assessment", "code": "DASH-0001", "values": {}})):
            status, answer = api(hub, "POST", path, dashboard_sign_in, body)
            assert status == 403 and "does not save" in answer["message"], (user, path, answer)
    assert api(hub, "POST", "record", tokens["sam"], {"changes": {}, "seen": {}})[0] == 200  # the person's own server's token does


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
    assert status == 400 and "marked differently here than on your page" in answer["message"]
    status, answer = api(hub, "POST", "submissions", tokens["quinn"], {**failing, "record": {**failing["record"], f"{key}.passed": True}})
    assert status == 400 and "do not agree whether this attempt passes" in answer["message"]
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
    assert status == 400 and "is not one this attempt asked" in answer["message"]
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
    next(form for section in page.sections for form in section.items).rating = 2


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


def test_an_attempt_begun_before_a_trainer_edits_the_quiz_is_stored_as_the_page_marked_it(
        postgres: PostgresServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The review's case, for real: the service reloads content when a file changes while an
    open page keeps the quiz its kernel loaded. The trainer adds a question to the bank (so a
    saved seed draws other questions) and changes keys; the attempt begun before is marked by
    the version it drew from, and the page's next attempt by the new one."""
    content_folder = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content_folder)
    monkeypatch.setenv(CONTENT_DIR_VARIABLE, str(content_folder))  # the service and the page read this copy
    own = Hub(postgres.new_database(), {"organisation:Oak Service": ["kit"]}, ["kit"]).start()
    try:
        token = own.token_for("kit", [SCOPE])
        kernel = load_content(content_folder)  # what the open page loaded
        session = LearnerSession.signed_in(kernel, DraftStore("learner", store=service_for(own, token)))
        assert session is not None
        before = kernel.quizzes["lundy"]
        plan = session.attempt_plan(before)
        assert api(own, "GET", "record", token)[1]["values"]["modules.lundy.plan.bank"] == bank_fingerprint(before)  # beside the seed
        quiz_file = content_folder / "quizzes" / "lundy.yaml"
        edit = yaml.safe_load(quiz_file.read_text(encoding="utf-8"))
        for item in edit["items"]:
            if item["type"] == "single_choice":
                item["correct"] = next(option["id"] for option in item["options"] if option["id"] != item["correct"])
        edit["items"].append({**edit["items"][0], "id": "lundy-added"})
        quiz_file.write_text(yaml.safe_dump(edit, allow_unicode=True, sort_keys=False), encoding="utf-8")
        after = load_content(content_folder).quizzes["lundy"]  # the draw (usually) moves; every draw has a re-keyed question
        first = session.finish_attempt(before, right_answers(before), plan)  # refused before the fix
        assert first.passed and first.score == before.max_score
        stored = api(own, "GET", "submissions", token)[1]
        assert [(row["item_id"], row["instrument_version"]) for row in stored[0]["rows"]] == [
            (item.id, before.version) for item in drawn_items(before, plan.seed)]
        reloaded = LearnerSession.signed_in(load_content(content_folder), DraftStore("learner", store=service_for(own, token)))
        assert reloaded is not None
        new_plan = reloaded.attempt_plan(after)
        assert new_plan.drew_from(after)
        second = reloaded.finish_attempt(after, right_answers(after), new_plan)
        assert second.passed and second.score == after.max_score
    finally:
        own.stop()


def test_a_person_in_two_teams_chooses_between_those_only_and_a_reload_keeps_the_choice(hub: Hub, tokens: dict[str, str]) -> None:
    """The page once sent the first team, whichever the person meant; now they choose it, and
    the draft keeps it."""
    page = assessment_page_for(hub, tokens["tao"])
    assert page.submitting_for is not None and page.submitting_for.choice is None  # one organisation: shown as text
    assert page.submitting_for.team_choice is not None and page.submitting_for.team_choice.values == ["North", "South"]
    assert page.submitting_for.team_choice.legend == "Your team"
    assert "You are submitting for: <strong dir='auto'>Oak Service</strong>." in page.submitting_for.children[0].value
    rate_one(page)
    with pytest.raises(Refused, match="Choose which of your teams"):
        page.submit(confirmed=True)
    with pytest.raises(traitlets.TraitError):
        page.submitting_for.team_choice.value = "East"  # not one of his: the radio group refuses it
    page.submitting_for.team_choice.value = "South"
    again = AssessmentPage(page.instrument, load_content(), DraftStore("assessment", store=service_for(hub, tokens["tao"])),
                           store=service_for(hub, tokens["tao"]), resume_code=page.autosave.code)  # a reload
    assert again.submitting_for is not None and again.submitting_for.team_choice.value == "South"  # type: ignore[union-attr]
    done = again.submit(confirmed=True)
    assert done is not None and {(row["organisation"], row["team"]) for row in done.saved.rows} == {("Oak Service", "South")}
    sam = assessment_page_for(hub, tokens["sam"])  # one team: shown as text, no choice
    assert sam.submitting_for is not None and sam.submitting_for.team_choice is None
    assert "team <strong dir='auto'>North</strong>" in sam.submitting_for.children[0].value


def test_a_manager_group_with_a_blank_name_reads_no_organisation_s_rows(hub: Hub, tokens: dict[str, str]) -> None:
    """``manager: `` once made its members managers of "", and ``api/rows?organisation=``
    gave them every organisation's rows."""
    status, me = api(hub, "GET", "me", tokens["ivy"])
    assert status == 200 and me["manages"] == []
    for asked in ("", "%20"):
        status, answer = api(hub, "GET", f"rows?organisation={asked}", tokens["ivy"])
        assert status == 400 and "blank name is no organisation" in answer["message"]
        status, answer = api(hub, "GET", f"rows?organisation={asked}", tokens["tina"])  # a trainer asks for all without it
        assert status == 400
        status, answer = api(hub, "GET", f"previous?instrument=iv-standard-4&before=2099-01-01T00:00:00Z&organisation={asked}", tokens["ivy"])
        assert status == 400
    status, answer = api(hub, "GET", "rows", tokens["ivy"])  # no organisation managed: nothing, not everything
    assert status == 403
    status, rows = api(hub, "GET", "rows?organisation=Oak%20Service", tokens["ivy"])
    assert status == 403


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
    leaflets.rating = 1
    leaflets.action = "Print leaflets in plain words"
    leaflets.action_owner = "Ann"
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


def test_the_store_s_state_is_the_trainers_and_certificates_are_checked_for_trainers_and_managers(hub: Hub, tokens: dict[str, str]) -> None:
    """What the trainers' dashboard reads besides rows: the store's version and notices (trainers
    only: it counts every organisation's rows) and a certificate's verification id (a manager is
    answered for their organisation's certificates only, another's as unknown)."""
    status, state = api(hub, "GET", "store", tokens["tina"])
    assert status == 200 and isinstance(state["version"], int) and isinstance(state["notices"], list)
    for user in ("mo", "sam", "nel"):
        status, answer = api(hub, "GET", "store", tokens[user])
        assert status == 403 and "Only trainers" in answer["message"]
    session = LearnerSession.signed_in(load_content(), DraftStore("learner", store=ResultsService(f"{hub.url}/services/results/", tokens["sal"])))
    assert session is not None
    complete_everything(session)
    status, earned = api(hub, "GET", "certificate", tokens["sal"])
    assert status == 200
    for user in ("tina", "mo"):  # a trainer; Oak Service's manager
        status, found = api(hub, "GET", f"verify?id={earned['verification_id']}", tokens[user])
        assert status == 200 and found == earned, user
    status, answer = api(hub, "GET", f"verify?id={earned['verification_id']}", tokens["bea"])  # Birch Service's manager
    assert status == 400 and "No certificate has the verification id" in answer["message"]
    status, answer = api(hub, "GET", f"verify?id={earned['verification_id']}", tokens["sam"])  # staff, of Oak Service too
    assert status == 403
    status, answer = api(hub, "GET", "verify?id=not-an-id", tokens["tina"])
    assert status == 400 and "That is not a verification id" in answer["message"]
