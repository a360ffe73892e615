"""Workbook-wide wording (title, purpose, privacy note, the free-text reminder), the
organisation's own name and local routes for children's views (filled into module text), and
the brand: the organisation named in every page's header, its logo and its colours, so a
council can put its own name and colours on the workbook by editing content/site.yaml; and the
12-month impact review (when learners are invited to it, and which frameworks it asks about)."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field, field_validator, model_validator

from widgets.content.base import ContentFile, Slug, Strict, Text, check_unique

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
AA = 4.5  # WCAG AA contrast for body text
PAIRS = (  # (text colour, the colour it is read on): each pair must reach AA
    ("text", "background"), ("link", "background"), ("primary_text", "primary"),
    ("header_text", "header"), ("focus", "background"),
)


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


class Colours(Strict):
    """Each colour as #rrggbb; the page's CSS custom properties are made from them (--viw-<name>)."""

    text: str = "#1a1a1a"
    background: str = "#ffffff"
    link: str = "#0b4f9c"
    primary: str = "#1d5b8f"  # the main action's button
    primary_text: str = "#ffffff"
    header: str = "#102a43"  # the band at the top of every page
    header_text: str = "#ffffff"
    focus: str = "#b35c00"  # the keyboard focus outline

    @field_validator("*")
    @classmethod
    def _hex(cls, value: str, info) -> str:  # noqa: ANN001 - pydantic's ValidationInfo
        if not isinstance(value, str) or not HEX.match(value):
            raise ValueError(f"`brand.colours.{info.field_name}` {value!r} is not a colour: write it as #rrggbb, e.g. #1d5b8f")
        return value.lower()

    @model_validator(mode="after")
    def _readable(self) -> "Colours":
        for text, ground in PAIRS:
            ratio = contrast(getattr(self, text), getattr(self, ground))
            if ratio < AA:
                raise ValueError(f"`brand.colours.{text}` on `brand.colours.{ground}` has a contrast of {ratio:.1f}:1; "
                                 f"it must be at least {AA}:1 to be readable: darken or lighten one of them")
        return self


class Brand(Strict):
    """Who runs this workbook. ``logo`` is a file in content/pictures/ (SVG or PNG), shown beside
    the organisation's name, which is always there in words too."""

    organisation: Text | None = None
    logo: Annotated[str, Field(pattern=r"^[A-Za-z0-9_\-]+\.(svg|png)$")] | None = None
    colours: Colours = Colours()


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
    privacy_summary: Text | None = None  # a sentence or two shown above the full note
    free_text_reminder: Text
    follow_up: FollowUp
    local_routes: LocalRoutes = LocalRoutes()
    brand: Brand = Brand()
