"""Workbook-wide wording: title, purpose, privacy note, the free-text reminder, and whose
workbook it is (the organisation's name and logo, on the certificate)."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from widgets.content.base import ContentFile, Strict, Text

# A picture in content/pictures/, e.g. "council-logo.png".
PictureFile = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_\-]+\.(svg|png|jpg|jpeg)$")]


class Brand(Strict):
    """The organisation that runs the workbook: its name, and optionally its logo."""

    organisation: Text
    logo: PictureFile | None = None


class Site(ContentFile):
    title: Text
    tagline: Text
    purpose: Text
    audiences: list[Text]
    privacy_note: Text
    privacy_summary: Text | None = None  # a sentence or two shown above the full note
    free_text_reminder: Text
    brand: Brand | None = None
