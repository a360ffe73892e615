"""The report as a PDF, from the same blocks as the HTML report, with a font bundled with
matplotlib (DejaVu Sans) so any text a person typed can be drawn, offline.

Typed text is drawn as text: a PDF has no way to run it.
"""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from widgets.assessment.report import Report
from widgets.assessment.report_layout import Block, Bullets, Chart, Heading, Paragraph, Table, report_blocks

FONT = "DejaVu"
HEADING_SIZES = {2: 16, 3: 13}
BODY_SIZE = 10


def report_pdf(report: Report) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(f"{report.instrument_title} - {report.organisation}")
    pdf.set_lang("en")
    fonts = _font_folder()
    pdf.add_font(FONT, "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    for block in report_blocks(report):
        _draw(pdf, block)
    return bytes(pdf.output())


def _font_folder() -> Path:
    import matplotlib  # only when a PDF is made: importing it slows every page's start

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _draw(pdf: FPDF, block: Block) -> None:
    if isinstance(block, Heading):
        pdf.set_font(FONT, "B", HEADING_SIZES.get(block.level, BODY_SIZE))
        pdf.ln(3)
        pdf.multi_cell(0, 7, block.text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    elif isinstance(block, Paragraph):
        pdf.set_font(FONT, "", BODY_SIZE)
        pdf.multi_cell(0, 5, block.text, new_x="LMARGIN", new_y="NEXT")
    elif isinstance(block, Table):
        _table(pdf, block)
    elif isinstance(block, Bullets):
        for bullet in block.items:
            pdf.set_font(FONT, "", BODY_SIZE)
            pdf.multi_cell(0, 5, f"• **{_no_markdown(bullet.lead)}**: {_no_markdown(bullet.text)}",
                           markdown=True, new_x="LMARGIN", new_y="NEXT")
            for line in bullet.lines:
                pdf.set_x(pdf.l_margin + 5)
                pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
    elif isinstance(block, Chart):
        pdf.image(io.BytesIO(block.png), w=pdf.epw * 0.8, alt_text=block.alt)
        _table(pdf, block.table)


def _table(pdf: FPDF, table: Table) -> None:
    pdf.set_font(FONT, "", BODY_SIZE - 1)
    bold = FontFace(emphasis="BOLD")
    with pdf.table(
        first_row_as_headings=not table.row_headings,
        headings_style=bold,
        line_height=5,
        text_align="LEFT",
    ) as drawn:
        if not table.row_headings:
            drawn.row(table.columns)
        for cells in table.rows:
            row = drawn.row()
            for number, cell in enumerate(cells):
                row.cell(cell, style=bold if table.row_headings and number == 0 else None)
    pdf.ln(2)


def _no_markdown(text: str) -> str:
    """Bullets use fpdf's bold markers; keep typed text from switching styles by accident."""
    return text.replace("**", "* *").replace("__", "_ _").replace("--", "- -")
