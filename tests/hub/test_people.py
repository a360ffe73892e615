"""Roles from hub groups, and the trainer's people file: the one place that says who may see what."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets.errors import Refused
from widgets.results_service.people import Person, from_groups
from widgets.results_service.people_file import read_people


def test_groups_give_roles_organisation_and_team() -> None:
    person = from_groups("mo", ["manager:Oak Service", "organisation:Oak Service", "team:North"])
    assert (person.organisation, person.team, person.manages, person.is_trainer) == ("Oak Service", "North", ("Oak Service",), False)
    assert person.may_see("oak  service") and person.may_see("OAK SERVICE")  # the same organisation, however typed
    assert not person.may_see("Ash Service") and not person.may_see("")
    assert from_groups("tina", ["trainers"]).may_see("Ash Service")
    staff = from_groups("sam", ["organisation:Oak Service"])
    assert not staff.may_see("Oak Service")  # working somewhere is not managing it


def test_the_people_file_names_where_a_person_works_over_their_groups() -> None:
    known = Person("zoe", "Zoë Ní Bhriain", frozenset(), ("Ash Service",), ("West",))
    person = from_groups("zoe", ["organisation:Somewhere Else", "trainers"], known)
    assert (person.name, person.organisation, person.team, person.is_trainer) == ("Zoë Ní Bhriain", "Ash Service", "West", True)


def test_a_people_file_is_read_with_accents_and_a_spreadsheet_s_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("\ufeffuser,name,organisation,team\nzoe,Zoë  Ní Bhriain,Ash Service,\nsian,,Oak Service,North\n", encoding="utf-8")
    people = read_people(path)
    assert people["zoe"].name == "Zoë Ní Bhriain" and people["sian"].name == "sian" and people["sian"].team == "North"


@pytest.mark.parametrize("text, says", [
    ("user,name\nzoe,Zoë\n", "missing: organisation"),
    ("user,name,organisation,team\n,Zoë,Ash,\n", "line 2: the user column is empty"),
    ("user,name,organisation,team\nzoe,Zoë,,\n", "line 2: no organisation for zoe"),
    ("user,name,organisation,team\nzoe,Zoë,Ash,\nzoe,Z,Oak,\n", "line 3: zoe is listed twice"),
])
def test_a_wrong_people_file_names_the_file_line_and_what_to_fix(tmp_path: Path, text: str, says: str) -> None:
    path = tmp_path / "people.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(Refused, match=says) as refused:
        read_people(path)
    assert str(path) in str(refused.value)


def test_a_people_file_that_is_not_text_says_so(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(b"user,organisation\n\xff\xfe\x00zoe")
    with pytest.raises(Refused, match="UTF-8"):
        read_people(path)
