"""Charts as PNG bytes, drawn with matplotlib offline (no web fonts, no CDN).

Every bar and cell carries its value as text and series differ by hatching as well as
colour, so nothing is told by colour alone. Maths parsing is off: text from results files
(names, items) is drawn exactly as written, never interpreted.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MOST_BARS = 40
LABEL_CHARS = 45
COLOURS = ("#0b4f9c", "#e0a030", "#1e6b2f")
HATCHES = ("", "//", "..")
STYLE = {"text.parse_math": False, "font.size": 9}


@dataclass(frozen=True)
class ChartSpec:
    """How to draw a summary table. ``bars``: one bar per row and value column, labelled by
    ``labels`` joined; ``heatmap``: rows x columns named by ``labels``, cells from ``values[0]``."""

    kind: str
    labels: tuple[str, ...]
    values: tuple[str, ...]
    unit: str = ""


def render(spec: ChartSpec, table: pd.DataFrame, title: str) -> bytes | None:
    """The chart as PNG, or None when the table is empty (nothing to draw)."""
    if table.empty:
        return None
    from matplotlib import rc_context  # imported when drawing: the CLI's tables do not need it

    with rc_context(STYLE):
        figure = _heatmap(spec, table, title) if spec.kind == "heatmap" else _bars(spec, table, title)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return buffer.getvalue()


def _figure(size: tuple[float, float]) -> "Figure":
    """A figure drawn by the Agg backend (no display, no pyplot state shared between views)."""
    from matplotlib.figure import Figure

    return Figure(figsize=size)


def _short(text: object) -> str:
    text = "" if pd.isna(text) else str(text)
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _bars(spec: ChartSpec, table: pd.DataFrame, title: str) -> Figure:
    shown = table.head(MOST_BARS)
    labels = [" · ".join(_short(v) for v in row if _short(v)) for row in shown[list(spec.labels)].itertuples(index=False)]
    series = len(spec.values)
    height = 1.2 + 0.32 * len(shown) * series
    figure = _figure((8, height))
    axes = figure.subplots()
    positions = np.arange(len(shown))
    width = 0.8 / series
    for n, column in enumerate(spec.values):
        values = pd.to_numeric(shown[column], errors="coerce")
        offsets = positions + (n - (series - 1) / 2) * width
        bars = axes.barh(offsets, values.fillna(0), height=width, color=COLOURS[n % 3], hatch=HATCHES[n % 3],
                         edgecolor="#1a1a1a", label=column.replace("_", " "))
        texts = ["no value" if pd.isna(v) else f"{v:g}{spec.unit}" for v in values]
        axes.bar_label(bars, labels=texts, padding=3)
    axes.set_yticks(positions, labels=labels)
    axes.invert_yaxis()
    axes.margins(x=0.15)
    axes.set_title(title + (f" (first {MOST_BARS} of {len(table)})" if len(table) > MOST_BARS else ""))
    if series > 1:  # below the plot, so it never hides a bar or its value
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08 - 0.6 / height), ncols=series, frameon=False)
    return figure


def _heatmap(spec: ChartSpec, table: pd.DataFrame, title: str) -> Figure:
    rows, columns = spec.labels
    grid = table.pivot_table(index=rows, columns=columns, values=spec.values[0], aggfunc="mean", dropna=False)
    grid = grid.iloc[:MOST_BARS, :MOST_BARS]
    figure = _figure((2 + 0.9 * grid.shape[1], 1.5 + 0.45 * grid.shape[0]))
    axes = figure.subplots()
    values = grid.to_numpy(dtype=float)
    high = max(np.nanmax(values), 1) if np.isfinite(values).any() else 1
    axes.imshow(np.nan_to_num(values, nan=0.0), cmap="Blues", aspect="auto", vmin=0, vmax=high)
    for (r, c), value in np.ndenumerate(values):
        text = "not rated" if np.isnan(value) else f"{value:g}"
        axes.text(c, r, text, ha="center", va="center", color="white" if not np.isnan(value) and value > high * 0.6 else "#1a1a1a")
    axes.set_xticks(range(grid.shape[1]), labels=[_short(v) for v in grid.columns], rotation=45, ha="right")
    axes.set_yticks(range(grid.shape[0]), labels=[_short(v) for v in grid.index])
    axes.set_title(title)
    return figure
