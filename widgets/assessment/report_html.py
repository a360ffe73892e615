"""The report as HTML: shown on the page after submitting, and saved as a file to keep.

Everything in the report is escaped here, in one place, so text a person typed such as
``<img src=x onerror=alert(1)>`` is shown as text and never runs, on the page or in the file.
"""

from __future__ import annotations

import base64
from html import escape

from widgets.assessment.report import Report
from widgets.assessment.report_layout import Block, Bullets, Heading, Paragraph, Table, report_blocks

STYLE = """
.viw-report { font-family: system-ui, sans-serif; color: #1a1a1a; line-height: 1.45; }
.viw-report table { border-collapse: collapse; margin: 0.5rem 0; }
.viw-report th, .viw-report td { border: 1px solid #8a8a8a; padding: 0.25rem 0.5rem; text-align: left;
  vertical-align: top; white-space: pre-wrap; }
.viw-report .viw-scores { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
.viw-report .viw-scores img { max-width: 100%; width: 30rem; }
.viw-report li span { white-space: pre-wrap; }
"""


def report_html(report: Report, standalone: bool = True) -> str:
    """The report as a whole HTML file, or (standalone=False) as a fragment for the page."""
    body = "\n".join([f"<div class='viw-report'><style>{STYLE}</style>", *map(_block, report_blocks(report)), "</div>"])
    if not standalone:
        return body
    title = escape(f"{report.instrument_title} - {report.organisation}")
    return f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>{title}</title></head><body>\n{body}\n</body></html>\n"


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{escape(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Bullets):
        items = "".join(
            f"<li><strong>{escape(b.lead)}</strong>: {escape(b.text)}"
            + "".join(f"<br><span>{escape(line)}</span>" for line in b.lines) + "</li>"
            for b in block.items
        )
        return f"<ul>{items}</ul>"
    image = base64.b64encode(block.png).decode("ascii")  # the one block left: the chart with its table
    return (f"<div class='viw-scores'><img src='data:image/png;base64,{image}' alt='{escape(block.alt)}'>"
            f"<div>{_table(block.table)}</div></div>")


def _table(table: Table) -> str:
    if table.row_headings:
        rows = "".join(f"<tr><th scope='row'>{escape(first)}</th>" + "".join(f"<td>{escape(c)}</td>" for c in rest) + "</tr>"
                       for first, *rest in table.rows)
        return f"<table>{rows}</table>"
    head = "<tr>" + "".join(f"<th scope='col'>{escape(c)}</th>" for c in table.columns) + "</tr>"
    rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in table.rows)
    return f"<table>{head}{rows}</table>"
