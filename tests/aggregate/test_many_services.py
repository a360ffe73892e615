"""Every view on many services over two years (tests/aggregate/many_services.py), against
figures worked out by hand: two teams of one organisation on the same day, a filtered year,
sixty services with nothing dropped, overdue actions, question statistics, people by name."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tests.aggregate import many_services as many
from tests.aggregate.test_summaries import records
from widgets.aggregate import Filters, Labels, Report, build_report
from widgets.aggregate import exports
from widgets.aggregate.charts import PAGE_ROWS, page_count, page_of, parts
from widgets.aggregate.services import service_summary
from widgets.aggregate.sources import store_source
from widgets.aggregate.training import people_shown
from widgets.errors import Refused
from widgets.results import ResultsStore, read_results


@pytest.fixture(scope="module")
def labels(tmp_path_factory: pytest.TempPathFactory) -> Labels:
    return Labels.from_content(many.content(tmp_path_factory.mktemp("content")))


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory):
    store = ResultsStore(many.write_store(tmp_path_factory.mktemp("store") / "results"))
    return read_results(store_source(store) + many.uploads())


def report_for(loaded, labels: Labels, **filters) -> Report:
    return build_report(loaded, labels, Filters(**filters), many.TODAY)


EAST = {"organisation": "Northshire", "team": "Team East", "instrument": "iv", "previous_date": "2025-03-03", "latest_date": "2026-03-02"}
WEST = {"organisation": "Northshire", "team": "Team West", "instrument": "iv", "previous_date": "2025-03-04", "latest_date": "2026-03-02"}
ITEM_CHANGES = [  # (team, item, previous, latest, change, direction)
    ("Team East", "iv-leaflets", 1.0, 2.0, 1.0, "higher"), ("Team East", "iv-voice", 2.0, 1.0, -1.0, "lower"),
    ("Team East", "iv-review", 2.0, 3.0, 1.0, "higher"),
    ("Team West", "iv-leaflets", 0.0, 3.0, 3.0, "higher"), ("Team West", "iv-voice", 3.0, 2.0, -1.0, "lower"),
    ("Team West", "iv-review", 0.0, 1.0, 1.0, "higher"),
]


def item_changes(report: Report) -> list[tuple]:
    return [(r["team"], r["item_id"], r["previous_rating"], r["latest_rating"], r["change"], r["direction"])
            for r in records(report.summaries["item_change"].table)]


def test_two_teams_of_one_organisation_on_the_same_day_are_each_compared_with_their_own_last_round(loaded, labels) -> None:
    report = report_for(loaded, labels)
    assert item_changes(report) == ITEM_CHANGES
    first = records(report.summaries["item_change"].table)[0]
    assert {k: first[k] for k in EAST} == EAST and first["section"] == "4.1" and first["item"] == "Leaflets"
    # East 4.1: (1+2)/6 = 50% -> (2+1)/6 = 50%, yet iv-voice dropped; West 4.1: 50% -> (3+2)/6 = 83.3%, iv-voice dropped.
    assert records(report.summaries["section_change"].table) == [
        {**EAST, "section": "4.1", "previous_pct": 50.0, "latest_pct": 50.0, "change_pts": 0.0, "items_lower": 1, "items_higher": 1},
        {**EAST, "section": "4.2", "previous_pct": 66.7, "latest_pct": 100.0, "change_pts": 33.3, "items_lower": 0, "items_higher": 1},
        {**WEST, "section": "4.1", "previous_pct": 50.0, "latest_pct": 83.3, "change_pts": 33.3, "items_lower": 1, "items_higher": 1},
        {**WEST, "section": "4.2", "previous_pct": 0.0, "latest_pct": 33.3, "change_pts": 33.3, "items_lower": 0, "items_higher": 1},
    ]


def test_a_filtered_year_still_compares_with_the_year_before(loaded, labels) -> None:
    report = report_for(loaded, labels, start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert item_changes(report) == ITEM_CHANGES
    west = report_for(loaded, labels, organisations=("Northshire",), teams=("Team West",), start=date(2026, 1, 1))
    assert item_changes(west) == ITEM_CHANGES[3:]


def test_last_rounds_actions_are_not_reported_by_rounds_without_action_reviews(loaded, labels) -> None:
    # These rounds (files and store rows as older workbooks wrote them) report nothing on last round's actions.
    table = report_for(loaded, labels).summaries["last_round_actions"].table
    assert [(r["team"], r["item_id"], r["action"], r["action_owner"], r["action_due"], r["previous_date"], r["status"], r["note"])
            for r in records(table)] == [
        ("Team East", "iv-leaflets", "Print leaflets", "Eve", "2025-06-01", "2025-03-03", "Not reported", ""),
        ("Team West", "iv-voice", "Hold a children's panel", "Wes", "2025-09-30", "2025-03-04", "Not reported", ""),
    ]


def test_overdue_actions_come_first_with_days_overdue_and_owner(loaded, labels) -> None:
    table = report_for(loaded, labels).summaries["open_actions"].table
    assert [(r["status"], r["days_overdue"], r["organisation"], r["team"], r["action_owner"], r["action_due"]) for r in records(table)] == [
        ("overdue", 61, "Northshire", "Team West", "Wes", "2026-04-01"),
        ("overdue", 10, "Northshire", "Team East", "Eve", "2026-05-22"),
        ("not yet due", None, "Service 01", "Team A", "Ola", "2099-12-31"),
        ("no due date", None, "Service 02", "Team A", "Ben", ""),
    ]


def test_sixty_services_are_all_in_every_chart_page_by_page(loaded, labels) -> None:
    report = report_for(loaded, labels)
    completion = report.summaries["completion"]
    assert len(completion.table) == 62  # 60 services and Northshire's two teams
    assert page_count(completion.chart, completion.table) == 2
    pages = [page_of(completion.chart, completion.table, n) for n in range(2)]
    assert [shown.text() for _, shown in pages] == ["showing 1-40 of 62 rows", "showing 41-62 of 62 rows"]
    assert pd.concat([rows for rows, _ in pages]).equals(completion.table)
    ratings = report.summaries["ratings"]
    split = parts(ratings.chart, ratings.table)
    assert [name for name, _ in split] == ["iv", "lundy-check"]  # one heatmap per instrument
    iv = split[0][1]
    shown = [page_of(ratings.chart, iv, n)[1].text() for n in range(page_count(ratings.chart, iv))]
    assert shown == ["showing 1-40 of 61 organisations", "showing 41-61 of 61 organisations"]
    seen = set().union(*(set(page_of(ratings.chart, iv, n)[0]["organisation"]) for n in range(2)))
    assert seen == {*many.SERVICES, "Northshire"}
    assert PAGE_ROWS == 40
    names = [suffix for suffix, _ in ratings.pngs()]
    assert names == ["-iv-1", "-iv-2", "-lundy-check-1"]
    assert [suffix for suffix, _ in completion.pngs()] == ["-1", "-2"]


def test_question_statistics_flag_what_looks_broken(loaded, labels) -> None:
    table = report_for(loaded, labels).summaries["item_statistics"].table
    # 62 Lundy attempts: q1 right for the 30 even services, Élodie and Tom (32); the rest of
    # every attempt scores 3 but Tom's (2, with q1 right): r = (62x95 - 32x185) / sqrt(960 x 61) = -0.12.
    # q3: 2 of 2 but Tom's 1, against rests of 2 (evens, Élodie, Tom) or 1 (odds):
    # r = (62x186 - 123x94) / sqrt(61 x 960) = -0.12 (Tom, weakest on q3, is strong on the rest).
    assert [(r["quiz"], r["item_id"], r["attempts"], r["facility_pct"], r["discrimination"], r["flags"]) for r in records(table)] == [
        ("lundy", "lundy-q1", 62, 51.6, -0.12, "negative discrimination"),
        ("lundy", "lundy-q2", 62, 100.0, None, "facility above 95%"),
        ("lundy", "lundy-q3", 62, 99.2, -0.12, "negative discrimination; facility above 95%"),
        ("treseder", "t-q1", 1, 100.0, None, "facility above 95%"),
    ]
    assert table["most_chosen_wrong"].tolist() == ["Influence", "", "Drawing instead of talking -> Space", ""]


def test_people_by_name_who_started_passed_and_finished(loaded, labels) -> None:
    table = report_for(loaded, labels, organisations=("Northshire",)).summaries["people"].table
    assert records(table) == [
        {"organisation": "Northshire", "team": "Team East", "respondent": many.ELODIE, "started": "2026-02-01",
         "module: The Lundy model": "passed 2026-02-01", "module: Degrees of participation": "passed 2026-02-02",
         "modules_passed": "2 of 2", "finished": "yes"},
        {"organisation": "Northshire", "team": "Team West", "respondent": "Tom Reed", "started": "2026-02-03",
         "module: The Lundy model": "tried, not passed", "module: Degrees of participation": "not started",
         "modules_passed": "0 of 2", "finished": "no"},
    ]
    everyone = report_for(loaded, labels).summaries["people"].table
    assert len(everyone) == 62
    assert len(people_shown(everyone, "not_finished", labels)) == 61
    not_lundy = people_shown(everyone, "not_passed:lundy", labels)
    assert len(not_lundy) == 31 and "Tom Reed" in set(not_lundy["respondent"]) and "Learner 01" in set(not_lundy["respondent"])
    assert len(people_shown(everyone, "nothing_passed", labels)) == 31
    with pytest.raises(Refused, match="no list called 'not_passed:nothing'"):
        people_shown(everyone, "not_passed:nothing", labels)


def test_a_service_summary_has_its_completion_latest_ratings_and_actions(loaded, labels) -> None:
    summary = service_summary(report_for(loaded, labels), " northshire ")
    assert summary.headline == {"learners started": 2, "learners who passed every module": 1, "open actions": 2, "overdue actions": 2,
                                "last round's actions": 2, "last round's actions reported done": 0}
    sections = summary.tables["latest_sections"][1]
    assert [(r["team"], r["section"], r["score_pct"]) for r in records(sections)] == [
        ("Team East", "4.1", 50.0), ("Team East", "4.2", 100.0), ("Team West", "4.1", 83.3), ("Team West", "4.2", 33.3)]
    assert summary.tables["open_actions"][1]["days_overdue"].tolist() == [61, 10]
    with pytest.raises(Refused, match="No results for 'Nowhere'"):
        service_summary(report_for(loaded, labels), "Nowhere")


def test_csv_exports_are_utf8_with_a_byte_order_mark_so_excel_keeps_accents(loaded, labels) -> None:
    files = {f.filename: f.data for f in exports.exporter("csv").files(report_for(loaded, labels), with_results=False)}
    assert "results.csv" not in files
    people = files["people.csv"]
    assert people.startswith(b"\xef\xbb\xbf") and "Élodie Brun".encode() in people
    assert pd.read_csv(io.BytesIO(people), encoding="utf-8-sig")["respondent"].iloc[0] == many.ELODIE


def test_a_table_longer_than_a_sheet_runs_on_over_numbered_sheets(loaded, labels, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exports, "EXCEL_MOST_ROWS", 100)
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 50)
    said: list[str] = []
    report = report_for(loaded, labels)
    data = exports.exporter("xlsx").files(report, with_results=True, progress=said.append)[0].data
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    assert len(report.rows) == 384  # 13 in the store, 6 + 60 x 6 + 5 uploaded
    sheets = ["results", "results (2)", "results (3)", "results (4)"]
    assert [name for name in workbook.sheetnames if name.startswith("results")] == sheets
    assert [sum(1 for _ in workbook[name].iter_rows()) for name in sheets] == [101, 101, 101, 85]  # a header and up to 100 rows each
    notes = [row for row in workbook["about"].iter_rows(values_only=True) if row[0] == "results"]
    assert notes == [("results", "384 rows: more than a sheet holds, so they run on over 4 sheets, 'results' to 'results (4)'")]
    assert "results: 50 of 100 rows written..." in said and said[-1] == "Packing the workbook..."
    summaries_only = exports.exporter("xlsx").files(report, with_results=False)[0].data
    assert "results" not in openpyxl.load_workbook(io.BytesIO(summaries_only), read_only=True).sheetnames
