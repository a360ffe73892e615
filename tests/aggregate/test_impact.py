"""The impact review's figures on known data, worked out by hand.

Content: the builders' one module (quiz "lundy", outcome lo-space via known_results), follow-up
after 12 months, frameworks lundy and treseder. The day counted from: 1 March 2026.

| learner (org / team)  | passed lundy           | due          | review sent (lo-space, lundy, treseder) | confidence before, after |
|-----------------------|------------------------|--------------|-----------------------------------------|--------------------------|
| Ann (Org A / Team 1)  | 2025-01-31 (2nd try)   | 2026-01-31   | 2026-02-10: 5, yes, no                  | 2, 4                     |
| Bo  (Org A / Team 2)  | 2025-02-28             | 2026-02-28   | -                                       | 1, 3                     |
| Cy  (Org A / Team 1)  | 2025-03-31             | 2026-03-31   | - (not due yet)                         | 3, 4                     |
| Di  (Org A / Team 1)  | 2024-02-29 (leap day)  | 2025-02-28   | 2025-03-05: 3, yes, yes                 | 4, 5                     |
| Ed  (Org B / -)       | never (one failed try) | -            | -                                       | -                        |
| Fay (Org B / Team 3)  | 2024-12-15             | 2025-12-15   | -                                       | 2, -                     |

Due on 2026-03-01: Fay (76 days since due), then Bo (1 day); Bo's resume code is known.
Org A / Team 1 lo-space: before (2+3+4)/3 = 3.0, after (4+4+5)/3 = 4.33, follow-up (5+3)/2 = 4.0,
change since after 4.0 - 4.333 = -0.33. Frameworks in Team 1: lundy 2 of 2 (100%), treseder 1 of 2 (50%).
"""

from __future__ import annotations

import io
import math
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from tests.aggregate import known_results as known
from tests.builders import result_row, valid_content, write_content
from widgets.aggregate import Filters, Labels, build_report
from widgets.follow_up.review import due_on
from widgets.report import main
from widgets.results import ResultsStore, read_results

PASS, FAIL = ("a", "a;b", "s1=space;s2=voice"), ("b", "a", "s1=space;s2=space")
TODAY = date(2026, 3, 1)


def review(name: str, when: str, organisation: str, team: str, who: str, rating: int, lundy: str, treseder: str) -> list[dict[str, str]]:
    common = dict(submission_id=known._id(name), submitted_at=when, kind="follow_up", instrument="impact-review",
                  organisation=organisation, team=team, respondent=who, score="", max_score="")
    return [result_row(**common, item_id="lo-space", response=str(rating)),
            result_row(**common, item_id="framework.lundy", response=lundy),
            result_row(**common, item_id="framework.treseder", response=treseder),
            result_row(**common, item_id="example", response="", evidence=f"{who}'s example: we moved the meeting.")]


def rows() -> list[dict[str, str]]:
    c = known.confidence
    return [
        *known.attempt("ann-1", "2025-01-20T09:00:00Z", "Org A", "Team 1", "Ann", FAIL),
        *known.attempt("ann-2", "2025-01-31T10:00:00Z", "Org A", "Team 1", "Ann", PASS),
        *known.attempt("ann-3", "2025-06-01T10:00:00Z", "Org A", "Team 1", "Ann", PASS),  # a later pass moves nothing
        *known.attempt("bo-1", "2025-02-28T23:30:00Z", "Org A", "Team 2", "Bo", PASS),
        *known.attempt("cy-1", "2025-03-31T08:00:00Z", "Org A", "Team 1", "Cy", PASS),
        *known.attempt("di-1", "2024-02-29T12:00:00Z", "Org A", "Team 1", "Di", PASS),
        *known.attempt("ed-1", "2024-01-10T12:00:00Z", "Org B", "", "Ed", FAIL),
        *known.attempt("fay-1", "2024-12-15T12:00:00Z", "Org B", "Team 3", "Fay", PASS),
        c("ann-b", "before", "2025-01-19T09:00:00Z", "Org A", "Team 1", "Ann", 2),
        c("ann-a", "after", "2025-01-31T10:05:00Z", "Org A", "Team 1", "Ann", 4),
        c("bo-b", "before", "2025-02-01T09:00:00Z", "Org A", "Team 2", "Bo", 1),
        c("bo-a", "after", "2025-02-28T23:40:00Z", "Org A", "Team 2", "Bo", 3),
        c("cy-b", "before", "2025-03-01T09:00:00Z", "Org A", "Team 1", "Cy", 3),
        c("cy-a", "after", "2025-03-31T08:10:00Z", "Org A", "Team 1", "Cy", 4),
        c("di-b", "before", "2024-02-01T09:00:00Z", "Org A", "Team 1", "Di", 4),
        c("di-a", "after", "2024-02-29T12:10:00Z", "Org A", "Team 1", "Di", 5),
        c("fay-b", "before", "2024-12-01T09:00:00Z", "Org B", "Team 3", "Fay", 2),
        *review("ann-r", "2026-02-10T15:00:00Z", "Org A", "Team 1", "Ann", 5, "yes", "no"),
        *review("di-r", "2025-03-05T15:00:00Z", "Org A", "Team 1", "Di", 3, "yes", "yes"),
    ]


