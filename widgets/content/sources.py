"""The bibliography: every framework fact in the content cites one of these."""

from __future__ import annotations

from widgets.content.base import ContentFile, Slug, Strict, Text


class Source(Strict):
    id: Slug
    citation: Text
    note: str = ""


class SourceList(ContentFile):
    sources: list[Source]
