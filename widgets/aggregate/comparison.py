"""What changed since the previous submission: per item, per section, and last round's actions
with the status the latest round reported for each.

The rule (one place, documented in the README): the previous submission of a self-assessment
is the latest submission made before it with the same instrument by the same organisation and
the same team, names compared by ``keys.same_key`` (case and spaces ignored). Two teams of one
organisation are never compared with each other, even on the same day.

Filters choose which current submissions are shown (each team's latest within the filters);
the previous one is looked for among all the results loaded, so a "this year" filter still
compares with last year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from widgets.aggregate.labels import Labels
from widgets.results.columns import ACTION_REVIEW_PREFIX, ACTION_STATUSES, NOT_REPORTED
from widgets.results.keys import same_key

SAME = ["organisation_key", "team_key", "instrument"]
WHO = ["organisation", "team", "instrument"]


def keyed(assessments: pd.DataFrame) -> pd.DataFrame:
    """One row per submission with the keys ``same_key`` gives its organisation and team."""
    submissions = assessments.drop_duplicates("submission_id")[[*WHO, "submission_id", "submitted_at"]]
    keys = {column: submissions[column].map(_key_of(submissions[column])) for column in ("organisation", "team")}
    return submissions.assign(organisation_key=keys["organisation"], team_key=keys["team"])


def _key_of(names: pd.Series) -> dict[str, str]:
    return {name: same_key(str(name)) for name in names.unique()}


def previous_submissions(everything: pd.DataFrame, shown: pd.DataFrame) -> pd.DataFrame:
    """For each submission in ``shown``: the id and time of its previous submission (by the
    rule above) among ``everything``; submissions without one are left out."""
    columns = ["submission_id", "previous_id", "previous_at"]
    if shown.empty:
        return pd.DataFrame(columns=columns)
    submissions = keyed(everything).sort_values([*SAME, "submitted_at", "submission_id"])
    grouped = submissions.groupby(SAME, sort=False, dropna=False)
    submissions = submissions.assign(previous_id=grouped["submission_id"].shift(1), previous_at=grouped["submitted_at"].shift(1))
    wanted = submissions[submissions["submission_id"].isin(set(shown["submission_id"])) & submissions["previous_id"].notna()]
    return wanted[columns].reset_index(drop=True)


def _pairs(everything: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """The rows of each shown submission and of its previous one, marked by ``stage``."""
    pairs = previous_submissions(everything, current)
    latest = current.merge(pairs[["submission_id"]], on="submission_id")
    previous = everything.merge(pairs[["previous_id", "submission_id"]].rename(
        columns={"submission_id": "latest_id", "previous_id": "submission_id"}), on="submission_id")
    latest = latest.assign(stage="latest", latest_id=latest["submission_id"])
    return pd.concat([latest, previous.assign(stage="previous")], ignore_index=True)


def _rounds(both: pd.DataFrame) -> pd.DataFrame:
    """Per shown submission (``latest_id``): who, and the date of both rounds."""
    dated = both.assign(date=both["submitted_at"].dt.strftime("%Y-%m-%d")).drop_duplicates(["latest_id", "stage"])
    dates = dated.pivot(index="latest_id", columns="stage", values="date")
    who = dated[dated["stage"] == "latest"].set_index("latest_id")[WHO]
    return who.join(dates.rename(columns={"previous": "previous_date", "latest": "latest_date"}))


def _items(both: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    rated = both.pivot_table(index=["latest_id", "item_id"], columns="stage", values="score", aggfunc="first", dropna=False)
    table = rated.reindex(columns=["previous", "latest"]).rename(columns={"previous": "previous_rating", "latest": "latest_rating"})
    table = table.reset_index().merge(_rounds(both).reset_index(), on="latest_id")
    table["change"] = (table["latest_rating"] - table["previous_rating"]).round(2)
    table["direction"] = np.select([table["change"] < 0, table["change"] > 0, table["change"] == 0],
                                   ["lower", "higher", "same"], "not compared (unrated in one round)")
    table["section"] = labels.section(table["instrument"], table["item_id"])
    table["order"] = labels.section_order(table["instrument"], table["item_id"])
    table["item"] = labels.text(table["item_id"])
    return table.sort_values([*WHO, "latest_date", "order", "item_id"]).reset_index(drop=True)


ITEM_COLUMNS = [*WHO, "section", "item_id", "item", "previous_date", "previous_rating", "latest_date", "latest_rating",
                "change", "direction"]
SECTION_COLUMNS = [*WHO, "section", "previous_date", "previous_pct", "latest_date", "latest_pct", "change_pts",
                   "items_lower", "items_higher"]


def item_change(everything: pd.DataFrame, current: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Per shown submission and item: the previous and latest rating, both dates, and the change
    (an item rated lower says 'lower', so a drop shows even when its section rose)."""
    both = _pairs(everything, current)
    return pd.DataFrame(columns=ITEM_COLUMNS) if both.empty else _items(both, labels)[ITEM_COLUMNS]


