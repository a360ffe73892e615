"""A self-assessment instrument: a rating scale, sections of items, and what each item asks for."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from widgets.content.base import ContentFile, PageName, Slug, Strict, Text, check_unique


class ScaleLevel(Strict):
    value: Annotated[int, Field(ge=0, le=10)]
    label: Text
    description: str = ""


class Scale(Strict):
    """One rating scale per instrument; the highest value is the item's max_score."""

    name: Text
    levels: Annotated[list[ScaleLevel], Field(min_length=2)]

    @model_validator(mode="after")
    def _values_distinct(self) -> "Scale":
        values = [level.value for level in self.levels]
        if len(set(values)) != len(values):
            raise ValueError("`levels` gives the same value to two levels")
        return self

    @property
    def max_value(self) -> int:
        return max(level.value for level in self.levels)


class Asks(Strict):
    """Which boxes each item shows besides the rating."""

    evidence: bool = True
    evidence_label: Text = "Evidence"
    children_say: bool = False
    participation_degree: bool = False
    action: bool = True


class AssessmentItem(Strict):
    id: Slug
    text: Text
    guidance: str = ""
    sources: list[Slug] = []


class Section(Strict):
    id: Slug
    title: Text
    intro: str = ""
    items: Annotated[list[AssessmentItem], Field(min_length=1)]


class Instrument(ContentFile):
    id: Slug
    title: Text
    version: Text
    page: PageName
    summary: Text
    sources: list[Slug] = []
    scale: Scale
    asks: Asks = Asks()
    # The choices for "degree of participation used today" (e.g. Treseder's degrees), in order.
    participation_degrees: list[Text] = []
    sections: Annotated[list[Section], Field(min_length=1)]

    @model_validator(mode="after")
    def _item_ids_unique(self) -> "Instrument":
        check_unique("sections", [section.id for section in self.sections])
        check_unique("items", [item.id for item in self.items])
        degrees = self.participation_degrees
        repeated = sorted({d for d in degrees if degrees.count(d) > 1})
        if repeated:
            raise ValueError(f"`participation_degrees` lists {', '.join(map(repr, repeated))} more than once")
        if self.asks.participation_degree and not self.participation_degrees:
            raise ValueError("`asks.participation_degree` is on, so list the choices in `participation_degrees`")
        return self

    @property
    def items(self) -> list[AssessmentItem]:
        return [item for section in self.sections for item in section.items]
