"""Under the hub a learner record's name, organisation and team follow the hub, so the
certificate the results service prints and the trainers' check of it (from the record) agree."""

from __future__ import annotations

from widgets.results_service.api import record_changes
from widgets.results_service.people import from_groups


def test_a_name_corrected_and_a_move_to_another_service_reach_the_record() -> None:
    record = {"learner.name": "Sian", "learner.organisation": "Oak Service", "learner.team": "North", "learner.role": "iv"}
    moved = from_groups("sian", ["organisation:Elm Service", "team:South"], None)
    changes = record_changes(record, moved)
    assert changes == {"learner.name": moved.name, "learner.organisation": "Elm Service", "learner.team": "South"}
    assert "learner.role" not in changes  # the person's own answer, not the hub's


def test_a_record_that_agrees_is_not_written_and_a_blank_from_the_hub_changes_nothing() -> None:
    person = from_groups("sian", ["organisation:Oak Service"], None)
    record = {"learner.name": person.name, "learner.organisation": "Oak Service", "learner.team": "North"}
    assert record_changes(record, person) == {}  # no team group: the team on the record stays
