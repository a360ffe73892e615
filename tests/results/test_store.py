"""The results store, on both engines (SQLite and a real PostgreSQL server): whole submissions
or nothing, idempotent saves, indexed lookups, text kept exactly, and the CSV that comes out."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.builders import quiz_submission
from widgets.results import COLUMNS, ResultsStore, StoreError, read_results, save_submission
from widgets.results.store import ADDS_TO_STORED, Imported
from widgets.results.submission import ItemResponse, Submission

WELSH = "Dywedodd y plant fod y cyngor ieuenctid yn gwrando arnyn nhw; ŵyr, ŷd, Siân a Llŷr. "
ARABIC = "قال الأطفال إن المجلس استمع إليهم وغيّر خطة اللعب. "
EMOJI = "They loved it 👍🏽🎉 - "


def exported(store: ResultsStore, tmp_path: Path) -> bytes:
    """results.csv as it comes out of the store (kept in step by SQLite, exported from PostgreSQL)."""
    target = tmp_path / "exported.csv"
    store.export(target)
    return target.read_bytes()


def test_rows_have_the_documented_columns_in_order(any_store: ResultsStore, tmp_path: Path) -> None:
    saved = save_submission(quiz_submission(items=3), any_store)
    data = exported(any_store, tmp_path)
    header, *records = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert header == list(COLUMNS) and len(records) == 3
    assert {r[1] for r in records} == {saved.submission_id}
    assert list(any_store.rows().columns) == list(COLUMNS)


@pytest.mark.parametrize("typed", ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tTab", "'already quoted"])
def test_formula_like_text_is_neutralised_in_the_csv_and_kept_exactly_in_the_database(any_store: ResultsStore, tmp_path: Path, typed: str) -> None:
    save_submission(quiz_submission(respondent=typed, items=1, evidence=typed), any_store)
    assert any_store.rows()["evidence"].tolist() == [typed]
    data = exported(any_store, tmp_path)
    assert list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))[0]["evidence"] == "'" + typed
    assert read_results([("exported.csv", data)]).rows["evidence"].tolist() == [typed]


def test_long_text_in_every_script_is_kept_whole(any_store: ResultsStore, tmp_path: Path) -> None:
    text_5000 = ((WELSH + ARABIC + EMOJI) * 40)[:5000]
    lines = "Ask, then act.\r\nSaid \"yes\",\nthen \"no\"."
    saved = save_submission(quiz_submission(items=4, evidence=text_5000, action=lines, children_say=ARABIC), any_store)
    stored = any_store.rows()
    assert stored["evidence"].tolist() == [text_5000] * 4 and stored["action"].tolist() == [lines] * 4
    assert [row["evidence"] for row in saved.rows] == [text_5000] * 4
    again = read_results([("exported.csv", exported(any_store, tmp_path))]).rows
    assert again["evidence"].tolist() == [text_5000] * 4 and again["children_say"].tolist() == [ARABIC] * 4


def test_a_submission_breaking_the_format_is_refused_with_a_reason_and_nothing_is_stored(any_store: ResultsStore) -> None:
    with pytest.raises(ValueError, match="organisation is empty"):
        save_submission(quiz_submission(organisation="  "), any_store)
    for broken in ("a\x00b", "half an emoji \ud83d"):
        with pytest.raises(ValueError, match="broken character"):
            save_submission(quiz_submission(evidence=broken), any_store)
    with pytest.raises(ValueError, match="longer than 1,000,000 characters"):
        save_submission(quiz_submission(evidence="x" * 1_000_001), any_store)
    assert len(any_store.rows()) == 0


def test_a_draft_answer_no_engine_can_store_is_refused_in_plain_words_and_the_others_are_kept(any_store: ResultsStore) -> None:
    any_store.create_draft("assessment", "K7QX-9MZD", {"answers.a.evidence": "kept"})
    with pytest.raises(ValueError, match="broken character"):
        any_store.save_draft("K7QX-9MZD", {"answers.b.evidence": "half an emoji \ud83d"}, {})
    any_store.save_draft("K7QX-9MZD", {"answers.c.evidence": "Siân 👍🏽"}, {})
    draft = any_store.draft("K7QX-9MZD")
    assert draft is not None and draft.values == {"answers.a.evidence": "kept", "answers.c.evidence": "Siân 👍🏽"}


def test_the_same_submission_saved_twice_is_stored_once(any_store: ResultsStore) -> None:
    first = any_store.save(quiz_submission(items=2), submission_id="0b7c3f4e-1d2a-4b5c-8d9e-0f1a2b3c4d5e")
    again = any_store.save(quiz_submission(items=2), submission_id=first.submission_id)
    assert not first.earlier and again.earlier and again.rows == first.rows
    assert len(any_store.rows()) == 2


def test_a_draft_becomes_one_submission_however_often_it_is_submitted(any_store: ResultsStore) -> None:
    any_store.create_draft("assessment", "K7QX-9MZD", {"details.organisation": "North IV"})
    first = any_store.save(quiz_submission(items=2), draft="K7QX-9MZD")
    for _ in range(3):  # pressed again, a retry with a new id, a reopened draft
        again = any_store.save(quiz_submission(items=2), draft="K7QX-9MZD")
        assert again.earlier and again.submission_id == first.submission_id
    assert len(any_store.rows()) == 2
    draft = any_store.draft("K7QX-9MZD")
    assert draft is not None and (draft.submission_id, draft.submitted_at) == (first.submission_id, first.submitted_at)


def test_a_submission_that_fails_part_way_stores_none_of_its_rows_and_the_retry_stores_it_once(any_store: ResultsStore) -> None:
    """The engine refuses the third row of a submission (an injected engine error): the first
    two must not be left behind, the person is told it was not saved, and a retry saves once."""
    fail_on_third_row(any_store)
    with pytest.raises(StoreError, match="were not saved"):
        any_store.save(quiz_submission(items=5), submission_id="0b7c3f4e-1d2a-4b5c-8d9e-0f1a2b3c4d5e")
    assert len(any_store.rows()) == 0
    allow_every_row(any_store)
    any_store.save(quiz_submission(items=5), submission_id="0b7c3f4e-1d2a-4b5c-8d9e-0f1a2b3c4d5e")
    any_store.save(quiz_submission(items=5), submission_id="0b7c3f4e-1d2a-4b5c-8d9e-0f1a2b3c4d5e")
    assert len(any_store.rows()) == 5


def fail_on_third_row(store: ResultsStore) -> None:
    with store.database.writer.begin() as connection:
        if store.database.is_sqlite:
            connection.execute(text("CREATE TRIGGER fail_third BEFORE INSERT ON results WHEN NEW.position = 2 "
                                    "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"))
        else:
            connection.execute(text("CREATE FUNCTION fail_third() RETURNS trigger AS $$ BEGIN "
                                    "RAISE EXCEPTION 'injected failure' USING ERRCODE = '53100'; END $$ LANGUAGE plpgsql"))
            connection.execute(text("CREATE TRIGGER fail_third BEFORE INSERT ON results FOR EACH ROW "
                                    "WHEN (NEW.position = 2) EXECUTE FUNCTION fail_third()"))


def allow_every_row(store: ResultsStore) -> None:
    with store.database.writer.begin() as connection:
        connection.execute(text("DROP TRIGGER fail_third" + ("" if store.database.is_sqlite else " ON results")))


def assessment(organisation: str, team: str = "Team 1") -> Submission:
    return Submission("assessment", "iv-standard-4", "1", organisation, team, "Ann", "Manager",
                      (ItemResponse("a", "3", 3, 4), ItemResponse("b", "", None, None)))


def test_the_previous_submission_is_the_same_organisations_latest_before_this_one(any_store: ResultsStore) -> None:
    first = any_store.save(assessment("North IV"))
    any_store.save(assessment("South IV"))
    second = any_store.save(assessment("  north   IV ", team="Team 2"))
    third = any_store.save(assessment("North IV"))
    assert any_store.previous("assessment", "iv-standard-4", "NORTH IV", before=third.submitted_at).submission_id == second.submission_id  # type: ignore[union-attr]
    assert any_store.previous("assessment", "iv-standard-4", "North IV", before=second.submitted_at).submission_id == first.submission_id  # type: ignore[union-attr]
    by_team = any_store.previous("assessment", "iv-standard-4", "North IV", before=third.submitted_at, team="team 1")
    assert by_team is not None and by_team.submission_id == first.submission_id
    assert any_store.previous("assessment", "iv-standard-4", "North IV", before=first.submitted_at) is None
    assert any_store.previous("assessment", "other", "North IV", before=third.submitted_at) is None


def test_a_learners_submissions_are_found_by_their_code(any_store: ResultsStore) -> None:
    mine = [any_store.save(quiz_submission(items=1), learner="K7QX-9MZD") for _ in range(2)]
    any_store.save(quiz_submission(items=1), learner="ABCD-EFGH")
    found = any_store.learner_submissions("K7QX-9MZD")
    assert [s.submission_id for s in found] == [s.submission_id for s in mine]
    anonymous = any_store.save(quiz_submission(items=1))
    codes = any_store.learner_codes()  # for the links in the dashboard's impact review due list
    assert codes[mine[0].submission_id] == codes[mine[1].submission_id] == "K7QX-9MZD"
    assert len(codes) == 3 and anonymous.submission_id not in codes


def test_rows_can_be_read_with_filters(any_store: ResultsStore) -> None:
    any_store.save(assessment("North IV"))
    any_store.save(quiz_submission(organisation="north iv", items=3))
    any_store.save(quiz_submission(organisation="South", items=1))
    assert len(any_store.rows(organisation="NORTH IV")) == 5
    assert len(any_store.rows(kind="quiz")) == 4 and len(any_store.rows(instrument="iv-standard-4")) == 2
    assert len(any_store.rows(since="2000-01-01", until="2100-01-01")) == 6 and len(any_store.rows(until="2000-01-01")) == 0
    north = [row for chunk in any_store.row_chunks(size=2, organisation="NORTH IV") for row in chunk]  # as the results service streams them
    assert north == list(any_store.rows(organisation="north iv").itertuples(index=False, name=None))
    assert sum(len(chunk) for chunk in any_store.row_chunks(size=2)) == 6


def test_the_version_changes_with_every_submission_so_readers_know_to_read_again(any_store: ResultsStore) -> None:
    assert any_store.version() is None
    save_submission(quiz_submission(items=1), any_store)
    first = any_store.version()
    save_submission(quiz_submission(items=1), any_store)
    assert first is not None and any_store.version() != first


def test_files_imported_twice_add_their_rows_once(any_store: ResultsStore) -> None:
    save_submission(quiz_submission(items=2), any_store)
    other = read_results([("x.csv", (Path(__file__).parent / "samples" / "other-service.csv"))], typed=False).rows
    assert any_store.import_rows(other, "import: other-service.csv") == Imported(added=len(other))
    assert any_store.import_rows(other, "import: other-service.csv") == Imported(already_stored=len(other))
    assert len(any_store.rows()) == 2 + len(other)
    stored = any_store.rows().iloc[2:]
    assert stored["submitted_at"].tolist() == other["submitted_at"].tolist()  # as the file had them


def test_a_database_from_a_newer_workbook_is_refused_in_plain_words(any_store: ResultsStore, results_folder: Path) -> None:
    from widgets.results.database import open_database, _opened

    save_submission(quiz_submission(items=1), any_store)
    with any_store.database.writer.begin() as connection:
        connection.execute(text("UPDATE store_info SET value = '99' WHERE name = 'schema_version'"))
    _opened.clear()  # as a server started afresh would
    with pytest.raises(StoreError, match="newer version of the workbook"):
        open_database(any_store.url)
    _opened.clear()


def test_rows_that_would_add_items_to_a_stored_submission_are_refused_and_named(any_store: ResultsStore, tmp_path: Path) -> None:
    """A submission is stored whole, once: a file that adds an item to it later is refused by
    name (and results.csv, which follows commits, never misses a row the database holds)."""
    saved = any_store.save(quiz_submission(items=2))
    extra = {**saved.rows[0], "item_id": "lundy-q9"}
    result = any_store.import_rows([*saved.rows, extra], "import: again.csv")
    assert result == Imported(already_stored=2, refused=[(saved.submission_id, "lundy-q9", ADDS_TO_STORED)])
    assert any_store.rows()["item_id"].tolist() == ["lundy-q1", "lundy-q2"]
    with_nul = [{**row, "submission_id": "0b7c3f4e-1d2a-4b5c-8d9e-0f1a2b3c4d5e", "evidence": "a\x00b"} for row in saved.rows]
    assert len(any_store.import_rows(with_nul, "import: nul.csv").refused) == 2 and len(any_store.rows()) == 2
