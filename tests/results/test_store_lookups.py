"""The store's lookups for learners, on each engine: drafts holding a name and organisation
(case aside), and the learner a submission belongs to."""

from __future__ import annotations

from widgets.results import ItemResponse, ResultsStore, Submission


def test_drafts_holding_given_texts_are_found_without_case_and_only_those(any_store: ResultsStore) -> None:
    any_store.create_draft("learner", "AAAA-AAAA", {"learner.name": "Siân Lewis", "learner.organisation": "North IV"})
    any_store.create_draft("learner", "BBBB-BBBB", {"learner.name": "Siân Lewis", "learner.organisation": "South IV"})
    any_store.create_draft("assessment", "CCCC-CCCC", {"learner.name": "Siân Lewis", "learner.organisation": "North IV"})
    wanted = {"learner.name": "siân LEWIS", "learner.organisation": "north iv"}
    assert any_store.drafts_holding("learner", wanted) == ["AAAA-AAAA"]
    assert any_store.drafts_holding("learner", {**wanted, "learner.name": "Siân Lewi"}) == []


def test_the_learner_of_a_submission(any_store: ResultsStore) -> None:
    submission = Submission("quiz", "lundy", "1", "North IV", "", "Siân Lewis", "", (ItemResponse("q1", "a", 1, 1),))
    mine = any_store.save(submission, learner="AAAA-AAAA")
    theirs = any_store.save(submission)
    assert any_store.learner_of(mine.submission_id) == "AAAA-AAAA"
    assert any_store.learner_of(theirs.submission_id) is None and any_store.learner_of("unknown") is None
