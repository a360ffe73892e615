"""Self-assessment views: where services stand on each item, how ratings spread, what changed
since an organisation's previous submission, and the actions still open.

"Where services stand" uses each team's most recent submission of an instrument (within the
filters), so a service that assessed itself twice is not counted twice; narrow the date range
to look at an earlier year. A rating left blank on purpose counts as "not rated".
"""

from __future__ import annotations

import pandas as pd

from widgets.aggregate.grouping import aggregate, latest
from widgets.aggregate.labels import Labels

ITEM = ["instrument", "item_id"]


def current(assessments: pd.DataFrame) -> pd.DataFrame:
    """Each (organisation, team)'s most recent submission of each instrument."""
    return latest(assessments, ["organisation", "team", "instrument"])


def ratings_by_organisation(current: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Organisations x items: mean rating over their teams' latest submissions (the heatmap)."""
    table = aggregate(current, ["organisation", *ITEM], rating=("score", "mean"), max_rating=("max_score", "max"), teams=("team", "nunique"))
    table["rating"] = table["rating"].round(2)
    table.insert(3, "item", labels.text(table["item_id"]))
    return table[["organisation", "instrument", "item_id", "item", "rating", "max_rating", "teams"]]


def rating_distribution(current: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Per item: how many latest submissions gave each rating (blank = not rated)."""
    table = aggregate(current, [*ITEM, "score"], submissions=("submission_id", "size"))
    table = table.rename(columns={"score": "rating"})
    table.insert(2, "item", labels.text(table["item_id"]))
    table.insert(4, "label", labels.scale_label(table["instrument"], table["rating"]))
    return table[["instrument", "item_id", "item", "rating", "label", "submissions"]]


def rating_change(assessments: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Per organisation and item: latest rating against the organisation's previous submission."""
    columns = ["organisation", "instrument", "item_id", "item", "previous_rating", "latest_rating", "change", "previous_date", "latest_date"]
    keys = ["organisation", "instrument"]
    two = latest(assessments, keys, keep=2)
    twice = aggregate(two, keys, submissions=("rank", "nunique"))
    two = two.merge(twice[twice["submissions"] == 2][keys], on=keys) if not two.empty else two
    if two.empty:
        return pd.DataFrame(columns=columns)
    two = two.assign(stage=two["rank"].map({0: "latest", 1: "previous"}), date=two["submitted_at"].dt.strftime("%Y-%m-%d"))
    scores = two.set_index([*keys, "item_id", "stage"])["score"].unstack("stage")
    result = pd.DataFrame({
        "previous_rating": scores.get("previous"),
        "latest_rating": scores.get("latest"),
    }, index=scores.index)
    result["change"] = (result["latest_rating"] - result["previous_rating"]).round(2)
    dates = two.drop_duplicates([*keys, "stage"]).set_index([*keys, "stage"])["date"].unstack("stage")
    dates = dates.rename(columns={"previous": "previous_date", "latest": "latest_date"}).reset_index()
    result = result.reset_index().merge(dates, on=keys)
    result["item"] = labels.text(result["item_id"])
    return result[columns]


def open_actions(current: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Every action in each team's latest submission, soonest due first (no date last)."""
    acting = current[current["action"].str.strip() != ""]
    table = acting.assign(item=labels.text(acting["item_id"]), submitted=acting["submitted_at"].dt.strftime("%Y-%m-%d"))
    table = table.sort_values(["action_due", "organisation", "team", "item_id"], key=_blank_last)
    return table[["organisation", "team", "instrument", "item_id", "item", "action", "action_owner", "action_due", "submitted"]].reset_index(drop=True)


def _blank_last(values: pd.Series) -> pd.Series:
    return values.where(values != "", "~") if values.name == "action_due" else values
