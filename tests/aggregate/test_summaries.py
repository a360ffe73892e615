"""Every summary's figures on known results (tests/aggregate/known_results.py), worked out
by hand: a local store plus three uploads, one with bad rows and one a copy of another."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from tests.aggregate import known_results as known
from widgets.aggregate import Filters, Labels, Report, build_report
from widgets.aggregate.sources import STORE_NAME, store_source
from widgets.results import ResultsStore, read_results


def records(table: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts, NaN as None, so expected values read as written."""
    return [{k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()} for row in table.to_dict("records")]


@pytest.fixture
def labels(tmp_path: Path) -> Labels:
    return Labels.from_content(known.content(tmp_path))


@pytest.fixture
def loaded(tmp_path: Path):
    store = ResultsStore(known.write_store(tmp_path / "results"))
    return read_results(store_source(store) + known.uploads())


def report_for(loaded, labels: Labels, **filters) -> Report:
    return build_report(loaded, labels, Filters(**filters))


def test_each_file_is_reported_bad_rows_by_line_and_the_copy_as_duplicates(loaded, labels: Labels) -> None:
    report = report_for(loaded, labels)
    assert records(report.validation) == [
        {"file": STORE_NAME, "accepted": 12, "rejected": 0, "duplicates_skipped": 0, "status": "loaded"},
        {"file": "service-b.csv", "accepted": 8, "rejected": 0, "duplicates_skipped": 0, "status": "loaded"},
        {"file": "service-c.csv", "accepted": 5, "rejected": 2, "duplicates_skipped": 0, "status": "loaded with problems"},
        {"file": "service-b-again.csv", "accepted": 0, "rejected": 0, "duplicates_skipped": 8, "status": "loaded"},
    ]
    assert records(report.rejections) == [
        {"file": "service-c.csv", "line": 4, "reason": "kind 'exam' is not one of quiz, confidence, assessment, follow_up"},
        {"file": "service-c.csv", "line": 5, "reason": "score must be between 0 and max_score (above 0)"},
    ]
    assert len(report.rows) == 25


def test_completion_by_organisation_and_team(loaded, labels: Labels) -> None:
    table = report_for(loaded, labels).summaries["completion"].table
    assert records(table) == [
        {"organisation": "Org A", "team": "Team 1", "learners_started": 2, "passed: The Lundy model": 1, "all_passed": 1},
        {"organisation": "Org B", "team": "Team 2", "learners_started": 1, "passed: The Lundy model": 0, "all_passed": 0},
        {"organisation": "Org C", "team": "", "learners_started": 1, "passed: The Lundy model": 1, "all_passed": 1},
    ]


def test_pass_rate_and_score_distribution_per_module(loaded, labels: Labels) -> None:
    report = report_for(loaded, labels)
    # 5 attempts by 4 learners; Sam and the Org C learner passed; scores 4, 1, 3, 3, 4 of 4.
    assert records(report.summaries["module_results"].table) == [
        {"module": "The Lundy model", "quiz": "lundy", "attempts": 5, "learners": 4, "learners_passed": 2.0,
         "pass_rate_pct": 50.0, "mean_score_pct": 75.0},
    ]
    assert records(report.summaries["score_distribution"].table) == [
        {"module": "The Lundy model", "quiz": "lundy", "score": 1.0, "max_score": 4.0, "attempts": 1},
        {"module": "The Lundy model", "quiz": "lundy", "score": 3.0, "max_score": 4.0, "attempts": 2},
        {"module": "The Lundy model", "quiz": "lundy", "score": 4.0, "max_score": 4.0, "attempts": 2},
    ]


def test_item_analysis_share_correct_and_most_chosen_wrong_answer(loaded, labels: Labels) -> None:
    table = report_for(loaded, labels).summaries["item_analysis"].table
    assert [(r["item_id"], r["answers"], r["correct_pct"], r["most_chosen_wrong"], r["times_chosen"]) for r in records(table)] == [
        ("lundy-q1", 5, 60.0, "b", 2),
        ("lundy-q2", 5, 80.0, "a", 1),
        ("lundy-q3", 5, 60.0, "s1=space;s2=space", 2),
    ]
    assert table["question"].tolist() == ["Which comes first?", "Which give due weight?", "Sort these."]


def test_confidence_before_and_after_per_learning_outcome(loaded, labels: Labels) -> None:
    table = report_for(loaded, labels).summaries["confidence"].table
    assert records(table) == [
        {"item_id": "lo-space", "outcome": "Explain why Space comes first", "before_n": 2, "before_mean": 2.5,
         "after_n": 2, "after_mean": 4.5, "change": 2.0},
    ]


def test_ratings_heatmap_uses_each_teams_latest_self_assessment(loaded, labels: Labels) -> None:
    table = report_for(loaded, labels).summaries["ratings"].table
    assert [(r["organisation"], r["item_id"], r["rating"]) for r in records(table)] == [
        ("Org B", "iv-leaflets", 3.0), ("Org B", "iv-voice", None), ("Org C", "iv-leaflets", 0.0), ("Org C", "iv-voice", 3.0),
    ]