@pytest.fixture
def labels(tmp_path: Path) -> Labels:
    return Labels.from_content(known.content(tmp_path))


def report(labels: Labels, **options):
    return build_report(read_results([("known.csv", known.csv_bytes(rows()))]), labels, today=TODAY,
                        codes={known._id("bo-1"): "BBBB-2222"}, **options)


@pytest.mark.parametrize("passed, months, due", [
    (date(2025, 1, 31), 12, date(2026, 1, 31)), (date(2024, 2, 29), 12, date(2025, 2, 28)),
    (date(2025, 3, 31), 11, date(2026, 2, 28)), (date(2027, 3, 31), 11, date(2028, 2, 29)),
    (date(2025, 11, 30), 3, date(2026, 2, 28)), (date(2025, 12, 15), 1, date(2026, 1, 15)),
])
def test_the_review_is_due_calendar_months_after_the_last_pass(passed: date, months: int, due: date) -> None:
    assert due_on(passed, months) == due


def test_who_is_due_a_review_longest_waiting_first_with_the_link_to_send(labels: Labels) -> None:
    table = report(labels).summaries["follow_up_due"].table
    assert table[["respondent", "organisation", "team"]].values.tolist() == [["Fay", "Org B", "Team 3"], ["Bo", "Org A", "Team 2"]]
    assert table["passed_all_on"].tolist() == [date(2024, 12, 15), date(2025, 2, 28)]
    assert table["follow_up_due"].tolist() == [date(2025, 12, 15), date(2026, 2, 28)]
    assert table["days_since_due"].tolist() == [76, 1]
    assert table["resume_code"].tolist() == ["", "BBBB-2222"]
    assert table["link"].tolist() == ["", "follow_up.ipynb?code=BBBB-2222"]


def test_the_due_list_follows_the_day_and_the_setting(labels: Labels) -> None:
    assert report(labels).summaries["follow_up_due"].table.shape[0] == 2
    later = build_report(read_results([("known.csv", known.csv_bytes(rows()))]), labels, today=date(2026, 3, 31))
    assert later.summaries["follow_up_due"].table["respondent"].tolist() == ["Fay", "Bo", "Cy"]
    sooner = Labels(**{**labels.__dict__, "follow_up_months": 6})
    assert build_report(read_results([("k", known.csv_bytes(rows()))]), sooner, today=TODAY).summaries[
        "follow_up_due"].table["respondent"].tolist() == ["Fay", "Bo", "Cy"]  # Cy: 30 Sep 2025


