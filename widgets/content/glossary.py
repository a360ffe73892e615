"""The glossary: each framework term and abbreviation defined once, in plain words.

Module text spells a term out where it is first used and links to its entry after that with
a Markdown link to the glossary page, e.g. ``[IRO](glossary.ipynb#iro)``; a link to a term
the glossary does not have is a content error."""

from __future__ import annotations

import re

from pydantic import model_validator

from widgets.content.base import ContentFile, Slug, Strict, Text, check_unique

GLOSSARY_PAGE = "glossary.ipynb"
GLOSSARY_LINK = re.compile(r"\]\(" + re.escape(GLOSSARY_PAGE) + r"#([^)\s]*)\)")


class Term(Strict):
    id: Slug
    term: Text  # the words in full, e.g. "independent reviewing officer"
    abbreviation: str = ""  # e.g. "IRO": spelled out at its first use in each module
    also: list[Text] = []  # other ways of writing it in full, e.g. "UN Convention on the Rights of the Child"
    definition: Text
    sources: list[Slug] = []


class Glossary(ContentFile):
    terms: list[Term]

    @model_validator(mode="after")
    def _ids_unique(self) -> "Glossary":
        check_unique("terms", [t.id for t in self.terms])
        abbreviations = [t.abbreviation for t in self.terms if t.abbreviation]
        repeated = sorted({a for a in abbreviations if abbreviations.count(a) > 1})
        if repeated:
            raise ValueError(f"`terms` gives the abbreviation {', '.join(map(repr, repeated))} to more than one term")
        return self


def glossary_links(text: str) -> list[str]:
    """The term ids that ``text`` links to on the glossary page, in order."""
    return GLOSSARY_LINK.findall(text)
