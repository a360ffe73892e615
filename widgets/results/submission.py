"""What a page hands the store: who submitted what. The store adds ids and times."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ItemResponse:
    """One answered item; becomes one row."""

    item_id: str
    response: str
    score: float | None = None
    max_score: float | None = None
    evidence: str = ""
    action: str = ""
    action_owner: str = ""
    action_due: str = ""
    children_say: str = ""
    participation_degree: str = ""
    kind: str = ""  # empty: the submission's kind; else one that is part of it (``columns.PART_OF``)


@dataclass(frozen=True)
class Submission:
    """One quiz attempt, one confidence round or one self-assessment."""

    kind: str
    instrument: str
    instrument_version: str
    organisation: str
    team: str
    respondent: str
    role: str
    items: tuple[ItemResponse, ...] = field(default_factory=tuple)
