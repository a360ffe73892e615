"""Training views: who completed (in counts and by name), pass rates and scores per module,
and confidence before and after (what people get wrong: ``item_statistics``).

A module is passed by an attempt (all rows sharing a submission_id) whose total score meets
the quiz's pass rule, ``Quiz.passes``. The rule is applied once per distinct (quiz, total)
pair, of which there are few, so a million rows still cost only vectorised group-bys.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from widgets.aggregate.grouping import aggregate, distinct
from widgets.aggregate.labels import Labels
from widgets.errors import Refused

LEARNER = ["organisation", "team", "respondent"]
PLACE = ["organisation", "team"]


def quiz_attempts(quiz: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """One row per quiz attempt (from the quiz rows): who, which quiz, total score, and
    whether it passed (True/False, or None when content does not know the quiz's pass mark)."""
    same = {column: (column, "first") for column in [*LEARNER, "submitted_at"]}  # shared by an attempt's rows
    attempts = aggregate(quiz, ["submission_id"], quiz=("instrument", "first"), score=("score", "sum"),
                         max_score=("max_score", "sum"), **same)
    pairs = attempts[["quiz", "score"]].drop_duplicates()
    pairs["passed"] = pd.Series([labels.passes(q, s) for q, s in zip(pairs["quiz"], pairs["score"])], index=pairs.index, dtype=object)
    attempts = attempts.merge(pairs, on=["quiz", "score"], how="left")
    attempts["module"] = labels.module(attempts["quiz"])
    return attempts


def passed(attempts: pd.DataFrame) -> pd.DataFrame:
    return attempts[attempts["passed"].eq(True)]


def completion(attempts: pd.DataFrame, confidence_rows: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Per organisation and team: learners who started (any quiz attempt or confidence
    rating), who passed each module, and who passed them all."""
    training = pd.concat([attempts[LEARNER], confidence_rows[LEARNER]], ignore_index=True)
    table = distinct(training, ["respondent"], PLACE, "learners_started")
    passes = passed(attempts).drop_duplicates([*LEARNER, "quiz"])
    per_module = distinct(passes, ["respondent"], [*PLACE, "quiz"], "learners")
    wide = per_module.set_index([*PLACE, "quiz"])["learners"].unstack("quiz")
    wide = wide.reindex(columns=list(labels.module_titles))  # every module content knows, in teaching order
    wide.columns = [f"passed: {labels.module_titles[q]}" for q in wide.columns]
    table = table.merge(wide.reset_index(), on=PLACE, how="left")
    required = set(labels.quizzes)
    everything = passes[passes["quiz"].isin(required)]
    per_learner = aggregate(everything, LEARNER, modules=("quiz", "nunique"))
    finished = per_learner[per_learner["modules"] == len(required)] if required else per_learner.iloc[0:0]
    table = table.merge(distinct(finished, ["respondent"], PLACE, "all_passed"), on=PLACE, how="left")
    counts = [c for c in table.columns if c not in PLACE]
    table[counts] = table[counts].fillna(0).astype(int)
    return table


def module_results(attempts: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Per module: attempts, learners, learners passed, pass rate (% of learners) and mean score (%)."""
    scored = attempts.assign(score_pct=100 * attempts["score"] / attempts["max_score"])
    table = aggregate(scored, ["quiz"], attempts=("submission_id", "size"), mean_score_pct=("score_pct", "mean"))
    table = table.merge(distinct(attempts, LEARNER, ["quiz"], "learners"), on="quiz", how="left")
    table = table.merge(distinct(passed(attempts), LEARNER, ["quiz"], "learners_passed"), on="quiz", how="left")
    known = table["quiz"].isin(list(labels.quizzes))
    table["learners_passed"] = table["learners_passed"].fillna(0).where(known)
    table["pass_rate_pct"] = (100 * table["learners_passed"] / table["learners"]).round(1)
    table["mean_score_pct"] = table["mean_score_pct"].round(1)
    order = {quiz: n for n, quiz in enumerate(labels.quiz_order(table["quiz"].tolist()))}
    table = table.sort_values("quiz", key=lambda ids: ids.map(order))
    table.insert(0, "module", labels.module(table["quiz"]))
    return table[["module", "quiz", "attempts", "learners", "learners_passed", "pass_rate_pct", "mean_score_pct"]].reset_index(drop=True)


def score_distribution(attempts: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Per module: how many attempts reached each total score."""
    table = aggregate(attempts, ["quiz", "score"], max_score=("max_score", "max"), attempts=("submission_id", "size"))
    known = table["quiz"].map({q: quiz.max_score for q, quiz in labels.quizzes.items()})
    table["max_score"] = known.fillna(table["max_score"])
    table.insert(0, "module", labels.module(table["quiz"]))
    return table[["module", "quiz", "score", "max_score", "attempts"]]


def people(attempts: pd.DataFrame, confidence_rows: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """One row per learner (organisation, team, name): when they started, each module passed
    (with the day of the first pass), tried but not passed, or not started, and whether they
    have passed every module."""
    columns = [*LEARNER, "started", *(f"module: {title}" for title in labels.module_titles.values()), "modules_passed", "finished"]
    training = pd.concat([attempts[[*LEARNER, "submitted_at"]], confidence_rows[[*LEARNER, "submitted_at"]]], ignore_index=True)
    if training.empty:
        return pd.DataFrame(columns=columns)
    table = aggregate(training, LEARNER, started=("submitted_at", "min"))
    table["started"] = table["started"].dt.strftime("%Y-%m-%d")
    tried = attempts.drop_duplicates([*LEARNER, "quiz"])[[*LEARNER, "quiz"]].assign(state="tried, not passed")
    first = aggregate(passed(attempts), [*LEARNER, "quiz"], on=("submitted_at", "min"))
    first = first.assign(state="passed " + pd.to_datetime(first["on"], utc=True).dt.strftime("%Y-%m-%d"))[[*LEARNER, "quiz", "state"]]
    states = pd.concat([first, tried], ignore_index=True).drop_duplicates([*LEARNER, "quiz"])
    for quiz, title in labels.module_titles.items():
        state = states[states["quiz"] == quiz].drop(columns="quiz").rename(columns={"state": f"module: {title}"})
        table = table.merge(state, on=LEARNER, how="left")
        table[f"module: {title}"] = table[f"module: {title}"].fillna("not started")
    required = set(labels.module_titles)
    done = first[first["quiz"].isin(required)].groupby(LEARNER).size().rename("passed").reset_index()
    table = table.merge(done, on=LEARNER, how="left")
    count = table["passed"].fillna(0).astype(int)
    table["modules_passed"] = count.astype(str) + f" of {len(required)}"
    table["finished"] = np.where((count == len(required)) & (len(required) > 0), "yes", "no")
    return table[columns]


PEOPLE_SHOWN = {"everyone": "everyone", "not_finished": "who has not finished", "nothing_passed": "who has started but passed nothing"}


def people_shown(table: pd.DataFrame, show: str, labels: Labels) -> pd.DataFrame:
    """The people table narrowed to one group: a key of PEOPLE_SHOWN, or 'not_passed:<quiz>'
    for everyone who has not passed that module."""
    if show == "everyone":
        return table
    if show == "not_finished":
        return table[table["finished"] == "no"].reset_index(drop=True)
    if show == "nothing_passed":
        return table[table["modules_passed"].str.startswith("0 ")].reset_index(drop=True)
    quiz = show.removeprefix("not_passed:")
    if quiz == show or quiz not in labels.module_titles:
        raise Refused(f"There is no list called '{show}'.")
    column = f"module: {labels.module_titles[quiz]}"
    return table[~table[column].str.startswith("passed")].reset_index(drop=True)


def confidence(rounds: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """Per learning outcome (from the confidence rows): mean confidence (1-5) before and
    after, and the change."""
    rounds = rounds[["item_id", "instrument", "response"]]
    rounds = rounds.assign(rating=pd.to_numeric(rounds["response"], errors="coerce"))
    table = aggregate(rounds, ["item_id", "instrument"], n=("rating", "size"), mean=("rating", "mean"))
    columns = ["item_id", "outcome", "before_n", "before_mean", "after_n", "after_mean", "change"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    wide = table.pivot_table(index="item_id", columns="instrument", values=["n", "mean"])
    result = pd.DataFrame(index=wide.index)
    for stage in ("before", "after"):
        key = f"confidence-{stage}"
        result[f"{stage}_n"] = wide["n"][key].fillna(0).astype(int) if key in wide["n"] else 0
        result[f"{stage}_mean"] = wide["mean"][key].round(2) if key in wide["mean"] else float("nan")
    result["change"] = (result["after_mean"] - result["before_mean"]).round(2)
    result = result.reset_index()
    result["outcome"] = labels.text(result["item_id"])
    return result[columns]
