"""The impact review's figures: confidence before, after and at the follow-up per learning
outcome and team; the share of each team who report using each framework; and who is due a
follow-up (to send them the link).

A learner is due once every module content knows is passed (each module's first passing
attempt; the latest of those is "passed all on") and ``Labels.follow_up_months`` calendar
months have gone by (``widgets.follow_up.review.due_on``, the one rule the page uses too),
unless they have sent a review already. A learner is the same organisation, team and name,
as in every training view.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from widgets.aggregate.grouping import aggregate
from widgets.aggregate.labels import Labels
from widgets.aggregate.training import LEARNER, PLACE, passed
from widgets.follow_up.review import EXAMPLE_ITEM, FRAMEWORK_PREFIX, PAGE_NAME, due_on

STAGES = {"confidence-before": "before", "confidence-after": "after", "impact-review": "follow_up"}
CONFIDENCE_COLUMNS = [*PLACE, "item_id", "outcome", "before_n", "before_mean", "after_n", "after_mean",
                      "follow_up_n", "follow_up_mean", "change_since_after"]
PRACTICE_COLUMNS = [*PLACE, "framework_id", "framework", "answered", "used", "used_pct"]
DUE_COLUMNS = [*LEARNER, "passed_all_on", "follow_up_due", "days_since_due", "resume_code", "link"]


def _outcome_rows(follow_up: pd.DataFrame) -> pd.DataFrame:
    ids = follow_up["item_id"]
    return follow_up[~ids.str.startswith(FRAMEWORK_PREFIX) & (ids != EXAMPLE_ITEM)]


def impact_confidence(confidence_rows: pd.DataFrame, follow_up: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Per organisation, team and learning outcome: how many rated it and their mean (1-5)
    before the training, after it, and at the follow-up, and the change since after."""
    rows = pd.concat([confidence_rows[[*PLACE, "item_id", "instrument", "response"]],
                      _outcome_rows(follow_up)[[*PLACE, "item_id", "instrument", "response"]]], ignore_index=True)
    rows = rows.assign(stage=rows["instrument"].map(STAGES), rating=pd.to_numeric(rows["response"], errors="coerce"))
    rows = rows[rows["stage"].notna() & rows["rating"].notna()]
    if rows.empty:
        return pd.DataFrame(columns=CONFIDENCE_COLUMNS)
    table = aggregate(rows, [*PLACE, "item_id", "stage"], n=("rating", "size"), mean=("rating", "mean"))
    wide = table.pivot_table(index=[*PLACE, "item_id"], columns="stage", values=["n", "mean"], observed=True)
    result = pd.DataFrame(index=wide.index)
    for stage in ("before", "after", "follow_up"):
        result[f"{stage}_n"] = wide["n"][stage].fillna(0).astype(int) if stage in wide["n"] else 0
        result[f"{stage}_mean"] = wide["mean"][stage].round(2) if stage in wide["mean"] else float("nan")
    result["change_since_after"] = (result["follow_up_mean"] - result["after_mean"]).round(2)
    result = result.reset_index()
    order = {item: n for n, item in enumerate(labels.texts)}  # teaching order where content knows the outcome
    result = result.sort_values([*PLACE, "item_id"], key=lambda c: c.map(order).fillna(len(order)) if c.name == "item_id" else c)
    result["outcome"] = labels.text(result["item_id"])
    return result[CONFIDENCE_COLUMNS].reset_index(drop=True)


def impact_practice(follow_up: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Per organisation, team and framework: reviews that answered, how many said they used it,
    and that share (%)."""
    rows = follow_up[follow_up["item_id"].str.startswith(FRAMEWORK_PREFIX)]
    rows = rows.assign(framework_id=rows["item_id"].str.slice(len(FRAMEWORK_PREFIX)), yes=(rows["response"] == "yes").astype(int))
    table = aggregate(rows, [*PLACE, "framework_id"], answered=("yes", "size"), used=("yes", "sum"))
    if table.empty:
        return pd.DataFrame(columns=PRACTICE_COLUMNS)
    table["used_pct"] = (100 * table["used"] / table["answered"]).round(1)
    known = list(labels.frameworks)
    table = table.sort_values([*PLACE, "framework_id"],
                              key=lambda c: c.map({f: n for n, f in enumerate(known)}).fillna(len(known)) if c.name == "framework_id" else c)
    table["framework"] = table["framework_id"].map(lambda f: labels.frameworks.get(f, f))
    return table[PRACTICE_COLUMNS].reset_index(drop=True)


def follow_up_due(attempts: pd.DataFrame, follow_up: pd.DataFrame, labels: Labels, today: date,
                  codes: dict[str, str] | None = None) -> pd.DataFrame:
    """Learners due their review on ``today`` who have not sent it, longest waiting first, with
    their resume code and link where the local store knows it (``codes``: submission id ->
    resume code; files from elsewhere carry none)."""
    required = set(labels.quizzes)
    passes = passed(attempts)
    passes = passes[passes["quiz"].isin(required)]
    if passes.empty or not required:
        return pd.DataFrame(columns=DUE_COLUMNS)
    first = passes.sort_values("submitted_at").drop_duplicates([*LEARNER, "quiz"])
    per_learner = aggregate(first, LEARNER, modules=("quiz", "nunique"), passed_all_at=("submitted_at", "max"))
    done = per_learner[per_learner["modules"] == len(required)]
    if len(follow_up):
        sent = follow_up.drop_duplicates(LEARNER)[LEARNER].assign(sent=True)
        done = done.merge(sent, on=LEARNER, how="left")
        done = done[done["sent"].isna()]
    done = done.assign(passed_all_on=done["passed_all_at"].dt.date)
    done = done.assign(follow_up_due=[due_on(day, labels.follow_up_months) for day in done["passed_all_on"]])
    due = done[done["follow_up_due"] <= today].copy()
    due["days_since_due"] = [(today - day).days for day in due["follow_up_due"]]
    latest_code = first.assign(code=first["submission_id"].map(codes or {}))
    latest_code = latest_code[latest_code["code"].notna()].sort_values("submitted_at").drop_duplicates(LEARNER, keep="last")
    due = due.merge(latest_code[[*LEARNER, "code"]], on=LEARNER, how="left")
    due["resume_code"] = [code if isinstance(code, str) else "" for code in due["code"]]
    due["link"] = [f"{PAGE_NAME}?code={code}" if code else "" for code in due["resume_code"]]
    due = due.sort_values(["follow_up_due", *LEARNER], ascending=[True, True, True, True])
    return due[DUE_COLUMNS].reset_index(drop=True)
