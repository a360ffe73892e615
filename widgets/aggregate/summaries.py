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

from widgets.aggregate import assessment, comparison, impact, training
from widgets.aggregate.charts import ChartSpec, render
from widgets.aggregate.item_statistics import item_statistics
from widgets.aggregate.filters import Filters
from widgets.aggregate.labels import Labels
from widgets.aggregate.sources import rejection_table, validation_table
from widgets.results import KINDS, ReadResult
from widgets.results.columns import ACTION_REVIEW_KIND


class Prepared:
    """Filtered rows split by kind once, plus what several summaries share (quiz attempts,
    each team's latest self-assessment), each computed once on first use. ``everything`` holds
    the self-assessments before filtering: where a comparison finds the previous round."""

    def __init__(self, rows: pd.DataFrame, labels: Labels, everything: pd.DataFrame, today: date,
                 codes: dict[str, str] | None = None, undated: pd.DataFrame | None = None):
        self.rows = rows
        self.undated = rows if undated is None else undated  # the filters but the dates: see ``Filters.undated``
        self.labels = labels
        self.everything = everything
        self.today = today
        self.codes = codes or {}  # submission id -> learner's resume code, from the local store

    @cached_property
    def kinds(self) -> dict[str, pd.DataFrame]:
        split = {str(kind): part for kind, part in self.rows.groupby("kind", sort=False, observed=True)}
        return {kind: split.get(kind, self.rows.iloc[0:0]) for kind in KINDS}

    @cached_property
    def attempts(self) -> pd.DataFrame:
        return training.quiz_attempts(self.kinds["quiz"], self.labels)

    @cached_property
    def undated_attempts(self) -> pd.DataFrame:
        """Quiz attempts of every date (within the other filters): who is due an impact review
        depends on when they passed and on today, never on the date range shown."""
        return training.quiz_attempts(self.undated[self.undated["kind"] == "quiz"], self.labels)

    @cached_property
    def undated_follow_ups(self) -> pd.DataFrame:
        return self.undated[self.undated["kind"] == "follow_up"]

    @cached_property
    def current(self) -> pd.DataFrame:
        return assessment.current(self.kinds["assessment"])

    @cached_property
    def all_assessments(self) -> pd.DataFrame:
        return self.everything[self.everything["kind"] == "assessment"]

    @cached_property
    def all_action_reviews(self) -> pd.DataFrame:
        """What each round reported on last round's actions, whatever the filters (like ``all_assessments``)."""
        return self.everything[self.everything["kind"] == ACTION_REVIEW_KIND]


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
    "impact_confidence": SummarySpec(
        "Impact review: confidence before, after and at the follow-up",
        "Mean confidence (1 to 5) per organisation, team and learning outcome before the training, after it, and in the "
        "impact review some months later.",
        lambda p: impact.impact_confidence(p.kinds["confidence"], p.kinds["follow_up"], p.labels),
        ChartSpec("bars", ("team", "item_id"), ("before_mean", "after_mean", "follow_up_mean")),
    ),
    "impact_practice": SummarySpec(
        "Impact review: frameworks used in practice",
        "Share of each team's impact reviews that report using each framework in their work since the training.",
        lambda p: impact.impact_practice(p.kinds["follow_up"], p.labels),
        ChartSpec("bars", ("team", "framework_id"), ("used_pct",), "%"),
    ),
    "follow_up_due": SummarySpec(
        "Due an impact review",
        "Learners who passed every module long enough ago and have not sent their impact review, longest waiting "
        "first, with the link to send them (their resume code, where this store knows it). The date filter does not "
        "apply: who is due depends on when they passed and on today.",
        lambda p: impact.follow_up_due(p.undated_attempts, p.undated_follow_ups, p.labels, p.today, p.codes),
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
        "The actions agreed in each team's previous self-assessment, with the status its latest one reported for each "
        "(Done, Partly done, Not started, No longer needed, or Not reported).",
        lambda p: comparison.last_round_actions(p.all_assessments, p.all_action_reviews, p.current, p.labels),
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


def build_report(loaded: ReadResult, labels: Labels, filters: Filters | None = None, today: date | None = None,
                 codes: dict[str, str] | None = None) -> Report:
    """Every summary of the results loaded, for ``filters``; ``today`` (default: today in UTC)
    decides which actions are overdue and who is due an impact review; ``codes`` gives the
    learners' resume codes for the due list's links."""
    filters = filters or Filters()
    everything = _typed(loaded.rows)
    prepared = Prepared(filters.apply(everything), labels, everything, today or datetime.now(timezone.utc).date(), codes,
                        filters.undated().apply(everything))
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
