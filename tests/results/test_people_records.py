"""A person's own records, on both engines: a hub user's one learner record, and a data
protection request (export everything kept about a learner; erase it, results.csv included)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.builders import quiz_submission
from widgets.results import ResultsStore
from widgets.results.__main__ import main


def test_a_hub_user_has_one_learner_record_however_often_they_arrive(any_store: ResultsStore) -> None:
    first = any_store.hub_learner("zoe", "learner", {"learner.name": "Zoë Ní Bhriain"})
    assert any_store.hub_learner("zoe", "learner", {"learner.name": "ignored the second time"}) == first
    assert any_store.hub_learner("sian", "learner", {}) != first
    draft = any_store.draft(first)
    assert draft is not None and draft.values == {"learner.name": "Zoë Ní Bhriain"}


def test_erasing_a_learner_removes_their_rows_record_and_sign_in_link_and_nobody_else_s(any_store: ResultsStore) -> None:
    zoe = any_store.hub_learner("zoe", "learner", {"learner.name": "Zoë"})
    other = any_store.hub_learner("sian", "learner", {"learner.name": "Siân"})
    any_store.save(quiz_submission(items=3), learner=zoe)
    kept = any_store.save(quiz_submission(items=2), learner=other)
    assert any_store.forget_person(zoe) == 3
    assert any_store.person_records(zoe) == ([], {}) and any_store.hub_learner_code("zoe") is None
    assert [row["submission_id"] for row in any_store.rows().to_dict("records")] == [kept.submission_id] * 2
    assert any_store.person_records(other)[1] == {"learner.name": "Siân"}


def test_results_csv_is_written_afresh_without_the_erased_rows(store: ResultsStore) -> None:
    zoe = store.hub_learner("zoe", "learner", {})
    store.save(quiz_submission(items=2, respondent="Zoë Ní Bhriain"), learner=zoe)
    store.save(quiz_submission(items=1, respondent="Siân"))
    store.forget_person(zoe)
    text = store.path.read_text(encoding="utf-8")
    assert "Zoë" not in text and "Siân" in text
    assert not list(store.folder.glob("results.csv.edited-*"))  # the old copy is gone, not kept aside
    store.save(quiz_submission(items=1, respondent="Llŷr"))  # and the file stays in step afterwards
    assert [row["respondent"] for row in csv.DictReader(store.path.open(encoding="utf-8"))] == ["Siân", "Llŷr"]


def test_the_person_command_exports_then_erases_after_being_asked_twice(store: ResultsStore, tmp_path: Path, capsys) -> None:
    zoe = store.hub_learner("zoe", "learner", {"learner.name": "Zoë Ní Bhriain"})
    store.save(quiz_submission(items=2, respondent="Zoë Ní Bhriain"), learner=zoe)
    folder = ["--results-dir", str(store.folder)]
    assert main([*folder, "person", "export", "--hub-user", "zoe", "--out", str(tmp_path / "zoe")]) == 0
    assert len(list(csv.DictReader((tmp_path / "zoe.csv").open(encoding="utf-8")))) == 2
    assert json.loads((tmp_path / "zoe.json").read_text(encoding="utf-8")) == {"learner.name": "Zoë Ní Bhriain"}
    assert main([*folder, "person", "erase", zoe]) == 1  # says what would go, erases nothing
    assert "2 result rows" in capsys.readouterr().out and len(store.rows()) == 2
    assert main([*folder, "person", "erase", zoe.lower().replace("-", ""), "--yes"]) == 0  # typed as people type codes
    assert len(store.rows()) == 0
    assert main([*folder, "person", "export", zoe, "--out", str(tmp_path / "again")]) == 2
    assert "Nothing is kept" in capsys.readouterr().out
    assert main([*folder, "person", "erase"]) == 2 and main([*folder, "person", "erase", "nonsense!"]) == 2
