"""Who is asking, and what they may see: one place for the roles that come from hub groups.

- ``trainers``: everything (every organisation's rows).
- ``manager:<organisation>``: that organisation's rows and previous self-assessments.
- everyone else: their own record and attempts only.

A person's organisation and team come from hub groups (``organisation:<name>``,
``team:<name>``) or from the trainer's people file (``people_file.py``), never from free text.
A group whose name after the prefix is blank (``manager: ``) names no organisation: it is
ignored (and logged once), never read as "every organisation".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Iterable

from widgets.results.keys import same_key

TRAINERS = "trainers"
MANAGER = "manager:"
ORGANISATION = "organisation:"
TEAM = "team:"
PREFIXES = (MANAGER, ORGANISATION, TEAM)

log = logging.getLogger("widgets.results_service")
_logged_blank: set[str] = set()  # blank groups warned about already, so a busy hub logs each once


def named(groups: Iterable[str], prefix: str) -> tuple[str, ...]:
    """The names of the groups with this prefix, in order, leaving out blank ones."""
    return tuple(group[len(prefix):] for group in sorted(groups) if group.startswith(prefix) and same_key(group[len(prefix):]))


def _warn_blank(groups: Iterable[str]) -> None:
    for group in groups:
        prefix = next((p for p in PREFIXES if group.startswith(p)), None)
        if prefix and not same_key(group[len(prefix):]) and group not in _logged_blank:
            _logged_blank.add(group)
            log.warning("The hub group %r names no organisation or team and is ignored: rename or remove it", group)


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
        return named(self.groups, MANAGER)

    def may_see(self, organisation: str) -> bool:
        """Whether this person may read an organisation's results: trainers any, managers theirs
        (a blank name is no organisation's)."""
        return self.is_trainer or (bool(same_key(organisation)) and same_key(organisation) in {same_key(name) for name in self.manages})

    def to_dict(self) -> dict[str, Any]:
        return {"user": self.user, "name": self.name, "organisation": self.organisation, "team": self.team,
                "organisations": list(self.organisations), "teams": list(self.teams), "trainer": self.is_trainer, "manages": list(self.manages)}


def from_groups(user: str, groups: Iterable[str], known: "Person | None" = None) -> Person:
    """The person a hub user is: groups give roles, and organisation and team unless the
    trainer's people file names them (``known``)."""
    groups = frozenset(groups)
    _warn_blank(groups)
    organisations, teams = named(groups, ORGANISATION), named(groups, TEAM)
    if known is not None:
        return Person(user, known.name or user, groups, known.organisations or organisations, known.teams or teams)
    return Person(user, user, groups, organisations, teams)
