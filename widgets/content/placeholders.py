"""Placeholders in module text, such as ``{organisation}``, filled from site.yaml's
``local_routes`` when content loads, so every service reads its own names.

An empty name reads as a general wording ("your children in care council"), so the text is
right before a service fills anything in. A placeholder no one knows is a content error that
names the file, the step and the field: a typo must not reach staff as "{organisaton}".
"""

from __future__ import annotations

import re

from widgets.content.site import LocalRoutes

# The wording used while a name is empty: one place for it.
GENERAL_WORDING = {
    "organisation": "your organisation",
    "children_in_care_council": "your children in care council",
    "youth_council": "your local youth council",
    "care_leavers_group": "your care leavers' group",
}

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_SENTENCE_START = re.compile(r"(^|[.!?]\s+|\n\s*(?:[-*+]|\d+\.)?\s*|\*\*)$")


def unknown_placeholders(text: str) -> list[str]:
    """The placeholders in ``text`` that no local route fills, in order of first use."""
    found = [name for name in PLACEHOLDER.findall(text) if name not in GENERAL_WORDING]
    return list(dict.fromkeys(found))


def fill(text: str, routes: LocalRoutes) -> str:
    """``text`` with each known placeholder replaced by the service's name or, when that is
    empty, the general wording (capitalised where it starts a sentence or a bullet)."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in GENERAL_WORDING:
            return match.group(0)
        given = getattr(routes, name).strip()
        if given:
            return given
        wording = GENERAL_WORDING[name]
        if _SENTENCE_START.search(text[: match.start()]):
            wording = wording[0].upper() + wording[1:]
        return wording

    return PLACEHOLDER.sub(replace, text)
