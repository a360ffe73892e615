"""The results service as judge: what a page sends is checked against the content, and what is
stored is what the service worked out, never a score or a pass the page claims.

Under JupyterHub each person's server runs code as that person, so anyone can send the service
invented rows. Here, with the same content the pages load and the same rules they use:

- a quiz attempt is re-marked by ``marked_rows`` (the page's own marking), at the questions its
  plan's seed drew (``attempt_items``); a claimed score or pass that differs is refused;
- a confidence round needs a rating on the scale for every learning outcome, once per round;
- a self-assessment's ratings must be levels of its instrument's scale, for the person's own
  organisation and team;
- the learner record's attempts, confidence rounds and details are written by the service
  alongside the rows they describe, never through a record change.

Each refusal is a ``Refused`` in plain words (400), ``NotYours`` (403) or ``Stored`` (409).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Mapping, Sequence

from widgets.assessment.last_actions import PreviousAction, reviewed_item
from widgets.assessment.model import Assessment
from widgets.content import Content
from widgets.content.instrument import Instrument
from widgets.content.quiz import Quiz
from widgets.emodule.attempts import marked_rows
from widgets.emodule.certificate import Certificate, issued_certificate
from widgets.emodule.confidence import ROUNDS, confidence_rows
from widgets.emodule.drawing import AttemptPlan, attempt_items
from widgets.emodule.learner import Learner
from widgets.emodule.progress import Attempt, LearnerRecord
from widgets.errors import Refused
from widgets.results.columns import ACTION_REVIEW_KIND
from widgets.results.drafts import flatten
from widgets.results.submission import ItemResponse
from widgets.results_service.people import ORGANISATION, Person

SUBMITTED_AT = "{{submitted_at}}"  # as widgets.results.service_client sends it
STORED_BY_SERVICE = ("learner", "confidence")  # record parts only the service writes
NOT_BEGUN = ("That attempt was not begun on your page: an attempt's questions are drawn when it starts. "
             "Reload the page to begin one.")


class NotYours(Refused):
    """Rows for someone or somewhere that is not the person's (403)."""


class Stored(Refused):
    """A change to something stored already: rows are appended, never rewritten (409)."""


def refuse_record_change(changes: Mapping[str, Any]) -> None:
    """A learner record change a page may make itself (steps, the attempt begun); attempts,
    confidence rounds and the learner's details are the service's to write."""
    for key, value in changes.items():
        if isinstance(value, (dict, list)):  # a whole part at once would bring attempts in under its name
            raise Refused("A record change holds one value per answer, each under its own name.")
        parts = key.split(".")
        if parts[0] == "learner":
            raise NotYours("Your name and organisation come from your sign-in; they are not changed here.")
        if parts[0] in STORED_BY_SERVICE or (parts[0] == "modules" and len(parts) > 2 and parts[2] == "attempts"):
            raise Stored("Quiz attempts and confidence ratings are stored with their answers, once, and never changed.")


def judge_quiz(quiz: Quiz, record: LearnerRecord, submission_id: str, sent: Sequence[ItemResponse],
               claimed: Mapping[str, Any] | None) -> tuple[tuple[ItemResponse, ...], dict[str, Any]]:
    """The rows to store for one attempt and the learner record's values for it, both from the
    service's own marking of the questions this attempt drew."""
    progress = record.modules.get(quiz.module)
    plan: AttemptPlan | None = progress.plan if progress is not None else None
    if plan is None or plan.attempt_id != submission_id:
        raise Refused(NOT_BEGUN)
    asked = attempt_items(quiz, plan)
    answered = [item.item_id for item in sent]
    if len(set(answered)) != len(answered):
        raise Refused("Each question is answered once in an attempt.")
    in_bank = {item.id for item in quiz.items}
    unknown = sorted(set(answered) - in_bank)
    if unknown:
        raise Refused(f"Quiz {quiz.id} has no question '{unknown[0]}'.")
    not_asked = sorted(set(answered) - {item.id for item in asked})
    if not_asked:
        raise Refused(f"Question '{not_asked[0]}' was not drawn for this attempt; answer the questions it asked.")
    texts = {item.item_id: item.response for item in sent}
    responses = {item.id: item.decode(texts[item.id]) for item in asked if item.id in texts}
    rows, score = marked_rows(asked, responses)
    claimed_scores = {item.item_id: (item.score, item.max_score) for item in sent}
    for row in rows:
        if claimed_scores[row.item_id] != (row.score, row.max_score):
            raise Refused(f"The score sent for question '{row.item_id}' is not what its answer scores.")
    attempt = Attempt(submission_id, SUBMITTED_AT, score, quiz.max_score, quiz.passes(score))
    values = flatten({"modules": {quiz.module: {"attempts": {submission_id: asdict(attempt)}}}})
    if claimed is not None and dict(claimed) != values:
        prefix = next(iter(values)).rsplit(".", 1)[0]
        if claimed.get(f"{prefix}.passed") != attempt.passed:
            raise Refused("The pass or fail sent for this attempt is not what its answers score.")
        if claimed.get(f"{prefix}.score") != attempt.score:
            raise Refused("The score sent for this attempt is not what its answers score.")
        raise Refused("A quiz attempt changes only its own place in your record.")
    return rows, values


