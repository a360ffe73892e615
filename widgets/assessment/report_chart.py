"""The scores-by-section chart: a PNG drawn offline, each bar labelled with its figures.

Colour carries no meaning (one colour for every bar); the value is written on each bar and the
report puts a table with the same figures beside it. matplotlib is imported when the first chart
is drawn, not when a page opens (it takes about a third of a second).
"""

from __future__ import annotations

import functools
import io
import textwrap
from typing import Sequence

from widgets.assessment.report import SectionScore

BAR_COLOUR = "#0b4f9c"


def bar_label(section: SectionScore) -> str:
    if section.percent is None:
        return "not rated"
    return f"{section.percent}% ({section.answered} of {section.total} rated)"


@functools.lru_cache(maxsize=16)  # the page, the HTML file and the PDF all show the same chart
def section_chart_png(sections: tuple[SectionScore, ...]) -> bytes:
    import matplotlib

    matplotlib.use("Agg")  # no display, no internet: drawn in memory
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(7, 0.6 * len(sections) + 1.2), dpi=100)
    try:
        names = ["\n".join(textwrap.wrap(s.title, 28)) for s in sections]
        values = [s.percent or 0 for s in sections]
        positions = range(len(sections))
        axes.barh(positions, values, color=BAR_COLOUR)
        for position, section, value in zip(positions, sections, values):
            axes.text(value + 1, position, bar_label(section), va="center", fontsize=9)
        axes.set_yticks(list(positions), names, fontsize=9)
        axes.invert_yaxis()  # first section at the top, as on the page
        axes.set_xlim(0, 135)  # room for the labels after a full bar
        axes.set_xticks([0, 25, 50, 75, 100])
        axes.set_xlabel("Score as a share of the most possible (%)")
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        return buffer.getvalue()
    finally:
        plt.close(figure)


def chart_alt_text(sections: Sequence[SectionScore]) -> str:
    """The chart in words, for screen readers."""
    return "Bar chart of scores by section: " + "; ".join(f"{s.title}: {bar_label(s)}" for s in sections) + "."
