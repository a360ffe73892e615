"""Who is taking the e-module: given once, stored with their progress, written on every row."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any
from widgets.errors import Refused

MAX_LENGTH = 120


@dataclass(frozen=True)
class Learner:
    """A member of staff. Name and organisation are needed for the certificate and the trainer."""

    name: str
    organisation: str
    team: str = ""
    role: str = ""

    @classmethod
    def from_form(cls, name: str, organisation: str, team: str = "", role: str = "") -> "Learner":
        """Tidy what was typed and refuse what cannot be used, saying what to fix."""
        fields = {"name": name, "organisation": organisation, "team": team, "role": role}
        tidy = {key: " ".join((value or "").split()) for key, value in fields.items()}
        missing = [label for key, label in (("name", "your name"), ("organisation", "your organisation")) if not tidy[key]]
        if missing:
            raise Refused(f"Please fill in {' and '.join(missing)}.")
        too_long = [key for key, value in tidy.items() if len(value) > MAX_LENGTH]
        if too_long:
            raise Refused(f"Please shorten your {too_long[0]} to {MAX_LENGTH} characters or fewer.")
        return cls(**tidy)

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Learner":
        return cls(**{key: str(data.get(key, "")) for key in ("name", "organisation", "team", "role")})
