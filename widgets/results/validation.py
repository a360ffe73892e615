"""The rules every results row must meet: ``row_problems`` applies them to whole columns at
once (files of a million rows), ``row_problem`` to one row (a submission being saved, in a
kernel that need not load pandas). The store checks its rows before writing and the reader
checks every row it reads, so a file from another service is held to the same format; a test
feeds both the same good and bad rows and requires the same answers.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Callable, Mapping

import pandas as pd

from widgets.results.columns import ACTION_REVIEW_KIND, ACTION_REVIEW_PREFIX, ACTION_STATUSES, KINDS, SCHEMA_VERSION

# An impact review (kind follow_up) answers with a confidence rating, yes or no (a framework
# used in practice), or nothing (the example, whose text is in evidence).
FOLLOW_UP_ANSWERS = ("1", "2", "3", "4", "5", "yes", "no", "")
FOLLOW_UP_PROBLEM = "an impact review answer must be 1 to 5, yes, no or empty"
# A reviewed action's status, or nothing (not reported); its item id names the item it was for.
REVIEW_ANSWERS = (*ACTION_STATUSES, "")
REVIEW_PROBLEM = "an action's status must be " + ", ".join(ACTION_STATUSES) + " or empty"
REVIEW_ITEM_PROBLEM = f"an action_review row's item_id must start with {ACTION_REVIEW_PREFIX}"

# Names and ids are looked up by index, which PostgreSQL caps near 2,700 bytes; nobody's name or
# an item's id comes near this.
NAME_COLUMNS = ("instrument", "instrument_version", "organisation", "team", "respondent", "role", "item_id")
MOST_NAME_CHARS = 500
UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


def parse_times(values: pd.Series) -> pd.Series:
    """ISO 8601 text to UTC timestamps (NaT where it is not a date and time)."""
    return pd.to_datetime(values, format="ISO8601", utc=True, errors="coerce")


def parse_numbers(values: pd.Series) -> pd.Series:
    """Text to float (NaN where blank or not a number); the fast cast first, as files are large."""
    try:
        return values.where(values != "").astype("float64")
    except (ValueError, TypeError):
        return pd.to_numeric(values, errors="coerce")


def parse_columns(frame: pd.DataFrame) -> dict[str, pd.Series]:
    """The typed columns, parsed once and shared by validation and aggregation."""
    return {
        "submitted_at": parse_times(frame["submitted_at"]),
        "score": parse_numbers(frame["score"]),
        "max_score": parse_numbers(frame["max_score"]),
    }


def row_problems(frame: pd.DataFrame, parsed: dict[str, pd.Series] | None = None) -> pd.Series:
    """For each row, the first reason it breaks the format, or '' when it is fine.

    ``frame`` holds every column as text (empty string where blank). Messages are built only
    for the rows that fail, so a million good rows cost a few vectorised comparisons.
    """
    parsed = parsed or parse_columns(frame)
    score, max_score = parsed["score"], parsed["max_score"]
    reasons = pd.Series("", index=frame.index, dtype=object)

    def flag(mask: pd.Series, message: Callable[[pd.DataFrame], pd.Series] | str) -> None:
        fresh = (mask & (reasons == "")).to_numpy(dtype=bool)
        if fresh.any():
            reasons[fresh] = message(frame[fresh]).to_numpy(dtype=object) if callable(message) else message

    def quoted(column: str, text: str) -> Callable[[pd.DataFrame], pd.Series]:
        return lambda rows: f"{column} '" + rows[column].astype(str) + f"' {text}"

    flag(frame["schema_version"] != SCHEMA_VERSION,
         quoted("schema_version", f"is not supported (this workbook reads {SCHEMA_VERSION})"))
    flag(~frame["submission_id"].str.match(UUID_PATTERN), quoted("submission_id", "is not a UUID"))
    flag(parsed["submitted_at"].isna(), quoted("submitted_at", "is not an ISO 8601 date and time"))
    flag(~frame["kind"].isin(KINDS), quoted("kind", "is not one of " + ", ".join(KINDS)))
    for column in ("instrument", "item_id", "organisation"):
        flag(frame[column].str.strip() == "", f"{column} is empty")
    for column in NAME_COLUMNS:
        flag(frame[column].str.len() > MOST_NAME_CHARS, f"{column} is longer than {MOST_NAME_CHARS} characters")
    flag((frame["score"] != "") & score.isna(), quoted("score", "is not a number"))
    flag((frame["max_score"] != "") & max_score.isna(), quoted("max_score", "is not a number"))
    flag((frame["score"] == "") != (frame["max_score"] == ""), "score and max_score must both be given or both be empty")
    flag((score < 0) | (score > max_score) | (max_score <= 0), "score must be between 0 and max_score (above 0)")
    flag((frame["kind"] == "confidence") & ~frame["response"].isin(["1", "2", "3", "4", "5"]),
         "a confidence rating must be 1 to 5")
    flag((frame["kind"] == "follow_up") & ~frame["response"].isin(FOLLOW_UP_ANSWERS), FOLLOW_UP_PROBLEM)
    reviews = frame["kind"] == ACTION_REVIEW_KIND
    flag(reviews & ~frame["item_id"].str.startswith(ACTION_REVIEW_PREFIX), REVIEW_ITEM_PROBLEM)
    flag(reviews & ~frame["response"].isin(REVIEW_ANSWERS), REVIEW_PROBLEM)
    due = frame["action_due"]
    given = due != ""
    if given.any():
        bad_due = given & (~due.str.match(DATE_PATTERN) | pd.to_datetime(due.where(given), format="%Y-%m-%d", errors="coerce").isna())
        flag(bad_due, quoted("action_due", "is not a date like 2027-03-31"))
    return reasons


_UUID = re.compile(UUID_PATTERN)
_DATE = re.compile(DATE_PATTERN)


def row_problem(row: Mapping[str, str]) -> str:
    """The first reason one row breaks the format, or '' when it is fine (same order and words
    as ``row_problems``)."""
    def quoted(column: str, text: str) -> str:
        return f"{column} '{row[column]}' {text}"

    score, max_score = _number(row["score"]), _number(row["max_score"])
    checks: list[tuple[bool, Callable[[], str]]] = [
        (row["schema_version"] != SCHEMA_VERSION, lambda: quoted("schema_version", f"is not supported (this workbook reads {SCHEMA_VERSION})")),
        (not _UUID.match(row["submission_id"]), lambda: quoted("submission_id", "is not a UUID")),
        (not _is_time(row["submitted_at"]), lambda: quoted("submitted_at", "is not an ISO 8601 date and time")),
        (row["kind"] not in KINDS, lambda: quoted("kind", "is not one of " + ", ".join(KINDS))),
        *[(row[column].strip() == "", lambda column=column: f"{column} is empty") for column in ("instrument", "item_id", "organisation")],
        *[(len(row[column]) > MOST_NAME_CHARS, lambda column=column: f"{column} is longer than {MOST_NAME_CHARS} characters")
          for column in NAME_COLUMNS],
        (row["score"] != "" and score is None, lambda: quoted("score", "is not a number")),
        (row["max_score"] != "" and max_score is None, lambda: quoted("max_score", "is not a number")),
        ((row["score"] == "") != (row["max_score"] == ""), lambda: "score and max_score must both be given or both be empty"),
        (score is not None and max_score is not None and (score < 0 or score > max_score or max_score <= 0),
         lambda: "score must be between 0 and max_score (above 0)"),
        (row["kind"] == "confidence" and row["response"] not in ("1", "2", "3", "4", "5"), lambda: "a confidence rating must be 1 to 5"),
        (row["kind"] == "follow_up" and row["response"] not in FOLLOW_UP_ANSWERS, lambda: FOLLOW_UP_PROBLEM),
        (row["kind"] == ACTION_REVIEW_KIND and not row["item_id"].startswith(ACTION_REVIEW_PREFIX), lambda: REVIEW_ITEM_PROBLEM),
        (row["kind"] == ACTION_REVIEW_KIND and row["response"] not in REVIEW_ANSWERS, lambda: REVIEW_PROBLEM),
        (row["action_due"] != "" and not _is_date(row["action_due"]), lambda: quoted("action_due", "is not a date like 2027-03-31")),
    ]
    return next((message() for broken, message in checks if broken), "")


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return None if math.isnan(value) else value


def _is_time(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return "T" in text or " " in text or len(text) == 10


def _is_date(text: str) -> bool:
    if not _DATE.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
