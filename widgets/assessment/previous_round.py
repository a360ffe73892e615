"""Which earlier self-assessment a new one is compared with: one rule for both setups.

Under JupyterHub the results service answers, and only an organisation's managers (and
trainers) get an answer. On a server of its own there are no identities, so typing an
organisation's name must not show its scores: the comparison needs last round's resume code
(carried over by "Start a new round", or typed in), and that round must be the same
self-assessment of the same organisation. Otherwise there is no comparison, and the report
says why and how to get one.
"""

from __future__ import annotations

from datetime import datetime, timezone

from widgets.results import SavedSubmission
from widgets.results.keys import same_key
from widgets.results.service_client import PageStore, ResultsService
from widgets.results.store import TIME_FORMAT

NO_CODE = ("Not compared with an earlier round. To compare, start this round with \u201cStart a new round\u201d on "
           "last round's report, or give last round's code in \u201cLast round's code\u201d before submitting.")


def round_before(store: PageStore, saved: SavedSubmission, previous_round: str) -> tuple[SavedSubmission | None, str]:
    """The submission to compare ``saved`` with, or None and a note saying why there is none."""
    first = saved.rows[0]
    return find_round(store, first["instrument"], first["organisation"], first["team"], first["submitted_at"], previous_round)


def find_round(store: PageStore, instrument: str, organisation: str, team: str, before: str | None,
               previous_round: str) -> tuple[SavedSubmission | None, str]:
    """The round before one of this instrument, organisation and team made at ``before`` (a
    stored one's time; None: one being filled in now), by the rule above; or None and why there is none."""
    before = before or datetime.now(timezone.utc).strftime(TIME_FORMAT)
    if isinstance(store, ResultsService):
        found = store.previous("assessment", instrument, organisation, before=before, team=team)
        return found, ("" if found else "This is the first submission of this self-assessment from this organisation "
                                        "and team that you may see.")
    if not previous_round:
        return None, NO_CODE
    draft = store.draft(previous_round)
    earlier = store.submission(draft.submission_id) if draft is not None and draft.submission_id else None
    if earlier is None:
        return None, f"Not compared: the code {previous_round} is not a submitted self-assessment. Check it against last round's report."
    then = earlier.rows[0]
    if then["instrument"] != instrument or same_key(then["organisation"]) != same_key(organisation):
        return None, (f"Not compared: the code {previous_round} belongs to another self-assessment or another "
                      "organisation. Check it against last round's report.")
    if then["submitted_at"] >= before:
        return None, f"Not compared: the code {previous_round} is of this round or a later one."
    return earlier, ""
