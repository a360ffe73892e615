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
    organisations: tuple[str, ...] = ()  # where they work, the first written on their own rows
    teams: tuple[str, ...] = ()

    @property
    def organisation(self) -> str:
        return self.organisations[0] if self.organisations else ""

    @property
    def team(self) -> str:
        return self.teams[0] if self.teams else ""

    def works_for(self, organisation: str, team: str) -> bool:
        """Whether a self-assessment of this organisation and team (none: the whole
        organisation) is this person's to send: one of their organisations, and their team."""
        return (same_key(organisation) in {same_key(name) for name in self.organisations}
                and (not team or same_key(team) in {same_key(name) for name in self.teams}))

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
                "organisations": list(self.organisations), "teams": list(self.teams), "trainer": self.is_trainer, "manages": list(self.manages)}


def from_groups(user: str, groups: Iterable[str], known: "Person | None" = None) -> Person:
    """The person a hub user is: groups give roles, and organisation and team unless the
    trainer's people file names them (``known``)."""
    groups = frozenset(groups)
    organisations = tuple(g[len(ORGANISATION):] for g in sorted(groups) if g.startswith(ORGANISATION))
    teams = tuple(g[len(TEAM):] for g in sorted(groups) if g.startswith(TEAM))
    if known is not None:
        return Person(user, known.name or user, groups, known.organisations or organisations, known.teams or teams)
    return Person(user, user, groups, organisations, teams)
