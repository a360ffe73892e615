"""Reading results back: bad rows reported by file and line and skipped, good rows all kept,
the same submission counted once."""

from __future__ import annotations

import csv
import io
import logging
from pathlib import Path

import pytest

from tests.aggregate import known_results as known
from tests.builders import result_row
from widgets.results import COLUMNS, read_results, reader


def csv_bytes(rows: list[dict[str, str]], columns: list[str] | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns or list(COLUMNS), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def with_a_wide_row(data: bytes) -> bytes:
    """The file with a row of one value too many at the end, which has it read row by row."""
    return data + data.splitlines()[1] + b",extra\n"


def last_value_opens_a_quote() -> bytes:
    """Line 3's last value opens a quote that nothing closes (a parser may take it to the end)."""
    return csv_bytes([result_row(), result_row()]).removesuffix(b"\n") + b'"Consulted\n'


def unreadable_files() -> dict[str, tuple[bytes, str]]:
    """The broken uploads, and the same problems read the other way (at once, or row by row), or
    where a parser could take the open quote to the end of the file."""
    files = known.broken_uploads()
    too_long, too_long_reason = files["value-too-long"]
    opens_a_quote = files["quote-never-closed"][0].splitlines()[2] + b"\n"
    return {
        **files,
        "value-too-long-read-at-once": (too_long.removesuffix(b"\r\n"), too_long_reason),
        "quote-never-closed-in-the-last-value": (last_value_opens_a_quote(), "line 3 has a quote that is never closed"),
        "quote-never-closed-after-a-wide-row": (with_a_wide_row(csv_bytes([result_row()])) + opens_a_quote,
                                                "line 4 has a quote that is never closed"),
        "text-after-a-closing-quote": (with_a_wide_row(csv_bytes([result_row()]).replace(b",Org A,", b',"Org A"x,')),
                                       "line 2 has text after a closing quote: a quote inside a value is written twice, "
                                       "with the value in quotes"),
    }


UNREADABLE = unreadable_files()


def test_bad_rows_are_reported_by_line_and_every_good_row_loads() -> None:
    rows = [
        result_row(evidence="two\nlines"),  # line 2-3
        result_row(kind="exam"),  # line 4
        result_row(),  # line 5
        result_row(submission_id="not-a-uuid"),  # line 6
        result_row(submitted_at="yesterday"),  # line 7
        result_row(score="2", max_score="1"),  # line 8
        result_row(kind="confidence", response="9", score="", max_score=""),  # line 9
        result_row(organisation=""),  # line 10
        result_row(action_due="31/03/2027"),  # line 11
        result_row(score="", max_score="1"),  # line 12
        result_row(action_due="2027-03-31"),  # line 13
    ]
    result = read_results([("service-b.csv", csv_bytes(rows))])
    report = result.reports[0]
    assert report.rejected == [
        (4, "kind 'exam' is not one of quiz, confidence, assessment, follow_up, action_review"),
        (6, "submission_id 'not-a-uuid' is not a UUID"),
        (7, "submitted_at 'yesterday' is not an ISO 8601 date and time"),
        (8, "score must be between 0 and max_score (above 0)"),
        (9, "a confidence rating must be 1 to 5"),
        (10, "organisation is empty"),
        (11, "action_due '31/03/2027' is not a date like 2027-03-31"),
        (12, "score and max_score must both be given or both be empty"),
    ]
    assert report.accepted == 3
    assert len(result.rows) == 3
    assert result.rows.loc[0, "evidence"] == "two\nlines"
    assert str(result.rows["submitted_at"].dtype).startswith("datetime64")
    assert report.summary() == "service-b.csv: 3 rows accepted, 8 rejected"


def test_rows_of_the_wrong_width_and_blank_lines_are_numbered_exactly() -> None:
    good = csv_bytes([result_row(), result_row(evidence="a\nb"), result_row()]).decode()
    lines = good.split("\n")
    # header, row (2), row (3-4), row (5): add a too-wide row after line 3-4 and a blank line.
    text = "\n".join(lines[:4] + [lines[4] + ",extra", "", lines[4].replace("lundy-q1", "lundy-q9")]) + "\n"
    result = read_results([("odd.csv", text.encode())])
    assert result.reports[0].rejected == [(5, "expected 20 values, found 21")]
    assert len(result.rows) == 3


def test_the_same_submission_seen_twice_is_counted_once() -> None:
    shared = [result_row(item_id="lundy-q1"), result_row(item_id="lundy-q2")]
    first = csv_bytes(shared + [result_row()])
    second = csv_bytes(shared)  # the same rows sent in again by another route
    result = read_results([("store", first), ("upload.csv", second), ("again.csv", first)])
    assert [r.accepted for r in result.reports] == [3, 0, 0]
    assert [r.duplicates for r in result.reports] == [0, 2, 3]
    assert len(result.rows) == 3


def test_files_from_other_services_may_leave_out_the_optional_columns() -> None:
    core = list(COLUMNS)[:16]
    result = read_results([("core-only.csv", csv_bytes([result_row()], core))])
    assert result.reports[0].ok and len(result.rows) == 1
    assert result.rows.loc[0, "children_say"] == ""


def test_one_bad_file_never_stops_the_others(tmp_path: Path) -> None:
    missing = tmp_path / "gone.csv"
    result = read_results([
        ("not-results.csv", b"name,score\nSam,3\n"),
        ("latin1.csv", "organisation\n\xe9".encode("latin-1")),
        ("empty.csv", b""),
        ("gone.csv", missing),
        ("good.csv", csv_bytes([result_row()])),
    ])
    errors = [r.error for r in result.reports]
    assert errors[0].startswith("it is not a results file: the header lacks schema_version")
    assert "UTF-8" in errors[1]
    assert errors[2] == "the file is empty"
    assert errors[3] == "the file could not be opened: check that it is there and may be read"
    assert result.reports[4].ok and len(result.rows) == 1
    assert result.reports[0].summary().startswith("not-results.csv: not loaded - ")


def test_a_file_ending_mid_row_loses_only_that_row() -> None:
    data = csv_bytes([result_row(), result_row()])
    cut = data[:-25]
    result = read_results([("cut.csv", cut)])
    assert result.reports[0].rejected == [(3, "incomplete row at the end of the file (was the writer stopped?)")]
    assert len(result.rows) == 1


def test_one_row_and_whole_columns_are_judged_by_the_same_rules() -> None:
    """The store checks a submission row by row, the reader whole files at once: same answers."""
    from widgets.results.validation import row_problem, row_problems

    import pandas as pd

    rows = [
        result_row(), result_row(kind="exam"), result_row(submission_id="not-a-uuid"), result_row(submitted_at="yesterday"),
        result_row(submitted_at="2026-11-23T10:00:00+01:00"), result_row(submitted_at="2026-11-23 10:00"),
        result_row(score="2", max_score="1"), result_row(score="-1", max_score="1"), result_row(score="1", max_score="0"),
        result_row(score="x", max_score="1"), result_row(score="1", max_score="y"), result_row(score="", max_score="1"),
        result_row(score="", max_score=""), result_row(score="1.5", max_score="4"),
        result_row(kind="confidence", response="9", score="", max_score=""), result_row(kind="confidence", response="3", score="", max_score=""),
        result_row(organisation=""), result_row(organisation="   "), result_row(instrument=""), result_row(item_id=" "),
        result_row(action_due="31/03/2027"), result_row(action_due="2027-02-31"), result_row(action_due="20277-01-01"),
        result_row(action_due="2027-03-31"), result_row(schema_version="2"), result_row(kind="exam", organisation=""),
        result_row(organisation="N" * 501), result_row(item_id="q" * 501), result_row(respondent="Siân " * 100),
        *[result_row(kind="follow_up", instrument="impact-review", response=answer, score="", max_score="")
          for answer in ("4", "yes", "no", "", "maybe", "6")],
    ]
    expected = row_problems(pd.DataFrame(rows, columns=list(COLUMNS), dtype=object)).tolist()
    assert [row_problem(row) for row in rows] == expected
    assert sum(1 for reason in expected if reason) == 23
    assert expected[-2:] == ["an impact review answer must be 1 to 5, yes, no or empty"] * 2


@pytest.mark.parametrize("kind", UNREADABLE)
def test_a_file_that_cannot_be_read_as_results_is_refused_with_what_to_fix_and_the_others_load(kind: str) -> None:
    data, problem = UNREADABLE[kind]
    result = read_results([("before.csv", csv_bytes([result_row()])), (kind, data), ("after.csv", csv_bytes([result_row()]))])
    before, broken, after = result.reports
    assert (broken.error, broken.accepted, broken.rejected) == (problem, 0, [])
    assert before.ok and after.ok and len(result.rows) == 2


def test_long_text_loads_whichever_way_the_file_is_read() -> None:
    text = "x" * 200_000  # more than the csv module takes by default (131,072 characters)
    fast = csv_bytes([result_row(evidence=text)])
    for data in (fast, with_a_wide_row(fast)):
        result = read_results([("long.csv", data)])
        assert result.reports[0].accepted == 1 and result.rows.loc[0, "evidence"] == text


def test_a_file_cut_off_inside_a_quoted_value_loses_only_that_row() -> None:
    data = csv_bytes([result_row(), result_row(evidence="started\nbut never finished")])
    result = read_results([("cut.csv", data[:data.index(b"never")])])
    assert result.reports[0].rejected == [(3, "incomplete row at the end of the file (was the writer stopped?)")]
    assert len(result.rows) == 1


def test_a_column_named_twice_in_the_header_counts_once_whichever_way_the_file_is_read() -> None:
    fast = csv_bytes([{**result_row(), "again": "Other Org"}], [*COLUMNS, "again"]).replace(b",again", b",organisation", 1)
    for data in (fast, with_a_wide_row(fast)):
        result = read_results([("twice.csv", data)])
        assert result.reports[0].accepted == 1 and result.rows.loc[0, "organisation"] == "Org A"


def test_an_unexpected_failure_is_logged_and_the_file_reported_in_plain_words(monkeypatch, caplog) -> None:
    parse_columns = reader.parse_columns

    def fail_on_one_file(frame):
        if (frame["organisation"] == "Org Fail").any():
            raise KeyError("deep inside a library")
        return parse_columns(frame)

    monkeypatch.setattr(reader, "parse_columns", fail_on_one_file)
    with caplog.at_level(logging.ERROR, logger="widgets"):
        result = read_results([("odd.csv", csv_bytes([result_row(organisation="Org Fail")])),
                               ("good.csv", csv_bytes([result_row()]))])
    assert result.reports[0].error == "the file could not be read (the details are in the log)"
    assert result.reports[1].ok and len(result.rows) == 1
    assert "odd.csv" in caplog.text and "deep inside a library" in caplog.text


def test_an_organisation_typed_several_ways_is_one_organisation_under_its_most_used_spelling() -> None:
    typed = ["North IV", "north iv ", "North  IV", "North IV", "NORTH IV"]
    rows = [result_row(organisation=name, team=team) for name, team in zip(typed, ["Team A", "team a", "Team A", "Team B", " Team A"])]
    rows.append(result_row(organisation="South IV", team="Team A"))
    loaded = read_results([("x.csv", csv_bytes(rows))]).rows
    assert loaded["organisation"].tolist() == ["North IV"] * 5 + ["South IV"]
    assert loaded["team"].tolist() == ["Team A", "Team A", "Team A", "Team B", "Team A", "Team A"]
    as_typed = read_results([("x.csv", csv_bytes(rows))], typed=False).rows  # imports keep what was typed
    assert as_typed["organisation"].tolist() == [*typed, "South IV"]
