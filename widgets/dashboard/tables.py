"""Tables as HTML with every value escaped: results files come from other services and may
hold HTML or script in any text (names, evidence, actions), which must show as text."""

from __future__ import annotations

import html

import pandas as pd

MOST_ROWS_SHOWN = 200
TABLE_CSS = """
.viw-table { border-collapse: collapse; font-size: 0.9rem; margin: 0.25rem 0 0.75rem 0; }
.viw-table th, .viw-table td { border: 1px solid #8a8a8a; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
.viw-table th { background: #eef4fb; }
.viw-table-wrap { max-width: 100%; overflow-x: auto; }
"""


def html_table(table: pd.DataFrame, caption: str = "", name: str = "") -> str:
    """An accessible table (caption, header cells); long tables show their first rows.
    ``name`` names the table's box for screen readers where a heading already stands as its caption."""
    if table.empty:
        return "<p><em>No rows for these filters.</em></p>"
    shown = table.head(MOST_ROWS_SHOWN)
    body = shown.to_html(index=False, escape=True, na_rep="", border=0, classes="viw-table", float_format=lambda v: f"{v:g}")
    if caption:
        body = body.replace(">\n  <thead>", f">\n  <caption>{html.escape(caption)}</caption>\n  <thead>", 1)
    note = f"<p>Showing the first {MOST_ROWS_SHOWN} of {len(table)} rows; the downloads hold them all.</p>" if len(table) > MOST_ROWS_SHOWN else ""
    # A wide table scrolls sideways in its box: the box takes the focus so the arrow keys can
    # scroll it, and is a region named by the caption for screen readers (axe: scrollable-region-focusable).
    name = html.escape(caption or name or "Table", quote=True)
    return f"<div class='viw-table-wrap' role='region' tabindex='0' aria-label=\"{name}\">{body}</div>{note}"