def judge_confidence(content: Content, instrument: str, record: LearnerRecord, submission_id: str,
                     sent: Sequence[ItemResponse], claimed: Mapping[str, Any] | None) -> tuple[tuple[ItemResponse, ...], dict[str, Any]]:
    """The rows of one confidence round (a scale value for every learning outcome, with the
    e-module's own rule) and the record's value for it; a round is stored once."""
    when = next((name for name, round_instrument in ROUNDS.items() if round_instrument == instrument), None)
    if when is None:
        raise Refused(f"There is no confidence round '{instrument}'.")
    if when in record.confidence and record.confidence[when] != submission_id:
        raise Stored(f"Your '{when}' confidence ratings are stored already; stored ratings are never changed.")
    ratings: dict[str, int] = {}
    for item in sent:
        try:
            ratings[item.item_id] = int(item.response)
        except ValueError:
            raise Refused(f"'{item.response}' is not a rating on the confidence scale (1 to 5).") from None
    rows = confidence_rows(content, ratings)
    unknown = sorted(set(ratings) - {row.item_id for row in rows})
    if unknown:
        raise Refused(f"'{unknown[0]}' is not one of the e-module's learning outcomes.")
    values = flatten({"confidence": {when: submission_id}})
    if claimed is not None and dict(claimed) != values:
        raise Refused("A confidence round changes only its own place in your record.")
    return rows, values


def judge_assessment(instrument: Instrument, person: Person, organisation: str, team: str, role: str,
                     sent: Sequence[ItemResponse], last_actions: Sequence[PreviousAction] = ()) -> tuple[ItemResponse, ...]:
    """A self-assessment's rows, checked by the form's own rules (ratings on the instrument's
    scale, texts that fit), for one of the person's organisations and their team. What is
    reported on last round's actions is taken for ``last_actions`` only (the service's own
    look-up of the round before), with their text as that round stored it."""
    if not person.organisations:
        raise NotYours(f"Your sign-in is in no organisation yet: ask your trainer to add you to the hub group "
                       f"{ORGANISATION}<your organisation's name>.")
    if not person.works_for(organisation, team):
        raise NotYours(f"You send self-assessments for your own organisation and team only: "
                       f"{', '.join(person.organisations)}{' (' + ', '.join(person.teams) + ')' if person.teams else ''}.")
    assessment = Assessment(instrument, last_actions=tuple(last_actions))
    for name, value in (("organisation", organisation), ("team", team), ("respondent", person.name), ("role", role)):
        assessment.set_detail(name, value)
    known = {item.id for item in instrument.items}
    listed = {action.item_id for action in last_actions}
    for item in sent:
        if item.kind == ACTION_REVIEW_KIND:
            # One the round before does not list is passed over: a retry of a round stored
            # already finds that round as the one before, and gets back what was stored.
            if reviewed_item(item.item_id) in listed:
                assessment.set_review(reviewed_item(item.item_id), "status", item.response)
                assessment.set_review(reviewed_item(item.item_id), "note", item.evidence)
            continue
        if item.kind:
            raise Refused(f"An item of kind {item.kind} cannot be part of a self-assessment.")
        if item.item_id not in known:
            raise Refused(f"Self-assessment {instrument.id} has no item '{item.item_id}'.")
        for part in ("rating", "participation_degree", "evidence", "children_say", "action", "action_owner", "action_due"):
            value = item.response if part == "rating" else getattr(item, part)
            if value:
                assessment.set_answer(item.item_id, part, value)
    rows = assessment.submission().items
    sent_scores = {item.item_id: (item.score, item.max_score) for item in sent}
    for row in rows:
        if sent_scores.get(row.item_id, (None, None)) not in ((None, None), (row.score, row.max_score)):
            raise Refused(f"The score sent for item '{row.item_id}' is not its rating on the scale.")
    return rows


def stored_certificate(learner: Learner, quizzes: Sequence[tuple[str, str, str, float]],
                       confidence: Mapping[str, str], content: Content) -> Certificate:
    """The certificate the person's stored attempts earn (``quizzes``: submission id, time,
    quiz id and the stored score of each), by the page's own rule; Refused while not earned."""
    record = LearnerRecord(learner, confidence=dict(confidence))
    for submission_id, submitted_at, quiz_id, score in sorted(quizzes, key=lambda found: found[1]):
        quiz = content.quizzes.get(quiz_id)
        if quiz is not None:
            record.module(quiz.module).attempts.append(
                Attempt(submission_id, submitted_at, score, quiz.max_score, quiz.passes(score)))
    return issued_certificate(record, content)
