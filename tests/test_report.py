"""The command-line twin, run in-process: exit codes, the printed report, the files written."""

from __future__ import annotations

import io
from pathlib import Path
from types import ModuleType

import openpyxl
import pandas as pd
import pytest

from tests.aggregate import known_results as known
from tests.builders import valid_content, write_content
from widgets.aggregate import SUMMARIES
from widgets.report import main
from widgets.results import ResultsStore


def data_files(data: ModuleType, tmp_path: Path) -> list[str]:
    """A known data set (tests/aggregate/known_results.py or many_services.py) as the command
    reads it: the store file, a folder of uploads, and the content options."""
    folder = tmp_path / "sent-in"
    folder.mkdir()
    for name, contents in data.uploads():
        (folder / name).write_bytes(contents)
    store = data.write_store(tmp_path / "results") / "results.csv"
    data.content(tmp_path / "tree")
    return [str(store), str(folder), "--content", str(tmp_path / "tree" / "content"), "--pages", str(tmp_path / "tree" / "pages")]


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, list[str]]:
    """A folder of uploads plus the store file, and the content options for the known data."""
    return tmp_path, data_files(known, tmp_path)


def run(arguments: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    return main(arguments, out), out.getvalue()


def test_writes_every_summary_as_csv_and_one_workbook_and_prints_the_same_checks(inputs) -> None:
    tmp_path, arguments = inputs
    code, printed = run([*arguments, "--out", str(tmp_path / "report")])
    assert code == 3, printed  # every file read, two rows rejected
    assert "2 row(s) were rejected." in printed
    # A folder is read in name order: service-b-again.csv comes first, so service-b.csv is the copy.
    assert "results.csv: 12 rows accepted" in printed
    assert "service-b-again.csv: 8 rows accepted" in printed
    assert "service-b.csv: 0 rows accepted, 8 duplicates skipped" in printed
    assert "service-c.csv: 5 rows accepted, 2 rejected" in printed
    assert "line 4: kind 'exam' is not one of quiz, confidence, assessment, follow_up, action_review" in printed
    assert "Learners started: 4; passed every module: 2." in printed
    assert "Module The Lundy model: 5 attempts, 50% of 4 learners passed." in printed
    assert "2 organisations rated; 3 open actions, 2 overdue." in printed
    written = tmp_path / "report"
    assert (written / "completion.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    completion = pd.read_csv(written / "completion.csv", keep_default_na=False, encoding="utf-8-sig")
    assert completion.to_dict("records") == [
        {"organisation": "Org A", "team": "Team 1", "learners_started": 2, "passed: The Lundy model": 1, "all_passed": 1},
        {"organisation": "Org B", "team": "Team 2", "learners_started": 1, "passed: The Lundy model": 0, "all_passed": 0},
        {"organisation": "Org C", "team": "", "learners_started": 1, "passed: The Lundy model": 1, "all_passed": 1},
    ]
    assert not (written / "results.csv").exists()  # rows only with --with-results
    workbook = openpyxl.load_workbook(written / "trainer-report.xlsx")
    assert workbook.sheetnames == ["about", "validation", "rejected_rows", *SUMMARIES]
    items = workbook["item_statistics"]
    assert [cell.value for cell in items[1]][:8] == ["module", "quiz", "item_id", "question", "options", "attempts", "facility_pct",
                                                     "discrimination"]
    # By hand: the five attempts score (q1, q2, q3) = (1,1,1) (0,0,.5) (1,1,.5) (0,1,1) (1,1,1), a sort
    # question sharing its one point; discrimination is Pearson r of the item with the rest.
    assert [(row[6].value, row[7].value, row[8].value) for row in items.iter_rows(min_row=2)] == [
        (60, 0.49, "Influence"), (80, 0.77, "Audience"), (80, 0.41, "Drawing instead of talking -> Space")]


def test_free_text_that_looks_like_a_formula_stays_text_in_csv_and_excel(inputs) -> None:
    tmp_path, arguments = inputs
    assert run([*arguments, "--out", str(tmp_path / "report")])[0] == 3
    actions = (tmp_path / "report" / "open_actions.csv").read_text()
    assert "'=HYPERLINK(" in actions and ",=HYPERLINK(" not in actions
    sheet = openpyxl.load_workbook(tmp_path / "report" / "trainer-report.xlsx")["open_actions"]
    cells = [row[9] for row in sheet.iter_rows(min_row=2)]
    formula = next(c for c in cells if str(c.value).startswith("="))
    assert formula.value == known.FORMULA_ACTION and formula.data_type == "s"


def test_filters_and_formats_are_chosen_by_name(inputs) -> None:
    tmp_path, arguments = inputs
    out = tmp_path / "org-a"
    code, printed = run([*arguments, "--out", str(out), "--organisation", "Org A", "--format", "csv", "png", "--with-results"])
    assert code == 3 and "organisations: Org A" in printed
    results = pd.read_csv(out / "results.csv", keep_default_na=False, encoding="utf-8-sig")
    assert set(results["organisation"]) == {"Org A"} and len(results) == 12
    assert (out / "completion.png").read_bytes().startswith(b"\x89PNG")
    assert (out / "ratings.png").exists() is False  # Org A made no self-assessment: no chart to draw
    assert not (out / "trainer-report.xlsx").exists()


def test_an_unreadable_input_gives_a_non_zero_exit_but_the_others_are_reported(inputs) -> None:
    tmp_path, arguments = inputs
    (tmp_path / "notes.csv").write_text("this,is\nnot,results\n")
    code, printed = run([*arguments, str(tmp_path / "missing.csv"), str(tmp_path / "notes.csv"), "--out", str(tmp_path / "r")])
    assert code == 2
    assert "missing.csv: not loaded - no such file or folder" in printed
    assert "notes.csv: not loaded - it is not a results file" in printed
    assert "2 input(s) could not be read." in printed
    assert (tmp_path / "r" / "completion.csv").exists()


def test_broken_content_or_dates_stop_the_report_with_a_reason(tmp_path: Path) -> None:
    tree = valid_content()
    tree["quizzes/lundy.yaml"]["pass_mark"] = 3
    content, pages = write_content(tmp_path, tree)
    code, printed = run([str(tmp_path), "--out", str(tmp_path / "r"), "--content", str(content), "--pages", str(pages)])
    assert code == 1 and "content/quizzes/lundy.yaml" in printed
    code, printed = run([str(tmp_path), "--out", str(tmp_path / "r"), "--since", "2026-02-01", "--until", "2026-01-01"])
    assert code == 1 and "start date is after the end date" in printed


def content_options(tmp_path: Path) -> list[str]:
    known.content(tmp_path / "tree")
    return ["--content", str(tmp_path / "tree" / "content"), "--pages", str(tmp_path / "tree" / "pages")]


def test_the_exit_status_is_0_only_when_every_row_was_accepted(tmp_path: Path) -> None:
    store = known.write_store(tmp_path / "results") / "results.csv"
    code, printed = run([str(store), "--out", str(tmp_path / "r"), *content_options(tmp_path)])
    assert code == 0 and "rejected" not in printed and "could not be read" not in printed


@pytest.mark.parametrize("kind", known.broken_uploads())
def test_a_file_that_cannot_be_read_is_named_with_what_to_fix_and_a_good_one_beside_it_loads(tmp_path: Path, kind: str) -> None:
    data, problem = known.broken_uploads()[kind]
    (tmp_path / "sent-in.csv").write_bytes(data)
    store = known.write_store(tmp_path / "results") / "results.csv"
    code, printed = run([str(tmp_path / "sent-in.csv"), str(store), "--out", str(tmp_path / "r"), *content_options(tmp_path)])
    assert code == 2
    assert f"sent-in.csv: not loaded - {problem}\n" in printed
    assert "results.csv: 12 rows accepted\n" in printed and "Learners started: 2;" in printed
    assert "1 input(s) could not be read." in printed
    assert (tmp_path / "r" / "completion.csv").exists()


def test_a_folder_without_results_files_says_so(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, printed = run([str(tmp_path / "empty"), "--out", str(tmp_path / "r"), *content_options(tmp_path)])
    assert code == 2 and "No results files were found." in printed


def test_a_path_that_may_not_be_looked_at_is_reported_and_the_others_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    is_dir = Path.is_dir

    def locked(path: Path) -> bool:
        if path.name == "locked":
            raise PermissionError(13, "Permission denied")
        return is_dir(path)

    monkeypatch.setattr(Path, "is_dir", locked)
    store = known.write_store(tmp_path / "results") / "results.csv"
    code, printed = run([str(tmp_path / "locked"), str(store), "--out", str(tmp_path / "r"), *content_options(tmp_path)])
    assert code == 2
    assert "locked: not loaded - it could not be opened: check that it may be read" in printed
    assert "results.csv: 12 rows accepted" in printed


def test_a_wrong_date_or_option_is_explained_in_a_sentence_with_exit_status_1(tmp_path: Path) -> None:
    code, printed = run([str(tmp_path), "--out", str(tmp_path / "r"), "--since", "2026-13-01"])
    assert code == 1
    assert printed == "Cannot report: argument --since: '2026-13-01' is not a date like 2026-01-31 (--help lists the options)\n"
    code, printed = run([str(tmp_path)])
    assert code == 1 and "the following arguments are required: --out" in printed


def test_an_out_folder_that_cannot_be_written_is_explained_with_exit_status_1(tmp_path: Path) -> None:
    store = known.write_store(tmp_path / "results") / "results.csv"
    (tmp_path / "taken").write_text("a file, not a folder")
    code, printed = run([str(store), "--out", str(tmp_path / "taken"), *content_options(tmp_path)])
    assert code == 1
    assert f"Cannot write the tables to {tmp_path / 'taken'} (File exists): give --out a folder you may write to." in printed


def test_the_database_is_read_as_the_stores_rows_and_gives_the_same_tables_as_its_csv(tmp_path: Path, database_url: str) -> None:
    known.content(tmp_path / "tree")
    options = ["--content", str(tmp_path / "tree" / "content"), "--pages", str(tmp_path / "tree" / "pages")]
    ResultsStore(known.write_store(tmp_path / "results"), database_url).export(tmp_path / "exported.csv")
    code, printed = run(["--database", database_url, *options, "--out", str(tmp_path / "from-db")])
    assert code == 0, printed
    assert "the results database: 12 rows accepted" in printed
    run([str(tmp_path / "exported.csv"), *options, "--out", str(tmp_path / "from-csv")])
    for table in sorted((tmp_path / "from-db").glob("*.csv")):
        if table.name != "validation.csv":  # names the source: the database, or the exported file
            assert table.read_bytes() == (tmp_path / "from-csv" / table.name).read_bytes(), table.name


def test_without_files_or_the_database_there_is_nothing_to_report(tmp_path: Path) -> None:
    code, printed = run(["--out", str(tmp_path / "out")])
    assert code == 1 and "give results files or folders, or --database" in printed


def test_many_services_every_table_written_and_a_services_summary_printed(tmp_path: Path) -> None:
    from tests.aggregate import many_services as many

    code, printed = run([*data_files(many, tmp_path), "--out", str(tmp_path / "r"), "--since", "2026-01-01",
                         "--service", "Northshire", "--format", "csv", "xlsx", "png", "--with-results"])
    assert code == 0, printed
    assert "Learners started: 62; passed every module: 1." in printed
    assert "61 organisations rated; 4 open actions, 2 overdue." in printed
    assert "Question lundy-q1 (The Lundy model) looks broken: negative discrimination (facility 51.6%, discrimination -0.12, " \
           "62 attempts)." in printed
    assert ("Service Northshire: learners started: 2; learners who passed every module: 1; open actions: 2; overdue actions: 2; "
            "last round's actions: 2; last round's actions reported done: 0.") in printed
    assert "days overdue: hold a children's  panel  (Wes, due 2026-04-01, Team West)" in printed
    written = tmp_path / "r"
    changes = pd.read_csv(written / "item_change.csv", encoding="utf-8-sig", keep_default_na=False)
    assert changes[["team", "item_id", "previous_date", "change"]].values.tolist() == [
        ["Team East", "iv-leaflets", "2025-03-03", 1], ["Team East", "iv-voice", "2025-03-03", -1],
        ["Team East", "iv-review", "2025-03-03", 1], ["Team West", "iv-leaflets", "2025-03-04", 3],
        ["Team West", "iv-voice", "2025-03-04", -1], ["Team West", "iv-review", "2025-03-04", 1]]
    assert len(pd.read_csv(written / "completion.csv", encoding="utf-8-sig")) == 62
    people = pd.read_csv(written / "people.csv", encoding="utf-8-sig")
    assert len(people) == 62 and many.ELODIE in set(people["respondent"])
    assert sorted(p.name for p in written.glob("ratings*.png")) == ["ratings-iv-1.png", "ratings-iv-2.png", "ratings-lundy-check-1.png"]
    assert "results: " not in printed  # 371 rows: no progress messages needed below 50,000
