"""The dashboard's charts as HTML and CSS: a redraw takes milliseconds where matplotlib took
seconds. Downloads and the CLI keep their PNGs (``widgets.aggregate.charts``), and both show
what ``bar_rows`` and ``heat_grid`` give, so the labels and values are the same.

Results files come from other services, so every text from them is escaped; widths and
colours are numbers computed here. Nothing is told by colour alone: every bar and cell shows
its value as text, and series differ by pattern as well as colour. To a screen reader the
chart is one image, named by its title, pointing to the table that holds the same figures.
"""

from __future__ import annotations

import html
import math
from functools import lru_cache

import numpy as np

from widgets.aggregate.charts import BarRows, ChartSpec, HeatGrid, Shown, bar_rows, heat_grid, page_of, parts, series_name, value_text
from widgets.aggregate.summaries import Summary

NO_RESULTS = "<p><em>No chart: there are no results for these filters.</em></p>"
# matplotlib's "Blues" (the PNG heatmap's colours) at its start, middle and end.
BLUES = ((0xF7, 0xFB, 0xFF), (0x6B, 0xAE, 0xD6), (0x08, 0x30, 0x6B))
# Against any background the better of black and white reaches at least 4.58:1 (WCAG AA is
# 4.5:1); a softer dark would fall short on mid blues.
TEXT_COLOURS = ("#000000", "#ffffff")
NOT_RATED_BACKGROUND = "#ffffff"
SERIES_PATTERNS = 3  # .viw-series-0 to -2 in CHART_CSS, as many as charts.COLOURS

CHART_CSS = """
.viw-chart { margin: 0.25rem 0 0.5rem 0; font-size: 0.85rem; color: #1a1a1a; }
.viw-chart-legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; margin-bottom: 0.4rem; }
.viw-chart-key { display: inline-flex; align-items: center; gap: 0.4rem; }
.viw-chart-swatch { display: inline-block; width: 1.6rem; height: 0.9rem; box-shadow: inset 0 0 0 1px #1a1a1a; }
.viw-bar-row { display: grid; grid-template-columns: minmax(6rem, 14rem) 1fr; gap: 0.75rem; align-items: center;
  padding: 0.15rem 0; border-top: 1px solid #e4e4e4; }
.viw-bar-label { overflow-wrap: anywhere; }
.viw-bar-track { display: flex; }
.viw-bar-half { flex: 1; display: flex; padding: 0.1rem 0; }  /* padding, not margin: one unbroken zero line a row */
.viw-bar-positive { padding-right: 4.5rem; border-left: 2px solid #1a1a1a; }
.viw-bar-negative { padding-left: 4.5rem; justify-content: flex-end; }
.viw-bar { position: relative; height: 1rem; box-shadow: inset 0 0 0 1px #1a1a1a; }
.viw-bar-value { position: absolute; top: 50%; transform: translateY(-50%); white-space: nowrap; padding: 0 0.3rem; }
.viw-bar-positive .viw-bar-value { left: 100%; }
.viw-bar-negative .viw-bar-value { right: 100%; }
.viw-series-0 { background: #0b4f9c; }
.viw-series-1 { background: repeating-linear-gradient(45deg, #e0a030 0 4px, #6b4400 4px 6px); }
.viw-series-2 { background: radial-gradient(circle, #ffffff 1.2px, transparent 1.6px) 0 0 / 5px 5px, #1e6b2f; }
/* High-contrast modes drop backgrounds: keep the bars and swatches drawn, their values in system colours. */
.viw-bar, .viw-chart-swatch { forced-color-adjust: none; }
.viw-bar-value { forced-color-adjust: auto; }
.viw-chart-note { font-size: 0.9rem; margin: 0 0 0.5rem 0; }
.viw-chart-heatmap { overflow-x: auto; contain: inline-size; }  /* scrolls in its own box, never widens the page */
.viw-heat-key { margin: 0 0 0.4rem 0; }
.viw-heat { display: grid; gap: 2px; width: max-content; }
.viw-heat-column { writing-mode: vertical-rl; transform: rotate(180deg); justify-self: center; padding: 0.2rem 0;
  max-height: 12rem; overflow-wrap: anywhere; }
.viw-heat-row { align-self: center; padding-right: 0.5rem; max-width: 14rem; overflow-wrap: anywhere; }
.viw-heat-cell { display: flex; align-items: center; justify-content: center; text-align: center;
  min-height: 2rem; line-height: 1.1; }
.viw-heat-none { outline: 1px dashed #6b6b6b; outline-offset: -1px; }
"""


def chart_html(summary: Summary, page: int = 0) -> str:
    """Page ``page`` of the summary's chart as HTML, one figure per part (a heatmap per
    instrument), each saying which rows it shows: '' for a table-only summary, a sentence for
    an empty table."""
    if summary.chart is None:
        return ""
    if summary.table.empty:
        return NO_RESULTS
    chart, figures = summary.chart, []
    for name, part in parts(chart, summary.table):
        rows, shown = page_of(chart, part, page)
        title = " - ".join(t for t in (summary.title, name) if t)
        heading = f"<h4 class='viw-chart-part'>{html.escape(name)}</h4>" if name else ""
        if rows.empty:
            figures.append(heading + _note(shown))
        elif chart.kind == "heatmap":
            figures.append(heading + _heatmap(title, chart, heat_grid(chart, rows)) + _note(shown))
        else:
            bars = bar_rows(chart, rows)
            figures.append(heading + _figure(title, "bars", _legend(bars) + _bars(bars)) + _note(shown))
    return "".join(figures)


