"""Self-assessment views: where services stand on each item, how ratings spread, what changed
since the previous submission (``comparison``), and the actions still open.

"Where services stand" uses each team's most recent submission of an instrument (within the
filters), so a service that assessed itself twice is not counted twice; narrow the date range
to look at an earlier year. A rating left blank on purpose counts as "not rated".
"""

from __future__ import annotations

from datetime import date

import numpy as np
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


def latest_sections(current: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Per team's latest submission of each instrument: each section's score (points of its
    rated items over the most they could score, %), and when it was submitted."""
    columns = ["organisation", "team", "instrument", "section", "score_pct", "items_rated", "submitted"]
    rated = current[current["max_score"].notna()]
    if rated.empty:
        return pd.DataFrame(columns=columns)
    rated = rated.assign(section=labels.section(rated["instrument"], rated["item_id"]),
                         order=labels.section_order(rated["instrument"], rated["item_id"]),
                         submitted=rated["submitted_at"].dt.strftime("%Y-%m-%d"))
    table = aggregate(rated, ["organisation", "team", "instrument", "section"], score=("score", "sum"), most=("max_score", "sum"),
                      items_rated=("item_id", "size"), order=("order", "min"), submitted=("submitted", "first"))
    table["score_pct"] = (100 * table["score"] / table["most"]).round(1)
    return table.sort_values(["organisation", "team", "instrument", "order"])[columns].reset_index(drop=True)


def open_actions(current: pd.DataFrame, labels: Labels, today: date) -> pd.DataFrame:
    """Every action in each team's latest submission: overdue ones first (most days overdue
    first), then the rest by due date, undated last."""
    columns = ["status", "days_overdue", "action_due", "action_owner", "organisation", "team", "instrument", "item_id", "item",
               "action", "submitted"]
    acting = current[current["action"].str.strip() != ""]
    if acting.empty:
        return pd.DataFrame(columns=columns)
    due = pd.to_datetime(acting["action_due"].where(acting["action_due"] != ""), format="%Y-%m-%d", errors="coerce")
    late = (pd.Timestamp(today) - due).dt.days
    table = acting.assign(item=labels.text(acting["item_id"]), submitted=acting["submitted_at"].dt.strftime("%Y-%m-%d"),
                          days_overdue=late.where(late > 0),
                          status=np.select([late > 0, due.notna()], ["overdue", "not yet due"], "no due date"),
                          rank=np.select([late > 0, due.notna()], [0, 1], 2), late=-late.fillna(0), due=due)
    table = table.sort_values(["rank", "late", "due", "organisation", "team", "item_id"], na_position="last")
    return table[columns].reset_index(drop=True)
