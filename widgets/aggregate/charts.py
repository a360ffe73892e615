"""Charts as PNG bytes, drawn with matplotlib offline (no web fonts, no CDN).

Every bar and cell carries its value as text and series differ by hatching as well as
colour, so nothing is told by colour alone. Maths parsing is off: text from results files
(names, items) is drawn exactly as written, never interpreted. What a chart shows
(``bar_rows``, ``heat_grid``) is worked out apart from drawing it, so the dashboard's HTML
charts show the same labels and values.
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


@dataclass(frozen=True)
class BarRows:
    """What a bar chart shows, for every renderer (PNG here, HTML on the dashboard): the first
    MOST_BARS rows' labels and each value column's numbers (NaN: no value) by its name in words."""

    labels: list[str]
    series: dict[str, np.ndarray]
    unit: str
    total: int


@dataclass(frozen=True)
class HeatGrid:
    """What a heatmap shows: the mean per row and column label (NaN: not rated), at most
    MOST_BARS each way of ``total_rows`` x ``total_columns``, and the top of the colour scale
    (at least 1, so zeros stay pale)."""

    values: np.ndarray
    rows: list[str]
    columns: list[str]
    high: float
    total_rows: int
    total_columns: int


def first_of(total: int) -> str:
    """'first 40 of N' when a chart shows only the first MOST_BARS of ``total``, else ''."""
    return f"first {MOST_BARS} of {total}" if total > MOST_BARS else ""


def short_label(text: object) -> str:
    """A label cut to LABEL_CHARS, so one long name cannot squeeze the chart ('' for missing)."""
    text = "" if pd.isna(text) else str(text)
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def series_name(column: str) -> str:
    """A value column's name in words, for legends ('learners_started' -> 'learners started')."""
    return column.replace("_", " ")


def value_text(value: float, unit: str = "", missing: str = "no value") -> str:
    """A value as drawn beside its bar or in its cell, with its unit ('75%')."""
    return missing if pd.isna(value) else f"{value:g}{unit}"


def bar_rows(spec: ChartSpec, table: pd.DataFrame) -> BarRows:
    """The bars of a ``bars`` chart: each row labelled by its label columns joined with ' · '."""
    shown = table.head(MOST_BARS)
    labels = [" · ".join(s for s in map(short_label, row) if s) for row in shown[list(spec.labels)].itertuples(index=False)]
    series = {series_name(c): pd.to_numeric(shown[c], errors="coerce").to_numpy(dtype=float, na_value=np.nan) for c in spec.values}
    return BarRows(labels, series, spec.unit, len(table))


def heat_grid(spec: ChartSpec, table: pd.DataFrame) -> HeatGrid:
    """The cells of a ``heatmap`` chart: rows x columns named by ``spec.labels``, mean of ``values[0]``."""
    rows, columns = spec.labels
    grid = table.pivot_table(index=rows, columns=columns, values=spec.values[0], aggfunc="mean", dropna=False)
    total_rows, total_columns = grid.shape
    grid = grid.iloc[:MOST_BARS, :MOST_BARS]
    values = grid.to_numpy(dtype=float)
    high = max(np.nanmax(values), 1) if np.isfinite(values).any() else 1
    return HeatGrid(values, [short_label(v) for v in grid.index], [short_label(v) for v in grid.columns], float(high),
                    total_rows, total_columns)


def render(spec: ChartSpec, table: pd.DataFrame, title: str) -> bytes | None:
    """The chart as PNG, or None when the table is empty (nothing to draw)."""
    if table.empty:
        return None
    from matplotlib import rc_context  # imported when drawing: the CLI's tables do not need it

    with rc_context(STYLE):  # type: ignore[arg-type]  # matplotlib's stubs list every key; STYLE is a plain dict
        figure = _heatmap(spec, table, title) if spec.kind == "heatmap" else _bars(spec, table, title)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return buffer.getvalue()


def _figure(size: tuple[float, float]) -> "Figure":
    """A figure drawn by the Agg backend (no display, no pyplot state shared between views)."""
    from matplotlib.figure import Figure

    return Figure(figsize=size)


def _bars(spec: ChartSpec, table: pd.DataFrame, title: str) -> Figure:
    bars = bar_rows(spec, table)
    count, series = len(bars.labels), len(bars.series)
    height = 1.2 + 0.32 * count * series
    figure = _figure((8, height))
    axes = figure.subplots()
    positions = np.arange(count)
    width = 0.8 / series
    for n, (name, values) in enumerate(bars.series.items()):
        offsets = positions + (n - (series - 1) / 2) * width
        drawn = axes.barh(offsets, np.nan_to_num(values, nan=0.0), height=width, color=COLOURS[n % 3], hatch=HATCHES[n % 3],
                          edgecolor="#1a1a1a", label=name)
        axes.bar_label(drawn, labels=[value_text(v, bars.unit) for v in values], padding=3)
    axes.set_yticks(positions, labels=bars.labels)
    axes.invert_yaxis()
    axes.margins(x=0.15)
    note = first_of(bars.total)
    axes.set_title(title + (f" ({note})" if note else ""))
    if series > 1:  # below the plot, so it never hides a bar or its value
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08 - 0.6 / height), ncols=series, frameon=False)
    return figure


def _heatmap(spec: ChartSpec, table: pd.DataFrame, title: str) -> Figure:
    grid = heat_grid(spec, table)
    figure = _figure((2 + 0.9 * len(grid.columns), 1.5 + 0.45 * len(grid.rows)))
    axes = figure.subplots()
    axes.imshow(np.nan_to_num(grid.values, nan=0.0), cmap="Blues", aspect="auto", vmin=0, vmax=grid.high)
    for (r, c), value in np.ndenumerate(grid.values):
        text = value_text(value, missing="not rated")
        axes.text(c, r, text, ha="center", va="center", color="white" if not np.isnan(value) and value > grid.high * 0.6 else "#1a1a1a")
    axes.set_xticks(range(len(grid.columns)), labels=grid.columns, rotation=45, ha="right")
    axes.set_yticks(range(len(grid.rows)), labels=grid.rows)
    axes.set_title(title)
    return figure