def _figure(title: str, kind: str, body: str, focusable: bool = False) -> str:
    name = html.escape(f"Chart: {title}. The same figures are in the table below.", quote=True)
    focus = " tabindex='0'" if focusable else ""
    return f"<figure class='viw-chart viw-chart-{kind}' role='img' aria-label='{name}'{focus}>{body}</figure>"


def _note(shown: Shown) -> str:
    """Says, outside the figure so everyone reads it, which of the rows the chart shows."""
    text = shown.text()
    return f"<p class='viw-chart-note'>Chart: {html.escape(text)}.</p>"


def _legend(bars: BarRows) -> str:
    """Only when there are several series: each name in words beside its colour and pattern."""
    if len(bars.series) < 2:
        return ""
    keys = "".join(f"<span class='viw-chart-key'><span class='viw-chart-swatch viw-series-{n % SERIES_PATTERNS}'></span>"
                   f"{html.escape(name)}</span>" for n, name in enumerate(bars.series))
    return f"<div class='viw-chart-legend'>{keys}</div>"


def _bars(bars: BarRows) -> str:
    """One row per label with a bar per series, widths against the largest absolute value. With
    any negative value the track is split at a zero line, negatives to the left."""
    values = np.array(list(bars.series.values()))
    known = values[np.isfinite(values)]
    largest = float(np.abs(known).max()) if known.size else 0.0
    largest = largest or 1.0  # all zero or no value: every bar is empty
    signed = bool(known.size and known.min() < 0)
    rows = []
    for r, label in enumerate(bars.labels):
        tracks = "".join(_track(float(series[r]), largest, signed, bars.unit, n) for n, series in enumerate(bars.series.values()))
        rows.append(f"<div class='viw-bar-row'><div class='viw-bar-label'>{html.escape(label)}</div><div>{tracks}</div></div>")
    return "".join(rows)


def _track(value: float, largest: float, signed: bool, unit: str, series: int) -> str:
    text = value_text(value, unit)
    if signed and value > 0:
        text = "+" + text
    width = 0.0 if np.isnan(value) else round(100 * abs(value) / largest, 2)
    bar = (f"<span class='viw-bar viw-series-{series % SERIES_PATTERNS}' style='width:{width:g}%'>"
           f"<span class='viw-bar-value'>{html.escape(text)}</span></span>")
    if not signed:
        return f"<div class='viw-bar-track'><div class='viw-bar-half viw-bar-positive'>{bar}</div></div>"
    left, right = (bar, "") if value < 0 else ("", bar)  # NaN: "no value" at the zero line, on the right
    return (f"<div class='viw-bar-track'><div class='viw-bar-half viw-bar-negative'>{left}</div>"
            f"<div class='viw-bar-half viw-bar-positive'>{right}</div></div>")


def _heatmap(title: str, chart: ChartSpec, grid: HeatGrid) -> str:
    """A key in words, the grid, and what it leaves out. A wide grid scrolls sideways in its
    figure, so the figure takes the focus for the arrow keys."""
    rows, columns = chart.labels
    key = (f"Rows: {series_name(rows)}. Columns: {series_name(columns)}. "
           f"Each cell: the mean {series_name(chart.values[0])}, darker when higher.")
    body = f"<p class='viw-heat-key'>{html.escape(key)}</p>{_grid(grid)}"
    return _figure(title, "heatmap", body, focusable=True)


def _grid(grid: HeatGrid) -> str:
    """Column headings, then per row its heading and one shaded cell per column."""
    parts = ["<span></span>", *(f"<span class='viw-heat-column'>{html.escape(c)}</span>" for c in grid.columns)]
    for label, row in zip(grid.rows, grid.values.tolist()):  # floats: far quicker per cell than numpy scalars
        parts.append(f"<span class='viw-heat-row'>{html.escape(label)}</span>")
        parts.extend(_cell(value, grid.high) for value in row)
    layout = f"grid-template-columns: auto repeat({len(grid.columns)}, 3rem)"
    return f"<div class='viw-heat' style='{layout}'>{''.join(parts)}</div>"


def _cell(value: float, high: float) -> str:
    missing = math.isnan(value)
    background = NOT_RATED_BACKGROUND if missing else _shade(value / high)
    text = html.escape(value_text(value, missing="not rated"))
    style = f"background:{background};color:{_text_colour(background)}"
    return f"<span class='viw-heat-cell{' viw-heat-none' if missing else ''}' style='{style}'>{text}</span>"


def _shade(share: float) -> str:
    """The colour for a share of the scale (0 pale, 1 dark), between the BLUES stops."""
    share = min(max(share, 0.0), 1.0)
    start, end, t = (BLUES[0], BLUES[1], share * 2) if share <= 0.5 else (BLUES[1], BLUES[2], share * 2 - 1)
    return "#" + "".join(f"{round(a + (b - a) * t):02x}" for a, b in zip(start, end))


@lru_cache(maxsize=1024)  # a heatmap repeats few colours
def _text_colour(background: str) -> str:
    """Of TEXT_COLOURS, the one with the higher WCAG contrast ratio on ``background``."""
    return max(TEXT_COLOURS, key=lambda text: _contrast(text, background))


def _contrast(one: str, other: str) -> float:
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance of '#rrggbb'."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue
