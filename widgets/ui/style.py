"""The workbook's look: readable type, strong contrast, visible keyboard focus.

One stylesheet for every page, added as the page's first widget.
"""

from __future__ import annotations

import ipywidgets as ipw

CSS = """
.viw-page { max-width: 56rem; font-size: 16px; line-height: 1.5; color: #1a1a1a; }
.viw-page h1, .viw-page h2, .viw-page h3 { color: #102a43; }
.viw-page a { color: #0b4f9c; text-decoration: underline; }
/* ipywidgets takes the outline off its inputs with `outline: none !important` (specificity
   0,2,1); `.viw-page .jupyter-widgets` (0,3,0) wins, so a keyboard user always sees the focus. */
/* A date box's last Tab stop is its calendar button, inside the box: the box then matches only
   :focus-within, so it is outlined whenever the focus is anywhere in it. */
.viw-page :focus-visible, .viw-page .jupyter-widgets :focus-visible,
.viw-page .jupyter-widgets input[type="date"]:focus-within {
  outline: 3px solid #b35c00 !important; outline-offset: 2px; }
.viw-hint { font-size: 0.9rem; color: #3d3d3d; margin: 0 0 0.75rem 0; }
.viw-message { padding: 0.5rem 0.75rem; border-left: 6px solid; margin: 0.5rem 0; }
.viw-info { border-color: #0b4f9c; background: #eef4fb; }
.viw-success { border-color: #1e6b2f; background: #eef8f0; }
.viw-error { border-color: #a4262c; background: #fbeeee; }
.viw-download { display: inline-block; padding: 0.4rem 0.9rem; border: 2px solid #0b4f9c;
  border-radius: 4px; color: #0b4f9c !important; text-decoration: none !important; font-weight: 600; }
.viw-free-text-field .widget-textarea { flex-direction: column; align-items: stretch; }
.viw-free-text-field .widget-label { font-weight: 600; margin-bottom: 0.25rem; text-align: left; width: auto; }
.viw-card { border: 1px solid #8a8a8a; border-radius: 6px; padding: 0.75rem 1rem; margin: 0.5rem 0; }
.viw-privacy { background: #f4f4f4; border-left: 6px solid #555; padding: 0.5rem 1rem; }
/* ipywidgets' warning button is white on orange (about 2.9:1): a darker orange reads at 7:1. */
.viw-page .jupyter-button.mod-warning { background: #8a4500; color: #ffffff; }
"""


def page_style() -> ipw.HTML:
    return ipw.HTML(f"<style>{CSS}</style>")
