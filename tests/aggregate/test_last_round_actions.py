"""Last round's actions with the status the next round reported, on known data worked out by hand.

Instrument "iv" (known_results: items iv-leaflets, iv-voice; scale 0-3). Round 1 in 2025,
round 2 in 2026; round 2 reports on round 1's actions with rows of kind action_review.

| team (org)          | round 1 action (item, owner, due)                    | round 2 reports          |
|---------------------|------------------------------------------------------|--------------------------|
| Team 1 (Org A)      | Print leaflets (iv-leaflets, Ann, 2025-06-01)        | Done, "Printed 500 ..."  |
| Team 1 (Org A)      | Hold a children's panel (iv-voice, Bo, 2025-09-30)   | Partly done, "One held"  |
| Team 2 (Org A)      | Translate leaflets (iv-leaflets, Cy, 2025-05-01)     | Not started              |
| Team 2 (Org A)      | Ask children how to meet (iv-voice, Di, no date)     | see below: Not reported  |
| - (Org D)           | Hold an open day (iv-leaflets, Gus, 2025-07-01)      | row with no status: Not reported |
| - (Org D)           | Film the panel (iv-voice, Hal, 2025-08-01)           | No longer needed, "Consent refused" |
| - (Org B, old file) | Start a youth forum (iv-voice, Ed, 2025-12-31)       | no rows (older file): Not reported |

Team 2's round 2 reports "No longer needed" on iv-voice for "Run a survey", an action its round 1
never listed: it is not put against "Ask children how to meet". Org C has one round only.
Counts: Done 1, Partly done 1, Not started 1, No longer needed 1, Not reported 3.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from tests.aggregate import known_results as known
from tests.aggregate.test_summaries import records
from widgets.aggregate import Filters, Labels, build_report
from widgets.aggregate.comparison import status_counts
from widgets.aggregate.services import service_summary
from widgets.aggregate.sources import store_source
from widgets.report import main
from widgets.results import ResultsStore, read_results

TODAY = date(2026, 6, 1)


def review(name: str, when: str, organisation: str, team: str, item: str, action: str, owner: str, due: str,
           status: str, note: str = "") -> dict[str, str]:
    return {**known.assessment(name, when, organisation, team, f"action-review.{item}", status, action=action,
                               action_owner=owner, action_due=due, evidence=note),
            "kind": "action_review", "score": "", "max_score": ""}


def stored_rounds() -> list[dict[str, str]]:
    a = known.assessment
    return [
        a("a1-2025", "2025-03-01T10:00:00Z", "Org A", "Team 1", "iv-leaflets", "1", action="Print leaflets", action_owner="Ann",
          action_due="2025-06-01"),
        a("a1-2025", "2025-03-01T10:00:00Z", "Org A", "Team 1", "iv-voice", "0", action="Hold a children's panel",
          action_owner="Bo", action_due="2025-09-30"),
        a("a2-2025", "2025-03-01T10:00:00Z", "Org A", "Team 2", "iv-leaflets", "2", action="Translate leaflets",
          action_owner="Cy", action_due="2025-05-01"),
        a("a2-2025", "2025-03-01T10:00:00Z", "Org A", "Team 2", "iv-voice", "1", action="Ask children how to meet", action_owner="Di"),
        a("a1-2026", "2026-03-02T10:00:00Z", "Org A", "Team 1", "iv-leaflets", "3"),
        a("a1-2026", "2026-03-02T10:00:00Z", "Org A", "Team 1", "iv-voice", "1", action="Hold the second panel", action_owner="Bo",
          action_due="2026-09-30"),
        review("a1-2026", "2026-03-02T10:00:00Z", "Org A", "Team 1", "iv-leaflets", "Print leaflets", "Ann", "2025-06-01", "done",
               "Printed 500, in every waiting room"),
        review("a1-2026", "2026-03-02T10:00:00Z", "Org A", "Team 1", "iv-voice", "Hold a children's panel", "Bo", "2025-09-30",
               "partly", "One held; the second is booked"),
        a("a2-2026", "2026-03-02T11:00:00Z", "Org A", "Team 2", "iv-leaflets", "2"),
        a("a2-2026", "2026-03-02T11:00:00Z", "Org A", "Team 2", "iv-voice", "2"),
        review("a2-2026", "2026-03-02T11:00:00Z", "Org A", "Team 2", "iv-leaflets", "Translate leaflets", "Cy", "2025-05-01",
               "not-started"),
        review("a2-2026", "2026-03-02T11:00:00Z", "Org A", "Team 2", "iv-voice", "Run a survey", "Di", "", "no-longer-needed"),
    ]


def org_d() -> bytes:
    """Org D's rounds, sent in as a file from another service's workbook."""
    a = known.assessment
    return known.csv_bytes([
        a("d-2025", "2025-05-01T09:00:00Z", "Org D", "", "iv-leaflets", "0", action="Hold an open day", action_owner="Gus",
          action_due="2025-07-01"),
        a("d-2025", "2025-05-01T09:00:00Z", "Org D", "", "iv-voice", "0", action="Film the panel", action_owner="Hal",
          action_due="2025-08-01"),
        a("d-2026", "2026-05-01T09:00:00Z", "Org D", "", "iv-leaflets", "1"),
        a("d-2026", "2026-05-01T09:00:00Z", "Org D", "", "iv-voice", "1"),
        review("d-2026", "2026-05-01T09:00:00Z", "Org D", "", "iv-leaflets", "Hold an open day", "Gus", "2025-07-01", ""),
        review("d-2026", "2026-05-01T09:00:00Z", "Org D", "", "iv-voice", "Film the panel", "Hal", "2025-08-01", "no-longer-needed",
               "Consent refused"),
    ])


def older_file() -> bytes:
    """Org B's rounds, as a workbook from before action reviews wrote them: no such rows."""
    a = known.assessment
    return known.csv_bytes([
        a("b-2025", "2025-04-01T09:00:00Z", "Org B", "", "iv-leaflets", "1"),
        a("b-2025", "2025-04-01T09:00:00Z", "Org B", "", "iv-voice", "1", action="Start a youth forum", action_owner="Ed",
          action_due="2025-12-31"),
        a("b-2026", "2026-04-01T09:00:00Z", "Org B", "", "iv-leaflets", "2"),
        a("b-2026", "2026-04-01T09:00:00Z", "Org B", "", "iv-voice", "2"),
        a("c-2026", "2026-04-02T09:00:00Z", "Org C", "", "iv-voice", "3", action="Share the minutes", action_owner="Flo"),
    ])


@pytest.fixture
def labels(tmp_path: Path) -> Labels:
    return Labels.from_content(known.content(tmp_path / "content"))


@pytest.fixture
def store(tmp_path: Path) -> ResultsStore:
    store = ResultsStore(tmp_path / "results")
    assert store.import_rows(stored_rounds(), origin="test").added == 12
    return store


def loaded(store: ResultsStore):
    return read_results(store_source(store) + [("org-d.csv", org_d()), ("org-b-older.csv", older_file())])


EXPECTED = [  # organisation, team, item, action, owner, due, previous, latest, status, note
    ("Org A", "Team 1", "iv-leaflets", "Print leaflets", "Ann", "2025-06-01", "2025-03-01", "2026-03-02", "Done",
     "Printed 500, in every waiting room"),
    ("Org A", "Team 1", "iv-voice", "Hold a children's panel", "Bo", "2025-09-30", "2025-03-01", "2026-03-02", "Partly done",
     "One held; the second is booked"),
    ("Org A", "Team 2", "iv-voice", "Ask children how to meet", "Di", "", "2025-03-01", "2026-03-02", "Not reported", ""),
    ("Org A", "Team 2", "iv-leaflets", "Translate leaflets", "Cy", "2025-05-01", "2025-03-01", "2026-03-02", "Not started", ""),
    ("Org B", "", "iv-voice", "Start a youth forum", "Ed", "2025-12-31", "2025-04-01", "2026-04-01", "Not reported", ""),
    ("Org D", "", "iv-leaflets", "Hold an open day", "Gus", "2025-07-01", "2025-05-01", "2026-05-01", "Not reported", ""),
    ("Org D", "", "iv-voice", "Film the panel", "Hal", "2025-08-01", "2025-05-01", "2026-05-01", "No longer needed", "Consent refused"),
]