def test_confidence_before_after_and_at_the_follow_up_per_outcome_and_team(labels: Labels) -> None:
    table = report(labels).summaries["impact_confidence"].table.set_index(["organisation", "team"])
    team_1 = table.loc[("Org A", "Team 1")]
    assert (team_1["before_n"], team_1["before_mean"], team_1["after_n"], team_1["after_mean"]) == (3, 3.0, 3, 4.33)
    assert (team_1["follow_up_n"], team_1["follow_up_mean"], team_1["change_since_after"]) == (2, 4.0, -0.33)
    assert team_1["outcome"] == "Explain why Space comes first"
    team_2 = table.loc[("Org A", "Team 2")]
    assert (team_2["before_mean"], team_2["after_mean"], team_2["follow_up_n"]) == (1.0, 3.0, 0)
    assert math.isnan(team_2["follow_up_mean"])
    assert table.loc[("Org B", "Team 3")]["before_mean"] == 2.0
    assert len(table) == 3


def test_the_share_of_each_team_that_used_each_framework(labels: Labels) -> None:
    table = report(labels).summaries["impact_practice"].table
    assert table[["organisation", "team", "framework", "answered", "used", "used_pct"]].values.tolist() == [
        ["Org A", "Team 1", "The Lundy model", 2, 2, 100.0],
        ["Org A", "Team 1", "Treseder's degrees", 2, 1, 50.0],
    ]


def test_the_impact_charts_draw(labels: Labels) -> None:
    summaries = report(labels).summaries
    assert all(png.startswith(b"\x89PNG") for _, png in summaries["impact_confidence"].pngs())
    assert all(png.startswith(b"\x89PNG") for _, png in summaries["impact_practice"].pngs())


def test_a_review_answer_that_is_not_allowed_is_rejected_with_its_line(labels: Labels) -> None:
    bad = review("bad-r", "2026-02-10T15:00:00Z", "Org A", "Team 1", "Gus", 4, "maybe", "no")
    loaded = read_results([("bad.csv", known.csv_bytes(bad))])
    assert loaded.reports[0].rejected == [(3, "an impact review answer must be 1 to 5, yes, no or empty")]
    assert loaded.reports[0].accepted == 3


def test_the_cli_writes_the_impact_tables_and_says_the_figures(tmp_path: Path) -> None:
    folder = tmp_path / "results"
    store = ResultsStore(folder)
    store.import_rows(rows(), "import: known.csv")
    tree = valid_content()  # the content known.content() loads, as a folder for the CLI
    tree["modules/lundy.yaml"]["learning_outcomes"] = [{"id": "lo-space", "text": "Explain why Space comes first"}]
    content_dir, pages = write_content(tmp_path / "content", tree)
    out = io.StringIO()
    status = main([str(folder / "results.csv"), "--out", str(tmp_path / "out"), "--content", str(content_dir),
                   "--pages", str(pages), "--due-on", "2026-03-01", "--format", "csv"], out)
    printed = out.getvalue()
    assert status == 0, printed
    assert "Impact reviews: 2; 2 learner(s) due one (follow_up_due.csv)." in printed
    assert "Used The Lundy model in practice: 2 of 2 (100%)." in printed
    assert "Used Treseder's degrees in practice: 1 of 2 (50%)." in printed
    due = pd.read_csv(tmp_path / "out" / "follow_up_due.csv", encoding="utf-8-sig")
    assert due["respondent"].tolist() == ["Fay", "Bo"] and due["days_since_due"].tolist() == [76, 1]
    practice = pd.read_csv(tmp_path / "out" / "impact_practice.csv", encoding="utf-8-sig")
    assert practice["used_pct"].tolist() == [100.0, 50.0]


@pytest.mark.parametrize("start, end", [(date(2026, 1, 1), None), (date(2025, 1, 1), date(2025, 12, 31))])
def test_the_date_filter_never_hides_who_is_due_a_review(labels: Labels, start: date, end: date | None) -> None:
    # "This year" (2026) holds none of the passes: Fay and Bo are still due, Di (reviewed in 2025) is not.
    # "Last year" (2025) holds no review of Ann's (sent 2026-02-10): she has sent it, so she is not due.
    table = report(labels, filters=Filters(start=start, end=end)).summaries["follow_up_due"].table
    assert table["respondent"].tolist() == ["Fay", "Bo"]
    assert table["days_since_due"].tolist() == [76, 1]
