"""The one parametrised aggregation every summary table is built from: group by, then metrics.

Views differ only in what they group by and which metrics they ask for, so there is one
vectorised code path (pandas groupby) rather than a cloned function per view.
"""

from __future__ import annotations

from typing import Callable, Union

import pandas as pd

# A metric is (column, how): how is a pandas aggregation name ("sum", "mean", "nunique",
# "size", "first", "max", ...) or a function of a Series.
Metric = tuple[str, Union[str, Callable[[pd.Series], object]]]


def aggregate(rows: pd.DataFrame, by: list[str], **metrics: Metric) -> pd.DataFrame:
    """One row per group of ``by`` with each named metric, as a flat table sorted by key
    (so tables are the same from run to run)."""
    if rows.empty:
        return pd.DataFrame(columns=[*by, *metrics])
    grouped = rows.groupby(by, sort=True, dropna=False, observed=True)
    return grouped.agg(**{name: pd.NamedAgg(column, how) for name, (column, how) in metrics.items()}).reset_index()


def distinct(rows: pd.DataFrame, key: list[str], by: list[str], name: str) -> pd.DataFrame:
    """How many distinct ``key`` values (e.g. learners) each group of ``by`` has."""
    return aggregate(rows.drop_duplicates([*by, *key]), by, **{name: (key[0], "size")})


def latest(rows: pd.DataFrame, per: list[str], order: str = "submitted_at", keep: int = 1) -> pd.DataFrame:
    """The rows of the ``keep`` most recent submissions for each group of ``per``."""
    if rows.empty:
        return rows
    submissions = rows.drop_duplicates("submission_id")[[*per, "submission_id", order]]
    submissions = submissions.sort_values([order, "submission_id"], ascending=False)
    submissions = submissions.assign(rank=submissions.groupby(per, sort=False, dropna=False).cumcount())
    chosen = submissions[submissions["rank"] < keep][["submission_id", "rank"]]
    return rows.merge(chosen, on="submission_id", how="inner")
