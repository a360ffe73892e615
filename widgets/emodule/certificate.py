"""The certificate a learner downloads once every module is passed.

Its verification id is the submission id of the attempt that completed the e-module (the
last module passed), so a trainer can find the matching rows in results.csv.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from widgets.content import Content
from widgets.emodule.progress import LearnerRecord
from widgets.errors import Refused


def dejavu_font(bold: bool = False) -> Path:
    """DejaVu Sans ships with matplotlib (a dependency) and covers names in most European
    scripts, which the PDF's built-in fonts (Latin-1 only) do not. Both load with the first
    certificate, not with the page."""
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")


@dataclass(frozen=True)
class PassedModule:
    title: str
    score: float
    max_score: float
    percent: int
    passed_on: str  # YYYY-MM-DD


@dataclass(frozen=True)
class Certificate:
    name: str
    organisation: str
    course: str
    modules: tuple[PassedModule, ...]
    issued_on: str
    verification_id: str


def certificate_for(record: LearnerRecord, content: Content, today: date | None = None) -> Certificate:
    """What the certificate says; raises ValueError while any module is not yet passed."""
    passes = [(module, record.modules[module.id].first_pass) for module in content.modules if module.id in record.modules]
    passed = [(module, attempt) for module, attempt in passes if attempt is not None]
    if not content.modules or len(passed) < len(content.modules):
        left = len(content.modules) - len(passed)
        raise Refused(f"The certificate is ready when every module is passed: {left} still to pass.")
    last = max((attempt for _, attempt in passed), key=lambda a: a.submitted_at)
    return Certificate(
        name=record.learner.name,
        organisation=record.learner.organisation,
        course=content.site.title,
        modules=tuple(
            PassedModule(module.title, attempt.score, attempt.max_score, attempt.percent, attempt.submitted_at[:10])
            for module, attempt in passed
        ),
        issued_on=(today or date.today()).isoformat(),
        verification_id=last.submission_id,
    )


def certificate_pdf(certificate: Certificate) -> bytes:
    """An A4 page: who, what, the scores, the date and the verification id."""
    from fpdf import FPDF

    pdf = FPDF(orientation="portrait", format="A4")
    pdf.set_title(f"Certificate - {certificate.name}")
    pdf.set_author(certificate.course)
    pdf.add_font("DejaVu", "", str(dejavu_font()))
    pdf.add_font("DejaVu", "B", str(dejavu_font(bold=True)))
    pdf.add_page()
    pdf.set_margins(20, 20, 20)
    width = pdf.w - 40

    def line(text: str, size: int, bold: bool = False, gap: float = 4) -> None:
        pdf.set_font("DejaVu", "B" if bold else "", size)
        pdf.multi_cell(width, size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    pdf.ln(15)
    line("Certificate of completion", 26, bold=True, gap=10)
    line("This certifies that", 13)
    line(certificate.name, 22, bold=True)
    line(f"of {certificate.organisation}", 14, gap=8)
    line(f"has completed the staff e-module of the {certificate.course},", 13, gap=1)
    line("passing the quiz of every module:", 13, gap=8)
    pdf.set_font("DejaVu", "", 11)
    with pdf.table(col_widths=(60, 25, 15), text_align=("LEFT", "LEFT", "LEFT"), line_height=8) as table:
        table.row(["Module", "Score", "Passed on"])
        for module in certificate.modules:
            table.row([module.title, f"{module.score:g} of {module.max_score:g} ({module.percent}%)", module.passed_on])
    pdf.ln(10)
    line(f"Issued on {certificate.issued_on}", 12, gap=2)
    line(f"Verification id: {certificate.verification_id}", 10, gap=2)
    line("A trainer can check this id against the workbook's results file.", 9)
    return bytes(pdf.output())
