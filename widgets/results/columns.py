"""The results CSV format (version 1): its columns, in order, and what each holds.

This table is the format other services send in; the README repeats it and a test keeps the
two in step.
"""

from __future__ import annotations

SCHEMA_VERSION = "1"
KINDS = ("quiz", "confidence", "assessment", "follow_up", "action_review")

# Last round's actions, reviewed in a self-assessment: rows of kind ``action_review`` inside
# that self-assessment's submission (same submission_id), one per action of the round before.
# Their item_id is this prefix and the item the action was agreed for; action, action_owner and
# action_due repeat the action as it was listed; response is the status reported (empty: not
# reported) and evidence the note given with it.
ACTION_REVIEW_KIND = "action_review"
ACTION_REVIEW_PREFIX = "action-review."
ACTION_STATUSES: dict[str, str] = {
    "done": "Done",
    "partly": "Partly done",
    "not-started": "Not started",
    "no-longer-needed": "No longer needed",
}
NOT_REPORTED = "Not reported"
# A kind whose rows are part of a submission of another kind: the submission's kind is that one.
PART_OF = {ACTION_REVIEW_KIND: "assessment"}

COLUMNS: dict[str, str] = {
    "schema_version": "Format version of the row; always 1 for now.",
    "submission_id": "UUID shared by every row of one submission (one quiz attempt, one rating round, one self-assessment).",
    "submitted_at": "When it was submitted: ISO 8601 in UTC, e.g. 2026-11-23T10:15:00Z.",
    "kind": "quiz, confidence, assessment, follow_up (the impact review) or action_review (last round's actions, inside a self-assessment).",
    "instrument": "Id of the quiz or instrument (confidence rounds: confidence-before or confidence-after; the impact review: impact-review).",
    "instrument_version": "Version of that quiz or instrument, from its content file.",
    "organisation": "The service or council.",
    "team": "Team within the organisation (may be empty).",
    "respondent": "Who answered: a learner's name, or the person completing a self-assessment.",
    "role": "Their role (may be empty).",
    "item_id": "Id of the question, learning outcome or assessment item.",
    "response": "The answer: option id(s) joined by ';', situation=category pairs, a rating value, yes or no (a framework used, in the impact review), an action's status (done, partly, not-started, no-longer-needed), or empty if left blank on purpose.",
    "score": "Points scored; empty where nothing is scored.",
    "max_score": "Most points possible; empty where nothing is scored.",
    "evidence": "Evidence or example given for the item, or the note given with an action's status (free text).",
    "action": "Next action agreed for the item (free text).",
    "action_owner": "Who will do the action.",
    "action_due": "When the action is due: ISO date YYYY-MM-DD, or empty.",
    "children_say": "What children and young people say about this item (free text).",
    "participation_degree": "Treseder degree of participation used today (assessments), or empty.",
}

REQUIRED_COLUMNS = tuple(list(COLUMNS)[:16])  # the core set every file must have, in this order
OPTIONAL_COLUMNS = tuple(list(COLUMNS)[16:])  # filled with empty text when a file lacks them
# Columns whose values are machine-made and never neutralised for spreadsheets.
FIXED_FORMAT_COLUMNS = ("schema_version", "submission_id", "submitted_at", "kind", "score", "max_score", "action_due")
TEXT_COLUMNS = tuple(c for c in COLUMNS if c not in FIXED_FORMAT_COLUMNS)

# The longest value a file may hold: far above any text typed on a page (5,000 characters at
# most), so only a broken file reaches it.
MOST_VALUE_CHARS = 1_000_000


def unstorable(text: str) -> bool:
    """Text no engine can store: a NUL (PostgreSQL refuses it) or a lone surrogate (half of an
    emoji pair, which is not UTF-8 at all). No keyboard types either; a page may still send it."""
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def submission_kind(row_kinds: list[str]) -> str:
    """The kind of a submission from its rows' kinds: the first that is not part of another."""
    return next((kind for kind in row_kinds if kind not in PART_OF), row_kinds[0])
