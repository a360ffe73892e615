"""What counts as "the same organisation" (or team): one rule, used by every part that compares.

People type "North IV Service", "north iv service " and "North  IV Service" for one service;
all three are the same organisation. Case, outer spaces and repeated spaces are ignored, and
nothing else (a different spelling is a different organisation). Plain Python, so a page can
use it before pandas loads; ``widgets.results.spelling`` applies it to rows.
"""

from __future__ import annotations


def same_key(text: str) -> str:
    """The key two names share when they name the same organisation or team."""
    return " ".join(text.split()).casefold()