def section_change(everything: pd.DataFrame, current: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Per shown submission and section: the score (points of rated items over the most they
    could score, %) in both rounds, the change in points, and how many items went down or up."""
    both = _pairs(everything, current)
    if both.empty:
        return pd.DataFrame(columns=SECTION_COLUMNS)
    both = both.assign(section=labels.section(both["instrument"], both["item_id"]))
    rated = both[both["max_score"].notna()]
    points = rated.groupby(["latest_id", "section", "stage"]).agg(score=("score", "sum"), most=("max_score", "sum"))
    percent = (100 * points["score"] / points["most"]).round(1).unstack("stage").reindex(columns=["previous", "latest"])
    percent = percent.rename(columns={"previous": "previous_pct", "latest": "latest_pct"})
    items = _items(both, labels)
    moves = items.assign(items_lower=items["direction"] == "lower", items_higher=items["direction"] == "higher")
    table = moves.groupby(["latest_id", "section"]).agg(order=("order", "min"), items_lower=("items_lower", "sum"),
                                                         items_higher=("items_higher", "sum"))
    table = table.join(percent).reset_index().merge(_rounds(both).reset_index(), on="latest_id")
    table["change_pts"] = (table["latest_pct"] - table["previous_pct"]).round(1)
    return table.sort_values([*WHO, "latest_date", "order"])[SECTION_COLUMNS].reset_index(drop=True)


LAST_ROUND_COLUMNS = [*WHO, "item_id", "item", "action", "action_owner", "action_due", "previous_date", "latest_date",
                      "status", "note"]


def last_round_actions(everything: pd.DataFrame, reviews: pd.DataFrame, current: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """The actions agreed in each shown submission's previous round, with the status that
    submission reported for each (its ``action_review`` rows: the same item and the same action
    text, by ``same_key``): "Done", "Partly done", "Not started", "No longer needed", or "Not
    reported" when it said nothing (a round from before reviews existed, or one left unanswered).
    ``everything`` holds the self-assessments of every round, ``reviews`` the action_review rows."""
    both = _pairs(everything, current)
    if both.empty:
        return pd.DataFrame(columns=LAST_ROUND_COLUMNS)
    both = both.assign(said=both["action"].map(same_key))
    earlier = both[(both["stage"] == "previous") & (both["said"] != "")][["latest_id", "item_id", "action", "action_owner",
                                                                           "action_due", "said"]]
    reported = reviews[reviews["submission_id"].isin(set(earlier["latest_id"]))]
    reported = pd.DataFrame({
        "latest_id": reported["submission_id"], "item_id": reported["item_id"].str.removeprefix(ACTION_REVIEW_PREFIX),
        "said": reported["action"].map(same_key), "response": reported["response"], "note": reported["evidence"],
    }).drop_duplicates(["latest_id", "item_id", "said"])
    table = earlier.merge(reported, on=["latest_id", "item_id", "said"], how="left")
    table = table.merge(_rounds(both).reset_index(), on="latest_id")
    table["status"] = table["response"].map(ACTION_STATUSES).fillna(NOT_REPORTED)
    table["note"] = table["note"].fillna("")
    table["item"] = labels.text(table["item_id"])
    return table.sort_values([*WHO, "latest_date", "action_due", "item_id"])[LAST_ROUND_COLUMNS].reset_index(drop=True)


def status_counts(actions: pd.DataFrame) -> dict[str, int]:
    """How many of last round's actions (a ``last_round_actions`` table) got each status, in the
    order of the choices, "Not reported" last; every status named, even at 0."""
    found = actions["status"].value_counts() if len(actions) else pd.Series(dtype=int)
    return {label: int(found.get(label, 0)) for label in (*ACTION_STATUSES.values(), NOT_REPORTED)}
