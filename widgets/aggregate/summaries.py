"""The summary tables, by name: what each is, how it is built and how it is drawn.

``SUMMARIES`` is the single list the dashboard shows, the CLI writes and the exports carry.
Adding a view means adding one entry here (and its function in training.py or assessment.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import cached_property
from typing import Callable

import pandas as pd

from widgets.aggregate import assessment, comparison, training
from widgets.aggregate.charts import ChartSpec, render
from widgets.aggregate.item_statistics import item_statistics
from widgets.aggregate.filters import Filters
from widgets.aggregate.labels import Labels
from widgets.aggregate.sources import rejection_table, validation_table
from widgets.results import KINDS, ReadResult


class Prepared:
    """Filtered rows split by kind once, plus what several summaries share (quiz attempts,
    each team's latest self-assessment), each computed once on first use. ``everything`` holds
    the self-assessments before filtering: where a comparison finds the previous round."""

    def __init__(self, rows: pd.DataFrame, labels: Labels, everything: pd.DataFrame, today: date):
        self.rows = rows
        self.labels = labels
        self.everything = everything
        self.today = today

    @cached_property
    def kinds(self) -> dict[str, pd.DataFrame]:
        split = {str(kind): part for kind, part in self.rows.groupby("kind", sort=False, observed=True)}
        return {kind: split.get(kind, self.rows.iloc[0:0]) for kind in KINDS}

    @cached_property
    def attempts(self) -> pd.DataFrame:
        return training.quiz_attempts(self.kinds["quiz"], self.labels)

    @cached_property
    def current(self) -> pd.DataFrame:
        return assessment.current(self.kinds["assessment"])

    @cached_property
    def all_assessments(self) -> pd.DataFrame:
        return self.everything[self.everything["kind"] == "assessment"]


@dataclass(frozen=True)
class SummarySpec:
    title: str
    about: str
    build: Callable[[Prepared], pd.DataFrame]
    chart: ChartSpec | None = None


SUMMARIES: dict[str, SummarySpec] = {
    "completion": SummarySpec(
        "Completion by organisation and team",
        "Learners who started (any quiz or confidence rating), who passed each module, and who passed them all.",
        lambda p: training.completion(p.attempts, p.kinds["confidence"], p.labels),
        ChartSpec("bars", ("organisation", "team"), ("learners_started", "all_passed")),
    ),
    "people": SummarySpec(
        "Who has started, passed and finished",
        "One row per learner: when they started, each module passed (and when), tried or not started, and whether "
        "they have passed every module.",
        lambda p: training.people(p.attempts, p.kinds["confidence"], p.labels),
    ),
    "module_results": SummarySpec(
        "Pass rate per module",
        "Pass rate is the share of learners who took the quiz and passed it at least once.",
        lambda p: training.module_results(p.attempts, p.labels),
        ChartSpec("bars", ("module",), ("pass_rate_pct",), "%"),
    ),
    "score_distribution": SummarySpec(
        "Score distribution per module",
        "How many attempts reached each total score.",
        lambda p: training.score_distribution(p.attempts, p.labels),
        ChartSpec("bars", ("module", "score"), ("attempts",)),
    ),
    "item_statistics": SummarySpec(
        "Question statistics",
        "Per question, over the attempts that contained it: facility (mean share of its marks scored), discrimination "
        "(correlation of its score with the rest of the attempt, -1 to 1), the wrong answer chosen most often, and a "
        "flag when it looks broken (negative discrimination, facility above 95% or below 20%).",
        lambda p: item_statistics(p.kinds["quiz"], p.labels),
        ChartSpec("bars", ("item_id",), ("facility_pct",), "%"),
    ),
    "confidence": SummarySpec(
        "Confidence before and after",
        "Mean confidence (1 to 5) per learning outcome before and after the training.",
        lambda p: training.confidence(p.kinds["confidence"], p.labels),
        ChartSpec("bars", ("item_id",), ("before_mean", "after_mean")),
    ),
    "ratings": SummarySpec(
        "Where services stand (ratings by organisation)",
        "Mean rating per organisation and item, over each team's latest self-assessment: one chart per instrument.",
        lambda p: assessment.ratings_by_organisation(p.current, p.labels),
        ChartSpec("heatmap", ("organisation", "item_id"), ("rating",), split="instrument"),
    ),
    "latest_sections": SummarySpec(
        "Latest section scores per team",
        "Each team's latest self-assessment of each instrument: per section, the points of its rated items over the "
        "most they could score.",
        lambda p: assessment.latest_sections(p.current, p.labels),
    ),
    "rating_distribution": SummarySpec(
        "Distribution of ratings per item",
        "How many latest self-assessments gave each rating.",
        lambda p: assessment.rating_distribution(p.current, p.labels),
        ChartSpec("bars", ("item_id", "label"), ("submissions",)),
    ),
    "section_change": SummarySpec(
        "Change since the previous submission, per section",
        "Each team's latest self-assessment against its previous one (same organisation, team and instrument, from "
        "all results, whatever the filters), with both dates and how many items went down or up.",
        lambda p: comparison.section_change(p.all_assessments, p.current, p.labels),
        ChartSpec("bars", ("organisation", "team", "section"), ("change_pts",)),
    ),
    "item_change": SummarySpec(
        "Change since the previous submission, per item",
        "The same comparison item by item: an item rated lower shows even when its section rose.",
        lambda p: comparison.item_change(p.all_assessments, p.current, p.labels),
        ChartSpec("bars", ("organisation", "team", "item_id"), ("change",)),
    ),
    "last_round_actions": SummarySpec(
        "Last round's actions",
        "The actions agreed in each team's previous self-assessment, and what its latest one lists for the same item.",
        lambda p: comparison.last_round_actions(p.all_assessments, p.current, p.labels),
    ),
    "open_actions": SummarySpec(
        "Open actions",
        "Every action in each team's latest self-assessment: overdue ones first, with days overdue and owner, then "
        "the rest by due date.",
        lambda p: assessment.open_actions(p.current, p.labels, p.today),
    ),
}


@dataclass(frozen=True)
class Summary:
    name: str
    title: str
    about: str
    table: pd.DataFrame
    chart: ChartSpec | None = None

    def pngs(self) -> list[tuple[str, bytes]]:
        """The chart as PNG pictures with their name suffixes: one per instrument and page
        (none for a table-only view or an empty table)."""
        return render(self.chart, self.table, self.title) if self.chart else []


@dataclass(frozen=True)
class Report:
    """Everything one set of results and filters gives: the rows, the summaries, the checks."""

    filters: Filters
    rows: pd.DataFrame
    summaries: dict[str, Summary]
    validation: pd.DataFrame
    rejections: pd.DataFrame = field(default_factory=pd.DataFrame)

    def tables(self, with_results: bool = True) -> dict[str, pd.DataFrame]:
        """Every table by name, in the order exports write them."""
        tables = {"validation": self.validation, "rejected_rows": self.rejections}
        tables.update({name: s.table for name, s in self.summaries.items()})
        if with_results:
            tables["results"] = self.rows
        return tables


def build_report(loaded: ReadResult, labels: Labels, filters: Filters | None = None, today: date | None = None) -> Report:
    """Every summary of the results loaded, for ``filters``; ``today`` (default: today in UTC)
    decides which actions are overdue."""
    filters = filters or Filters()
    everything = _typed(loaded.rows)
    prepared = Prepared(filters.apply(everything), labels, everything, today or datetime.now(timezone.utc).date())
    summaries = {
        name: Summary(name, spec.title, spec.about, spec.build(prepared), spec.chart) for name, spec in SUMMARIES.items()
    }
    return Report(filters, prepared.rows, summaries, validation_table(loaded.reports), rejection_table(loaded.reports))


def _typed(rows: pd.DataFrame) -> pd.DataFrame:
    """The reader types the rows it reads; an empty read (no files yet) is typed here too,
    so every summary can rely on dates and numbers."""
    if not rows.empty:
        return rows
    return rows.astype({"submitted_at": "datetime64[ns, UTC]", "score": "float64", "max_score": "float64"})
