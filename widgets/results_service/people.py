"""Who is asking, and what they may see: one place for the roles that come from hub groups.

- ``trainers``: everything (every organisation's rows).
- ``manager:<organisation>``: that organisation's rows and previous self-assessments.
- everyone else: their own record and attempts only.

A person's organisation and team come from hub groups (``organisation:<name>``,
``team:<name>``) or from the trainer's people file (``people_file.py``), never from free text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from widgets.results.keys import same_key

TRAINERS = "trainers"
MANAGER = "manager:"
ORGANISATION = "organisation:"
TEAM = "team:"


@dataclass(frozen=True)
class Person:
    user: str
    name: str
    groups: frozenset[str]
    organisation: str = ""
    team: str = ""

    @property
    def is_trainer(self) -> bool:
        return TRAINERS in self.groups

    @property
    def manages(self) -> tuple[str, ...]:
        return tuple(sorted(group[len(MANAGER):] for group in self.groups if group.startswith(MANAGER)))

    def may_see(self, organisation: str) -> bool:
        """Whether this person may read an organisation's results: trainers any, managers theirs."""
        return self.is_trainer or same_key(organisation) in {same_key(name) for name in self.manages}

    def to_dict(self) -> dict[str, Any]:
        return {"user": self.user, "name": self.name, "organisation": self.organisation, "team": self.team,
                "trainer": self.is_trainer, "manages": list(self.manages)}


def from_groups(user: str, groups: Iterable[str], known: "Person | None" = None) -> Person:
    """The person a hub user is: groups give roles, and organisation and team unless the
    trainer's people file names them (``known``)."""
    groups = frozenset(groups)
    organisation = next((g[len(ORGANISATION):] for g in sorted(groups) if g.startswith(ORGANISATION)), "")
    team = next((g[len(TEAM):] for g in sorted(groups) if g.startswith(TEAM)), "")
    if known is not None:
        return Person(user, known.name or user, groups, known.organisation or organisation, known.team or team)
    return Person(user, user, groups, organisation, team)
