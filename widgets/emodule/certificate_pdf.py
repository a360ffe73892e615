"""The certificate as a PDF: one landscape A4 page with a border, drawn by WeasyPrint from
HTML (as the self-assessment report is), so a name in any script is shaped by Pango in the
Noto fonts: Welsh and Irish accents, Arabic joined and right to left, Chinese, emoji in colour.

WeasyPrint fetches nothing: the logo is a data: URL and every other URL is refused. It is
imported when the first certificate is made, not when a page opens.
"""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from widgets.assessment.report_html import text_direction
from widgets.assessment.report_pdf import data_only_fetcher
from widgets.emodule.certificate import CHECK_HOW, Certificate

# Each letter from the first font that has it (Debian's fonts-noto-core and fonts-noto-cjk;
# `make fonts`); emoji from Noto Color Emoji by fontconfig's fallback (see report_html).
FONTS = '"Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC", "DejaVu Sans", sans-serif'
MIME = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}

STYLE = """
@page { size: A4 landscape; margin: 9mm;
  border: 3pt double #0b4f9c; padding: 7mm 11mm; }
html { font-family: FONTS; font-size: 10pt; color: #1a1a1a; line-height: 1.35; }
body { margin: 0; }
.top { display: flex; justify-content: space-between; align-items: center; border-bottom: 1pt solid #0b4f9c;
  padding-bottom: 3mm; }
.top img { height: 16mm; }
.by { font-size: 11pt; font-weight: 700; color: #102a43; }
h1 { font-size: 24pt; margin: 5mm 0 1mm 0; text-align: center; color: #102a43; letter-spacing: 0.04em; }
.lead { text-align: center; margin: 0; font-size: 11pt; }
.name { text-align: center; font-size: 26pt; font-weight: 700; margin: 2mm 0 0 0; color: #0b4f9c; }
.rtl { direction: rtl; }
.of { text-align: center; font-size: 12pt; margin: 0 0 2mm 0; }
table { width: 100%; border-collapse: collapse; margin-top: 3mm; font-size: 8.6pt; }
th, td { text-align: left; vertical-align: top; padding: 1.2mm 2mm; border-bottom: 0.5pt solid #8a8a8a; }
th { font-size: 8pt; text-transform: uppercase; letter-spacing: 0.04em; color: #3d3d3d; }
td ul { margin: 0; padding-left: 4mm; }
td.fixed { white-space: nowrap; }
tr { break-inside: avoid; }
.foot { margin-top: 4mm; font-size: 9pt; }
.foot p { margin: 0 0 1mm 0; }
.id { font-family: "DejaVu Sans Mono", monospace; font-size: 9.5pt; font-weight: 700; }
""".replace("FONTS", FONTS)


def logo_data_url(path: Path | None) -> str | None:
    """The logo file as a data: URL (the only kind of address the PDF may use)."""
    if path is None:
        return None
    return f"data:{MIME[path.suffix.lower()]};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def certificate_html(certificate: Certificate, logo: str | None = None) -> str:
    """The certificate as a whole HTML file (``logo``: a data: URL, or None)."""
    rows = "".join(
        f"<tr><td><strong>{escape(m.title)}</strong></td>"
        f"<td><ul>{''.join(f'<li>{escape(o)}</li>' for o in m.outcomes)}</ul></td>"
        f"<td class='fixed'>{m.minutes} minutes</td><td class='fixed'>{m.score:g} of {m.max_score:g} ({m.percent}%)</td>"
        f"<td class='fixed'>{escape(m.passed_on)}</td></tr>"
        for m in certificate.modules
    )
    by = escape(certificate.awarded_by or certificate.course)
    picture = f"<img src='{logo}' alt='{by}'>" if logo else ""
    name_class = "name rtl" if text_direction(certificate.name) == "rtl" else "name"
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>Certificate of completion: {escape(certificate.name)}</title><style>{STYLE}</style></head><body>"
        f"<div class='top'><span class='by'>{by}</span>{picture}</div>"
        "<h1>Certificate of completion</h1><p class='lead'>This certifies that</p>"
        f"<p class='{name_class}' dir='auto'>{escape(certificate.name)}</p>"
        f"<p class='of' dir='auto'>of {escape(certificate.organisation)}</p>"
        f"<p class='lead'>completed the staff e-module of the {escape(certificate.course)} "
        f"({certificate.minutes} minutes of learning) on {escape(certificate.completed_on)}, passing the quiz of every module.</p>"
        "<table><thead><tr><th>Module</th><th>Learning outcomes: now able to</th><th>Time</th><th>Quiz score</th>"
        f"<th>Passed on</th></tr></thead><tbody>{rows}</tbody></table>"
        f"<div class='foot'><p>Verification id: <span class='id'>{escape(certificate.verification_id)}</span></p>"
        f"<p>{escape(CHECK_HOW)}</p></div>"
        "</body></html>\n"
    )


def certificate_pdf(certificate: Certificate, logo: str | None = None) -> bytes:
    """The PDF file's bytes."""
    from weasyprint import HTML

    return HTML(string=certificate_html(certificate, logo), url_fetcher=data_only_fetcher()).write_pdf()
