"""Shared pieces of every content schema: strictness, ids and the schema version."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

CONTENT_SCHEMA_VERSION = 1

# Ids appear in CSV files and URLs: lower-case letters, digits, dots and hyphens only.
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9.\-]*$", max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# A notebook page next to the landing page, e.g. "01_why_voice.ipynb".
PageName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_\-]+\.ipynb$")]


class Strict(BaseModel):
    """Unknown fields are errors, so a misspelt field is caught rather than ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ContentFile(Strict):
    """Every content file says which schema version it was written for."""

    schema_version: Literal[1]


def check_unique(field: str, ids: list[str]) -> None:
    """Refuse repeated ids, naming them, so results rows can never be ambiguous."""
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ValueError(f"`{field}` uses the id {', '.join(map(repr, repeated))} more than once")