def rows_of(table) -> list[tuple]:
    return [(r["organisation"], r["team"], r["item_id"], r["action"], r["action_owner"], r["action_due"], r["previous_date"],
             r["latest_date"], r["status"], r["note"]) for r in records(table)]


def test_last_round_s_actions_with_the_status_this_round_reported(store: ResultsStore, labels: Labels) -> None:
    loaded_rows = loaded(store)
    assert [report.ok for report in loaded_rows.reports] == [True, True, True]  # the older file loads as it is
    table = build_report(loaded_rows, labels, today=TODAY).summaries["last_round_actions"].table
    assert rows_of(table) == EXPECTED
    assert records(table)[0]["item"] == "Leaflets" and records(table)[1]["item"] == "Children choose how they are heard"
    assert status_counts(table) == {"Done": 1, "Partly done": 1, "Not started": 1, "No longer needed": 1, "Not reported": 3}


def test_a_filtered_year_still_finds_last_year_s_actions(store: ResultsStore, labels: Labels) -> None:
    this_year = build_report(loaded(store), labels, Filters(start=date(2026, 1, 1)), TODAY)
    assert rows_of(this_year.summaries["last_round_actions"].table) == EXPECTED
    org_d_only = build_report(loaded(store), labels, Filters(organisations=("Org D",), end=date(2026, 12, 31)), TODAY)
    assert rows_of(org_d_only.summaries["last_round_actions"].table) == EXPECTED[5:]
    team_2 = build_report(loaded(store), labels, Filters(teams=("Team 2",), start=date(2026, 1, 1)), TODAY)
    assert rows_of(team_2.summaries["last_round_actions"].table) == EXPECTED[2:4]


def test_reported_statuses_are_in_no_rating_view_and_no_open_action(store: ResultsStore, labels: Labels) -> None:
    report = build_report(loaded(store), labels, today=TODAY)
    items = set(report.summaries["rating_distribution"].table["item_id"]) | set(report.summaries["ratings"].table["item_id"])
    assert items == {"iv-leaflets", "iv-voice"}
    open_actions = report.summaries["open_actions"].table
    assert sorted(open_actions["action"]) == ["Hold the second panel", "Share the minutes"]
    assert set(report.summaries["item_change"].table["item_id"]) == {"iv-leaflets", "iv-voice"}


def test_the_service_summary_and_the_cli_show_them(store: ResultsStore, labels: Labels, tmp_path: Path) -> None:
    summary = service_summary(build_report(loaded(store), labels, today=TODAY), "org a")
    assert summary.headline["last round's actions"] == 4 and summary.headline["last round's actions reported done"] == 1
    assert summary.tables["last_round_actions"][1]["status"].tolist() == ["Done", "Partly done", "Not reported", "Not started"]
    sent = tmp_path / "sent"
    sent.mkdir()
    (sent / "store.csv").write_bytes(store.path.read_bytes())
    (sent / "org-b-older.csv").write_bytes(older_file())
    out = io.StringIO()
    main([str(sent), "--out", str(tmp_path / "out"), "--format", "csv", "--service", "Org A"], out)
    printed = out.getvalue()
    assert ("Last round's actions: 5; done 1, partly done 1, not started 1, no longer needed 0, not reported 2 "
            "(last_round_actions.csv).") in printed
    assert "Last round (2025-03-01), Team 1: Print leaflets - Done in the round of 2026-03-02 (Printed 500, in every waiting room)" in printed
    written = (tmp_path / "out" / "last_round_actions.csv").read_text(encoding="utf-8-sig")
    assert "Partly done" in written and "One held; the second is booked" in written
