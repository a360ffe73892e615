"""A training module: short steps to read, then a quiz (kept in its own file)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from widgets.content.base import ContentFile, PageName, Slug, Strict, Text


class Picture(Strict):
    """A diagram from content/pictures/, always with a text alternative for screen readers."""

    file: Annotated[str, Field(pattern=r"^[A-Za-z0-9_\-]+\.(svg|png)$")]
    alt: Text


class Step(Strict):
    title: Text
    body: Text  # Markdown; raw HTML in it is shown as text
    picture: Picture | None = None
    sources: list[Slug] = []


class LearningOutcome(Strict):
    id: Slug
    text: Text


class Module(ContentFile):
    id: Slug
    title: Text
    order: int
    page: PageName
    summary: Text
    minutes: Annotated[int, Field(gt=0, le=120)]
    quiz: Slug
    learning_outcomes: list[LearningOutcome] = []
    steps: Annotated[list[Step], Field(min_length=1)]
