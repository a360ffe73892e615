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

PAGE_ROWS = 40  # bars, or heatmap rows, per chart page; the rest are on the next pages, never dropped
LABEL_CHARS = 45
COLOURS = ("#0b4f9c", "#e0a030", "#1e6b2f")
HATCHES = ("", "//", "..")
STYLE = {"text.parse_math": False, "font.size": 9}


@dataclass(frozen=True)
class ChartSpec:
    """How to draw a summary table. ``bars``: one bar per row and value column, labelled by
    ``labels`` joined; ``heatmap``: rows x columns named by ``labels``, cells from ``values[0]``.
    ``split``: a column with one chart per value (a heatmap per instrument, never one grid
    mixing several)."""

    kind: str
    labels: tuple[str, ...]
    values: tuple[str, ...]
    unit: str = ""
    split: str = ""


@dataclass(frozen=True)
class Shown:
    """Which part of a long chart or table one page shows: 'showing 1-40 of 112 organisations'."""

    first: int
    last: int
    total: int
    what: str

    def text(self) -> str:
        if self.total == 0:
            return f"no {self.what}"
        span = f"{self.first}" if self.first == self.last else f"{self.first}-{self.last}"
        return f"showing {span} of {self.total} {self.what}"


@dataclass(frozen=True)
class BarRows:
    """What a bar chart shows, for every renderer (PNG here, HTML on the dashboard): each row's
    label and each value column's numbers (NaN: no value) by its name in words."""

    labels: list[str]
    series: dict[str, np.ndarray]
    unit: str


@dataclass(frozen=True)
class HeatGrid:
    """What a heatmap shows: the mean per row and column label (NaN: not rated), and the top of
    the colour scale (at least 1, so zeros stay pale)."""

    values: np.ndarray
    rows: list[str]
    columns: list[str]
    high: float


def parts(spec: ChartSpec | None, table: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """The table as one part per value of ``spec.split`` (sorted), or as one part."""
    if spec is None or not spec.split or table.empty:
        return [("", table)]
    return [(str(value), part) for value, part in table.groupby(spec.split, sort=True)]


def _units(spec: ChartSpec | None, part: pd.DataFrame) -> list:
    """What one page counts: heatmap rows (e.g. organisations), else table rows."""
    if spec is not None and spec.kind == "heatmap":
        return sorted(part[spec.labels[0]].unique().tolist())
    return list(range(len(part)))


def unit_name(spec: ChartSpec | None) -> str:
    return f"{series_name(spec.labels[0])}s" if spec is not None and spec.kind == "heatmap" else "rows"


def page_count(spec: ChartSpec | None, table: pd.DataFrame) -> int:
    """How many pages the longest part needs (at least 1)."""
    return max([1, *(-(-len(_units(spec, part)) // PAGE_ROWS) for _, part in parts(spec, table))])


def page_of(spec: ChartSpec | None, part: pd.DataFrame, page: int) -> tuple[pd.DataFrame, Shown]:
    """Page ``page`` (from 0) of one part: its rows, and what they are of the whole."""
    units = _units(spec, part)
    start = min(page * PAGE_ROWS, len(units))
    chosen = units[start:start + PAGE_ROWS]
    shown = Shown(start + 1 if chosen else 0, start + len(chosen), len(units), unit_name(spec))
    if spec is not None and spec.kind == "heatmap":
        return part[part[spec.labels[0]].isin(chosen)], shown
    return part.iloc[start:start + PAGE_ROWS], shown


def short_label(text: object) -> str:
    """A label cut to LABEL_CHARS, so one long name cannot squeeze the chart ('' for missing);
    the table beside the chart holds it in full."""
    text = "" if pd.isna(text) else str(text)
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def series_name(column: str) -> str:
    """A value column's name in words, for legends ('learners_started' -> 'learners started')."""
    return column.replace("_", " ")


def value_text(value: float, unit: str = "", missing: str = "no value") -> str:
    """A value as drawn beside its bar or in its cell, with its unit ('75%')."""
    return missing if pd.isna(value) else f"{value:g}{unit}"


def bar_rows(spec: ChartSpec, table: pd.DataFrame) -> BarRows:
    """The bars of a ``bars`` chart (one page of it): each row labelled by its label columns joined with ' · '."""
    labels = [" · ".join(s for s in map(short_label, row) if s) for row in table[list(spec.labels)].itertuples(index=False)]
    series = {series_name(c): pd.to_numeric(table[c], errors="coerce").to_numpy(dtype=float, na_value=np.nan) for c in spec.values}
    return BarRows(labels, series, spec.unit)


def heat_grid(spec: ChartSpec, table: pd.DataFrame) -> HeatGrid:
    """The cells of a ``heatmap`` chart (one page of one part): rows x columns named by
    ``spec.labels``, mean of ``values[0]``."""
    rows, columns = spec.labels
    grid = table.pivot_table(index=rows, columns=columns, values=spec.values[0], aggfunc="mean", dropna=False)
    values = grid.to_numpy(dtype=float)
    high = max(np.nanmax(values), 1) if np.isfinite(values).any() else 1
    return HeatGrid(values, [short_label(v) for v in grid.index], [short_label(v) for v in grid.columns], float(high))


def render(spec: ChartSpec, table: pd.DataFrame, title: str) -> list[tuple[str, bytes]]:
    """Every page of every part of the chart as PNG, each with a name suffix ('' when the chart
    is one picture, else '-<part>-<page>'); none when the table is empty (nothing to draw)."""
    if table.empty:
        return []
    from matplotlib import rc_context  # imported when drawing: the CLI's tables do not need it

    pictures = []
    split = parts(spec, table)
    for name, part in split:
        pages = page_count(spec, part)
        for page in range(pages):
            shown_part, shown = page_of(spec, part, page)
            heading = " - ".join(t for t in (title, name) if t) + (f" ({shown.text()})" if pages > 1 else "")
            with rc_context(STYLE):  # type: ignore[arg-type]  # matplotlib's stubs list every key; STYLE is a plain dict
                figure = _heatmap(spec, shown_part, heading) if spec.kind == "heatmap" else _bars(spec, shown_part, heading)
                buffer = io.BytesIO()
                figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
            suffix = "" if len(split) == 1 and pages == 1 else "-" + "-".join(p for p in (_file_part(name), str(page + 1)) if p)
            pictures.append((suffix, buffer.getvalue()))
    return pictures


def _file_part(name: str) -> str:
    """A part's name as it can go in a file name."""
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in name)


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
    axes.set_title(title)
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
