"""The report as HTML: shown on the page after submitting, saved as a file to keep, and (with
its print CSS) the one template the PDF is rendered from (report_pdf).

Everything in the report is escaped here, in one place, so text a person typed such as
``<img src=x onerror=alert(1)>`` is shown as text and never runs, on the page, in the file or
in the PDF.

Typed text can be in any language: every table cell and every typed answer has ``dir="auto"``,
so a browser runs Arabic right to left and English left to right, each box by its own first
letter. WeasyPrint (the PDF) does not read ``dir="auto"``, so the same rule (the first strong
letter decides, as in HTML) is worked out here too and a right-to-left box also gets the class
``viw-rtl``, which the style sets right to left: a browser and the PDF agree.
"""

from __future__ import annotations

import base64
import unicodedata
from html import escape

from widgets.assessment.report import Report
from widgets.assessment.report_layout import Block, Bullets, Heading, Paragraph, Table, report_blocks

STYLE = """
.viw-report { font-family: system-ui, sans-serif; color: #1a1a1a; line-height: 1.45; overflow-wrap: anywhere; }
.viw-report table { border-collapse: collapse; margin: 0.5rem 0; }
.viw-report table.viw-fixed { width: 100%; table-layout: fixed; }
.viw-report th, .viw-report td { border: 1px solid #8a8a8a; padding: 0.25rem 0.5rem; text-align: start;
  vertical-align: top; white-space: pre-wrap; }
.viw-report .viw-rtl { direction: rtl; }
.viw-report .viw-scores { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
.viw-report .viw-scores img { max-width: 100%; width: 30rem; }
.viw-report .viw-typed { white-space: pre-wrap; margin: 0.15rem 0 0.35rem 0; }
.viw-report .viw-label { font-weight: 600; }
"""

# Fonts with Latin (Welsh) and Arabic glyphs, each letter from the first that has it: Debian's
# fonts-noto-core (make test installs it), and DejaVu Sans (Latin, Arabic, symbols) where it is
# missing. Emoji come from Noto Color Emoji (fonts-noto-color-emoji) by fontconfig's fallback:
# it is not listed, because Pango then draws a cell of digits alone (a page number, a date, a
# score) with the emoji font's digits.
PRINT_FONTS = '"Noto Sans", "Noto Sans Arabic", "DejaVu Sans", sans-serif'

# Used when the file is printed, and by WeasyPrint for the PDF (it renders for print).
PRINT_STYLE = """
@media print {
  @page {
    size: A4;
    margin: 16mm 14mm 18mm 14mm;
    @bottom-center { content: "Page " counter(page) " of " counter(pages); font-size: 8.5pt; color: #444;
      font-family: FONTS; }
  }
  html { font-size: 9.5pt; font-family: FONTS; }
  .viw-report { font-family: FONTS; }
  .viw-report table { width: 100%; }
  .viw-report tr { break-inside: auto; }  /* a row taller than a page goes on over the next */
  .viw-report tr.viw-keep { break-inside: avoid; }  /* a row of a few lines is not cut in two */
  .viw-report thead { display: table-header-group; }
  .viw-report h2, .viw-report h3 { break-after: avoid; }
}
""".replace("FONTS", PRINT_FONTS)


def report_html(report: Report, standalone: bool = True) -> str:
    """The report as a whole HTML file (the style in its head, the print style after it), or
    (standalone=False) as a fragment for the page, its style inside it."""
    blocks = "\n".join(map(_block, report_blocks(report)))
    if not standalone:
        return f"<div class='viw-report'><style>{STYLE}</style>\n{blocks}\n</div>"
    title = escape(f"{report.instrument_title} - {report.organisation}")
    return (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
            f"<style>{STYLE}{PRINT_STYLE}</style></head><body>\n<div class='viw-report'>\n{blocks}\n</div>\n</body></html>\n")


def text_direction(text: str) -> str:
    """'rtl' or 'ltr', as ``dir="auto"`` decides: by the first letter with a strong direction."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return "ltr"


def _dir(text: str, css_class: str = "") -> str:
    """The attributes of an element that holds ``text``: dir="auto", and the class for WeasyPrint."""
    classes = " ".join(c for c in (css_class, "viw-rtl" if text_direction(text) == "rtl" else "") if c)
    return " dir='auto'" + (f" class='{classes}'" if classes else "")


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{escape(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Bullets):
        items = "".join(
            f"<li><strong>{escape(b.lead)}</strong>: <span{_dir(b.text)}>{escape(b.text)}</span>"
            + "".join(f"<div class='viw-label'>{escape(label)}:</div><div{_dir(text, 'viw-typed')}>{escape(text)}</div>"
                      for label, text in b.lines)
            + "</li>"
            for b in block.items
        )
        return f"<ul>{items}</ul>"
    image = base64.b64encode(block.png).decode("ascii")  # the one block left: the chart with its table
    return (f"<div class='viw-scores'><img src='data:image/png;base64,{image}' alt='{escape(block.alt)}'>"
            f"<div>{_table(block.table)}</div></div>")


def _cell(text: str) -> str:
    return f"<td{_dir(text)}>{escape(text)}</td>"


def _table(table: Table) -> str:
    start = "<table>"
    if table.widths:  # fixed layout: no column width worked out from (possibly 5,000 characters of) text
        total = sum(table.widths)
        start = "<table class='viw-fixed'><colgroup>" + "".join(
            f"<col style='width: {100 * width / total:.1f}%'>" for width in table.widths) + "</colgroup>"
    if table.row_headings:
        rows = "".join(f"<tr><th scope='row'>{escape(first)}</th>" + "".join(map(_cell, rest)) + "</tr>"
                       for first, *rest in table.rows)
        return f"{start}<tbody>{rows}</tbody></table>"
    head = "<tr>" + "".join(f"<th scope='col'>{escape(c)}</th>" for c in table.columns) + "</tr>"
    rows = "".join(("<tr class='viw-keep'>" if all(map(_few_lines, row)) else "<tr>") + "".join(map(_cell, row)) + "</tr>"
                   for row in table.rows)
    return f"{start}<thead>{head}</thead><tbody>{rows}</tbody></table>"


def _few_lines(text: str, line: int = 25, most: int = 20) -> bool:
    """Whether the text takes at most ``most`` lines of ``line`` characters (a narrow column's):
    such a row is kept on one page; a longer one may break across pages."""
    return sum(1 + len(part) // line for part in text.split("\n")) <= most
