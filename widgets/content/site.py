"""Workbook-wide wording: title, purpose, privacy note and the free-text reminder."""

from __future__ import annotations

from widgets.content.base import ContentFile, Text


class Site(ContentFile):
    title: Text
    tagline: Text
    purpose: Text
    audiences: list[Text]
    privacy_note: Text
    free_text_reminder: Text
