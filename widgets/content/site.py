"""Workbook-wide wording: title, purpose, privacy note, the free-text reminder, and the
organisation's own name and local routes for children's views (filled into module text)."""

from __future__ import annotations

from widgets.content.base import ContentFile, Strict, Text


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
    local_routes: LocalRoutes = LocalRoutes()
