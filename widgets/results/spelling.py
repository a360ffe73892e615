"""Rows for aggregation with each organisation and team under one spelling (the rule of what
counts as the same one is ``widgets.results.keys.same_key``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from widgets.results.keys import same_key


def one_spelling(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows for aggregation with each organisation (and each team within it) under one name:
    the spelling used most often (ties: the first seen), so "North IV" and "north iv " are one
    row of every table. The rows stored are not changed. Works on the distinct names only (a
    million rows hold a few hundred), so it costs a fraction of a second."""
    if rows.empty:
        return rows
    organisation_codes, organisations = pd.factorize(rows["organisation"])
    organisation_keys = [same_key(name) for name in organisations]
    organisation_groups, _ = pd.factorize(np.array(organisation_keys, dtype=object))
    team_codes, teams = pd.factorize(rows["team"])
    # A team is the same team within the same organisation: group by (organisation, team key).
    team_keys = [same_key(name) for name in teams]
    pairs = organisation_groups[organisation_codes].astype(np.int64) * len(teams) + team_codes
    pair_codes, pair_values = pd.factorize(pairs)
    pair_groups = [(int(value) // len(teams), team_keys[int(value) % len(teams)]) for value in pair_values]
    organisation = _most_used(organisation_codes, list(organisations), organisation_keys)
    team = _most_used(pair_codes, [teams[int(value) % len(teams)] for value in pair_values], pair_groups)
    return rows.assign(organisation=pd.Series(organisation, index=rows.index, dtype=rows["organisation"].dtype),
                       team=pd.Series(team, index=rows.index, dtype=rows["team"].dtype))


def _most_used(codes: np.ndarray, names: list[str], groups: list) -> np.ndarray:
    """For each row (its ``codes`` into ``names``), the most used name of its group."""
    uses = np.bincount(codes, minlength=len(names))
    best: dict = {}
    for number, group in enumerate(groups):
        if group not in best or uses[number] > uses[best[group]]:
            best[group] = number
    chosen = np.array([names[best[group]] for group in groups], dtype=object)
    return chosen[codes]
