"""Workbook-wide wording: title, purpose, privacy note, the free-text reminder, and the
organisation's own name and local routes for children's views (filled into module text),
and its logo (on the certificate)."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from widgets.content.base import ContentFile, Strict, Text

# A picture in content/pictures/, e.g. "council-logo.png".
PictureFile = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_\-]+\.(svg|png|jpg|jpeg)$")]


class LocalRoutes(Strict):
    """Names a service fills in so the modules speak of its own groups, not one council's.

    Each is empty by default; module text names them with placeholders such as
    ``{children_in_care_council}`` and an empty name reads as a general wording instead
    (widgets/content/placeholders.py)."""

    organisation: str = ""
    children_in_care_council: str = ""
    youth_council: str = ""
    care_leavers_group: str = ""


class Brand(Strict):
    """How the organisation that runs the workbook looks: its logo (its name is
    ``local_routes.organisation``)."""

    logo: PictureFile | None = None


class Site(ContentFile):
    title: Text
    tagline: Text
    purpose: Text
    audiences: list[Text]
    privacy_note: Text
    privacy_summary: Text | None = None  # a sentence or two shown above the full note
    free_text_reminder: Text
    local_routes: LocalRoutes = LocalRoutes()
    brand: Brand = Brand()

