"""The report as HTML: shown on the page after submitting, and saved as a file to keep.

Everything a person typed is escaped here, in one place, so text such as
``<img src=x onerror=alert(1)>`` is shown as text and never runs, on the page or in the file.
"""

from __future__ import annotations

import base64
from html import escape
from typing import Iterable, Sequence

from widgets.assessment.report import ItemNote, Report, SectionScore
from widgets.assessment.report_chart import chart_alt_text, section_chart_png

STYLE = """
.viw-report { font-family: system-ui, sans-serif; color: #1a1a1a; line-height: 1.45; }
.viw-report table { border-collapse: collapse; margin: 0.5rem 0; }
.viw-report th, .viw-report td { border: 1px solid #8a8a8a; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
.viw-report .viw-scores { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
.viw-report .viw-scores img { max-width: 100%; width: 30rem; }
.viw-report .viw-typed { white-space: pre-wrap; }
"""


def report_html(report: Report, standalone: bool = True) -> str:
    """The report as a whole HTML file, or (standalone=False) as a fragment for the page."""
    parts = [
        f"<div class='viw-report'><style>{STYLE}</style>",
        f"<h2>Report: {escape(report.instrument_title)}</h2>",
        _details(report),
        _scores(report.sections, report.overall),
        _notes("Strengths", "Items rated at the top of the scale.", report.strengths),
        _notes("Gaps", "Items rated at the bottom of the scale: the first places to act.", report.gaps),
        _notes("Left blank", "Items not rated in this submission.", report.not_rated),
        _actions(report),
        _change(report),
        _answers(report),
        "</div>",
    ]
    body = "\n".join(p for p in parts if p)
    if not standalone:
        return body
    title = escape(f"{report.instrument_title} - {report.organisation}")
    return f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>{title}</title></head><body>\n{body}\n</body></html>\n"


def _details(report: Report) -> str:
    rows = [
        ("Organisation", report.organisation),
        ("Team", report.team),
        ("Completed by", f"{report.respondent} ({report.role})" if report.role else report.respondent),
        ("Submitted", f"{report.submitted_at[:10]} {report.submitted_at[11:16]} UTC"),
        ("Submission id", report.submission_id),
    ]
    return _table(["", ""], [[f"<strong>{escape(k)}</strong>", escape(v)] for k, v in rows if v], header=False)


def _scores(sections: Sequence[SectionScore], overall: SectionScore) -> str:
    chart = base64.b64encode(section_chart_png(sections)).decode("ascii")
    rows = [
        [escape(s.title), f"{s.answered} of {s.total}", _points(s), _percent(s.percent)]
        for s in (*sections, overall)
    ]
    table = _table(["Section", "Rated", "Points", "Score"], rows)
    image = f"<img src='data:image/png;base64,{chart}' alt='{escape(chart_alt_text(sections))}'>"
    return f"<h3>Scores by section</h3><div class='viw-scores'>{image}<div>{table}</div></div>"


def _notes(title: str, explanation: str, notes: Sequence[ItemNote]) -> str:
    if not notes:
        return f"<h3>{escape(title)}</h3><p>None.</p>"
    items = []
    for note in notes:
        said = [f"<br>{escape(label)}: {_typed(text)}"
                for label, text in (("Evidence", note.evidence), ("Children and young people say", note.children_say)) if text]
        level = f" <em>({escape(note.level)})</em>" if note.level else ""
        items.append(f"<li><strong>{escape(note.section)}</strong>: {escape(note.text)}{level}{''.join(said)}</li>")
    return f"<h3>{escape(title)}</h3><p>{escape(explanation)}</p><ul>{''.join(items)}</ul>"


def _actions(report: Report) -> str:
    if not report.actions:
        return "<h3>Action plan</h3><p>No next actions were recorded.</p>"
    rows = [
        [escape(a.item_text), _typed(a.action), escape(a.owner), escape(a.due or "no date")]
        for a in report.actions
    ]
    return "<h3>Action plan</h3><p>Earliest due date first.</p>" + _table(["Item", "Next action", "Who", "By when"], rows)


def _change(report: Report) -> str:
    if report.previous is None:
        return "<h3>Change since last time</h3><p>This is the first submission of this self-assessment from this organisation.</p>"
    rows = [
        [escape(c.title), _percent(c.before), _percent(c.now), _signed(c.difference)]
        for c in report.previous.changes
    ]
    intro = f"Compared with the submission of {escape(report.previous.submitted_at)}."
    return f"<h3>Change since last time</h3><p>{intro}</p>" + _table(["Section", "Then", "Now", "Change"], rows)


def _answers(report: Report) -> str:
    """Every item with everything typed for it: the record a trainer or inspector reads.
    Columns no item filled in (e.g. a part the instrument does not ask for) are left out."""
    columns = [
        ("Item", lambda n: escape(n.text)),
        (report.scale_name, lambda n: escape(n.level or "left blank")),
        ("Degree of participation used today", lambda n: escape(n.degree)),
        ("Evidence", lambda n: _typed(n.evidence)),
        ("What children and young people say", lambda n: _typed(n.children_say)),
    ]
    used = [(title, cell) for title, cell in columns if any(cell(n) for n in report.answers)]
    rows = [[cell(n) for _, cell in used] for n in report.answers]
    return "<h3>All answers</h3>" + _table([title for title, _ in used], rows)


def _typed(text: str) -> str:
    """Text a person typed: escaped, line breaks kept."""
    return f"<span class='viw-typed'>{escape(text)}</span>" if text else ""


def _table(headings: Sequence[str], rows: Iterable[Sequence[str]], header: bool = True) -> str:
    """Cells arrive already escaped; headings are our own words."""
    head = "<tr>" + "".join(f"<th scope='col'>{escape(h)}</th>" for h in headings) + "</tr>" if header else ""
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table>{head}{body}</table>"


def _points(section: SectionScore) -> str:
    return f"{section.score:g} of {section.max_score:g}" if section.max_score else "-"


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:g}%"


def _signed(value: float | None) -> str:
    if value is None:
        return "-"
    return "no change" if value == 0 else f"{value:+g} percentage points"
