"""Workbook-wide wording: title, purpose, privacy note, the free-text reminder, the
organisation's own name and local routes for children's views (filled into module text), and
the 12-month impact review (when learners are invited to it, and which frameworks it asks about)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator

from widgets.content.base import ContentFile, Slug, Strict, Text, check_unique


class Framework(Strict):
    """A framework the training teaches; the review asks whether it was used in practice."""

    id: Slug
    name: Text


class FollowUp(Strict):
    """The follow-up questionnaire (the impact review): confidence again on every learning
    outcome, whether each framework was used in practice, and one example."""

    months_after_last_pass: Annotated[int, Field(ge=1, le=60)] = 12
    frameworks: Annotated[list[Framework], Field(min_length=1)]
    example_prompt: Text

    @field_validator("frameworks")
    @classmethod
    def _unique(cls, frameworks: list[Framework]) -> list[Framework]:
        check_unique("frameworks", [f.id for f in frameworks])
        return frameworks

class LocalRoutes(Strict):
    """Names a service fills in so the modules speak of its own groups, not one council's.

    Each is empty by default; module text names them with placeholders such as
    ``{children_in_care_council}`` and an empty name reads as a general wording instead
    (widgets/content/placeholders.py)."""

    organisation: str = ""
    children_in_care_council: str = ""
    youth_council: str = ""
    care_leavers_group: str = ""


class Site(ContentFile):
    title: Text
    tagline: Text
    purpose: Text
    audiences: list[Text]
    privacy_note: Text
    free_text_reminder: Text
    follow_up: FollowUp
    local_routes: LocalRoutes = LocalRoutes()
