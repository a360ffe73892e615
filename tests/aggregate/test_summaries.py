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


TODAY = date(2026, 6, 1)  # Org C's action (due 2026-05-01) is 31 days overdue; Org B's (2026-06-30) is not yet due


def report_for(loaded, labels: Labels, **filters) -> Report:
    return build_report(loaded, labels, Filters(**filters), TODAY)


def test_each_file_is_reported_bad_rows_by_line_and_the_copy_as_duplicates(loaded, labels: Labels) -> None:
    report = report_for(loaded, labels)
    assert records(report.validation) == [
        {"file": STORE_NAME, "accepted": 12, "rejected": 0, "duplicates_skipped": 0, "status": "loaded"},
        {"file": "service-b.csv", "accepted": 8, "rejected": 0, "duplicates_skipped": 0, "status": "loaded"},
        {"file": "service-c.csv", "accepted": 5, "rejected": 2, "duplicates_skipped": 0, "status": "loaded with problems"},
        {"file": "service-b-again.csv", "accepted": 0, "rejected": 0, "duplicates_skipped": 8, "status": "loaded"},
    ]
    assert records(report.rejections) == [
        {"file": "service-c.csv", "line": 4, "reason": "kind 'exam' is not one of quiz, confidence, assessment, follow_up, action_review"},
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
    # 5 attempts by 4 learners; Sam and the Org C learner passed; scores 3, 0.5, 2.5, 2, 3 of 3.
    assert records(report.summaries["module_results"].table) == [
        {"module": "The Lundy model", "quiz": "lundy", "attempts": 5, "learners": 4, "learners_passed": 2.0,
         "pass_rate_pct": 50.0, "mean_score_pct": 73.3},
    ]
    assert records(report.summaries["score_distribution"].table) == [
        {"module": "The Lundy model", "quiz": "lundy", "score": 0.5, "max_score": 3.0, "attempts": 1},
        {"module": "The Lundy model", "quiz": "lundy", "score": 2.0, "max_score": 3.0, "attempts": 1},
        {"module": "The Lundy model", "quiz": "lundy", "score": 2.5, "max_score": 3.0, "attempts": 1},
        {"module": "The Lundy model", "quiz": "lundy", "score": 3.0, "max_score": 3.0, "attempts": 2},
    ]


def test_question_statistics_facility_discrimination_and_the_wrong_answer_in_words(loaded, labels: Labels) -> None:
    table = report_for(loaded, labels).summaries["item_statistics"].table
    # Scores per attempt (S1, A1, A2, B1, C1): q1 1 0 1 0 1, q2 1 0 1 1 1, q3 1 .5 .5 1 1 (of 1).
    # q1 against the rest (2 .5 1.5 2 2): r = 0.7 / sqrt(1.2 x 1.7) = 0.49; q2 against (2 .5 1.5 1 2):
    # r = 0.9 / sqrt(0.8 x 1.7) = 0.77; q3 against (2 0 2 1 2): r = 0.4 / sqrt(0.3 x 3.2) = 0.41.
    assert [(r["item_id"], r["attempts"], r["facility_pct"], r["discrimination"], r["most_chosen_wrong"], r["times_chosen"],
             r["flags"]) for r in records(table)] == [
        ("lundy-q1", 5, 60.0, 0.49, "Influence", 2, ""),
        ("lundy-q2", 5, 80.0, 0.77, "Audience", 1, ""),
        ("lundy-q3", 5, 80.0, 0.41, "Drawing instead of talking -> Space", 2, ""),
    ]
    assert table["question"].tolist() == ["Which comes first?", "Which give due weight?", "Sort these."]
    assert table["options"].tolist() == [
        "Space (right) | Influence", "Audience (right) | Influence (right) | Space",
        "A quiet room -> Space | Drawing instead of talking -> Voice",
    ]


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
    report = report_for(loaded, labels)
    assert records(report.summaries["item_change"].table) == [
        {"organisation": "Org B", "team": "Team 2", "instrument": "iv", "section": "4.1", "item_id": "iv-leaflets",
         "item": "Leaflets", "previous_date": "2025-03-01", "previous_rating": 1.0, "latest_date": "2026-03-01",
         "latest_rating": 3.0, "change": 2.0, "direction": "higher"},
        {"organisation": "Org B", "team": "Team 2", "instrument": "iv", "section": "4.1", "item_id": "iv-voice",
         "item": "Children choose how they are heard", "previous_date": "2025-03-01", "previous_rating": 2.0,
         "latest_date": "2026-03-01", "latest_rating": None, "change": None, "direction": "not compared (unrated in one round)"},
    ]
    # 2025: 1 + 2 of 6 points = 50%; 2026: 3 of 3 rated = 100%.
    assert records(report.summaries["section_change"].table) == [
        {"organisation": "Org B", "team": "Team 2", "instrument": "iv", "section": "4.1", "previous_date": "2025-03-01",
         "previous_pct": 50.0, "latest_date": "2026-03-01", "latest_pct": 100.0, "change_pts": 50.0, "items_lower": 0,
         "items_higher": 1},
    ]
    assert report.summaries["last_round_actions"].table.empty  # the 2025 round agreed no actions


def test_open_actions_overdue_first_with_days_overdue_and_owner(loaded, labels: Labels) -> None:
    table = report_for(loaded, labels).summaries["open_actions"].table
    assert [(r["status"], r["days_overdue"], r["organisation"], r["item_id"], r["action"], r["action_owner"], r["action_due"])
            for r in records(table)] == [
        ("overdue", 31, "Org C", "iv-voice", "Ask the children's council", "Cat", "2026-05-01"),
        ("not yet due", None, "Org B", "iv-leaflets", known.XSS_ACTION, "Bo", "2026-06-30"),
        ("no due date", None, "Org B", "iv-voice", known.FORMULA_ACTION, "", ""),
    ]


def test_every_view_follows_the_organisation_filter(loaded, labels: Labels) -> None:
    report = report_for(loaded, labels, organisations=("Org A",))
    tables = {name: s.table for name, s in report.summaries.items()}
    assert set(report.rows["organisation"]) == {"Org A"}
    assert records(tables["completion"])[0]["learners_started"] == 2 and len(tables["completion"]) == 1
    assert records(tables["module_results"])[0] == {
        "module": "The Lundy model", "quiz": "lundy", "attempts": 3, "learners": 2, "learners_passed": 1.0,
        "pass_rate_pct": 50.0, "mean_score_pct": round((100 + 25 + 75) / 3, 1)}
    assert tables["item_statistics"]["facility_pct"].tolist() == [66.7, 66.7, 66.7]
    assert records(tables["confidence"])[0]["after_n"] == 1
    assert tables["people"]["respondent"].tolist() == ["Ann", "Sam"]
    for name in ("ratings", "rating_distribution", "item_change", "section_change", "open_actions", "latest_sections"):
        assert tables[name].empty, name


def test_date_and_instrument_filters_narrow_the_years_compared(loaded, labels: Labels) -> None:
    report = report_for(loaded, labels, instruments=("iv",), start=date(2026, 1, 1), end=date(2026, 12, 31))
    tables = {name: s.table for name, s in report.summaries.items()}
    # Org B's 2025 round is outside the dates, yet its 2026 round is still compared with it.
    assert [(r["previous_date"], r["latest_date"], r["change"]) for r in records(tables["item_change"])] == [
        ("2025-03-01", "2026-03-01", 2.0), ("2025-03-01", "2026-03-01", None)]
    assert tables["completion"].empty and tables["module_results"].empty and tables["item_statistics"].empty
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
    statistics = report.summaries["item_statistics"].table
    assert statistics["question"].tolist() == ["lundy-q1", "lundy-q2", "lundy-q3"]
    assert statistics["most_chosen_wrong"].tolist() == ["b", "a", "s1=space;s2=space"] and set(statistics["options"]) == {""}


def test_no_results_gives_empty_tables_and_no_charts(labels: Labels) -> None:
    report = build_report(read_results([]), labels)
    for summary in report.summaries.values():
        assert summary.table.empty and summary.pngs() == []


def test_every_chart_draws_as_png_with_text_from_files_taken_literally(loaded, labels: Labels) -> None:
    report = report_for(loaded, labels)
    for summary in report.summaries.values():
        if summary.chart and len(summary.table):  # the impact review's charts draw in test_impact.py (no reviews here)
            pictures = summary.pngs()
            assert pictures and all(png.startswith(b"\x89PNG") for _, png in pictures), summary.name


def test_an_organisation_where_nobody_passed_still_shows_every_module(loaded, labels: Labels) -> None:
    table = report_for(loaded, labels, organisations=("Org B",)).summaries["completion"].table
    assert records(table) == [
        {"organisation": "Org B", "team": "Team 2", "learners_started": 1, "passed: The Lundy model": 0, "all_passed": 0},
    ]