def test_distribution_per_item_names_the_scale_levels(loaded, labels: Labels) -> None:
    table = report_for(loaded, labels).summaries["rating_distribution"].table
    assert [(r["item_id"], r["rating"], r["label"], r["submissions"]) for r in records(table)] == [
        ("iv-leaflets", 0.0, "Not in place", 1), ("iv-leaflets", 3.0, "Effective", 1),
        ("iv-voice", 3.0, "Effective", 1), ("iv-voice", None, "not rated", 1),
    ]


def test_change_since_the_previous_submission_of_the_same_organisation(loaded, labels: Labels) -> None:
    table = report_for(loaded, labels).summaries["rating_change"].table
    assert records(table) == [
        {"organisation": "Org B", "instrument": "iv", "item_id": "iv-leaflets", "item": "Leaflets", "previous_rating": 1.0,
         "latest_rating": 3.0, "change": 2.0, "previous_date": "2025-03-01", "latest_date": "2026-03-01"},
        {"organisation": "Org B", "instrument": "iv", "item_id": "iv-voice", "item": "Children choose how they are heard",
         "previous_rating": 2.0, "latest_rating": None, "change": None, "previous_date": "2025-03-01", "latest_date": "2026-03-01"},
    ]


def test_open_actions_from_latest_submissions_soonest_due_first(loaded, labels: Labels) -> None:
    table = report_for(loaded, labels).summaries["open_actions"].table
    assert [(r["organisation"], r["item_id"], r["action"], r["action_due"]) for r in records(table)] == [
        ("Org C", "iv-voice", "Ask the children's council", "2026-05-01"),
        ("Org B", "iv-leaflets", known.XSS_ACTION, "2026-06-30"),
        ("Org B", "iv-voice", known.FORMULA_ACTION, ""),
    ]


def test_every_view_follows_the_organisation_filter(loaded, labels: Labels) -> None:
    report = report_for(loaded, labels, organisations=("Org A",))
    tables = {name: s.table for name, s in report.summaries.items()}
    assert set(report.rows["organisation"]) == {"Org A"}
    assert records(tables["completion"])[0]["learners_started"] == 2 and len(tables["completion"]) == 1
    assert records(tables["module_results"])[0] == {
        "module": "The Lundy model", "quiz": "lundy", "attempts": 3, "learners": 2, "learners_passed": 1.0,
        "pass_rate_pct": 50.0, "mean_score_pct": round((100 + 25 + 75) / 3, 1)}
    assert tables["item_analysis"]["correct_pct"].tolist() == [66.7, 66.7, 33.3]
    assert records(tables["confidence"])[0]["after_n"] == 1
    for name in ("ratings", "rating_distribution", "rating_change", "open_actions"):
        assert tables[name].empty, name


def test_date_and_instrument_filters_narrow_the_years_compared(loaded, labels: Labels) -> None:
    report = report_for(loaded, labels, instruments=("iv",), start=date(2026, 1, 1), end=date(2026, 12, 31))
    tables = {name: s.table for name, s in report.summaries.items()}
    assert tables["rating_change"].empty  # Org B's 2025 round is outside the dates
    assert tables["completion"].empty and tables["module_results"].empty and tables["item_analysis"].empty
    assert len(tables["open_actions"]) == 3
    earlier = report_for(loaded, labels, end=date(2025, 12, 31))
    assert [(r["organisation"], r["item_id"], r["rating"]) for r in records(earlier.summaries["ratings"].table)] == [
        ("Org B", "iv-leaflets", 1.0), ("Org B", "iv-voice", 2.0)]


def test_a_start_after_the_end_is_refused_in_plain_words() -> None:
    with pytest.raises(ValueError, match="start date is after the end date"):
        Filters(start=date(2026, 2, 1), end=date(2026, 1, 1))


def test_results_from_content_this_workbook_does_not_know_fall_back_to_ids(loaded) -> None:
    report = report_for(loaded, Labels())
    modules = records(report.summaries["module_results"].table)[0]
    assert modules["module"] == "lundy" and modules["learners_passed"] is None and modules["pass_rate_pct"] is None
    assert report.summaries["item_analysis"].table["question"].tolist() == ["lundy-q1", "lundy-q2", "lundy-q3"]


def test_no_results_gives_empty_tables_and_no_charts(labels: Labels) -> None:
    report = build_report(read_results([]), labels)
    for summary in report.summaries.values():
        assert summary.table.empty and summary.png() is None


def test_every_chart_draws_as_png_with_text_from_files_taken_literally(loaded, labels: Labels) -> None:
    report = report_for(loaded, labels)
    for summary in report.summaries.values():
        if summary.chart and len(summary.table):  # the impact review's charts draw in test_impact.py (no reviews here)
            assert summary.png().startswith(b"\x89PNG"), summary.name


def test_an_organisation_where_nobody_passed_still_shows_every_module(loaded, labels: Labels) -> None:
    table = report_for(loaded, labels, organisations=("Org B",)).summaries["completion"].table
    assert records(table) == [
        {"organisation": "Org B", "team": "Team 2", "learners_started": 1, "passed: The Lundy model": 0, "all_passed": 0},
    ]
