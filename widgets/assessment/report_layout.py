"""The report laid out once as plain blocks (headings, paragraphs, tables, lists, the chart),
which report_html turns into the one HTML template behind the page, the HTML file and the PDF.

Every string in a block is plain text, never markup: report_html escapes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence, Union

from widgets.assessment.report import ItemNote, Report, SectionScore
from widgets.assessment.report_chart import chart_alt_text, section_chart_png
from widgets.results.columns import NOT_REPORTED


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 3


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_headings: bool = False  # the first cell of each row names the row (no column headings)
    # Relative column widths, for a table that holds typed text: the table takes the page's
    # width and its columns these shares, however long the text (no width worked out from it).
    widths: tuple[float, ...] = ()


@dataclass(frozen=True)
class Bullet:
    lead: str  # shown in bold
    text: str
    lines: tuple[tuple[str, str], ...] = ()  # (label, typed text) shown under it, e.g. ("Evidence", "...")


@dataclass(frozen=True)
class Bullets:
    items: tuple[Bullet, ...]


@dataclass(frozen=True)
class Chart:
    png: bytes
    alt: str
    table: Table  # the same figures, shown beside the chart


Block = Union[Heading, Paragraph, Table, Bullets, Chart]


def report_blocks(report: Report) -> list[Block]:
    return [
        Heading(f"Report: {report.instrument_title}", 2),
        _details(report),
        Heading("Scores by section"),
        _scores(report.sections, report.overall),
        *_notes("Strengths", "Items rated at the top of the scale.", report.strengths),
        *_notes("Gaps", "Items rated at the bottom of the scale: the first places to act.", report.gaps),
        *_notes("Left blank", "Items not rated in this submission.", report.not_rated),
        *_actions(report),
        *_reviews(report),
        *_change(report),
        Heading("All answers"),
        _answers(report),
    ]


def _details(report: Report) -> Table:
    completed_by = f"{report.respondent} ({report.role})" if report.role else report.respondent
    rows = [
        ("Organisation", report.organisation),
        ("Team", report.team),
        ("Completed by", completed_by),
        ("Submitted", f"{report.submitted_at[:10]} {report.submitted_at[11:16]} UTC"),
        ("Submission id", report.submission_id),
    ]
    return Table(("", ""), tuple((k, v) for k, v in rows if v), row_headings=True, widths=(1, 3))


def _scores(sections: Sequence[SectionScore], overall: SectionScore) -> Chart:
    rows = tuple((s.title, f"{s.answered} of {s.total}", _points(s), _percent(s.percent)) for s in (*sections, overall))
    table = Table(("Section", "Rated", "Points", "Score"), rows)
    return Chart(section_chart_png(tuple(sections)), chart_alt_text(sections), table)


def _notes(title: str, explanation: str, notes: Sequence[ItemNote]) -> list[Block]:
    if not notes:
        return [Heading(title), Paragraph("None.")]
    bullets = tuple(
        Bullet(
            note.section,
            f"{note.text} ({note.level})" if note.level else note.text,
            tuple((label, text) for label, text in
                  (("Evidence", note.evidence), ("Children and young people say", note.children_say)) if text),
        )
        for note in notes
    )
    return [Heading(title), Paragraph(explanation), Bullets(bullets)]


def _actions(report: Report) -> list[Block]:
    if not report.actions:
        return [Heading("Action plan"), Paragraph("No next actions were recorded.")]
    rows = tuple((a.item_text, a.action, a.owner, f"{a.due} (overdue)" if a.overdue else (a.due or "no date"))
                 for a in report.actions)
    table = Table(("Item", "Next action", "Who", "By when"), rows, widths=(3, 6, 2.5, 2))
    return [Heading("Action plan"), Paragraph("Earliest due date first."), table]


def _reviews(report: Report) -> list[Block]:
    """Last round's actions as this round reported them; nothing when no round before was known."""
    if not report.reviews:
        return []
    rows = tuple((f"{r.action}\nWho: {r.owner or 'not named'}. By when: {r.due or 'no date'}.\nFor: {r.item_text}", r.status, r.note)
                 for r in report.reviews)  # three columns, so a phone's width still reads
    table = Table(("Last round's action", "Status", "Note"), rows, widths=(3.5, 3, 4))
    done = sum(r.status != NOT_REPORTED for r in report.reviews)
    return [Heading("Last round's actions"), Paragraph(f"{done} of {len(report.reviews)} reported on in this round."), table]


def _change(report: Report) -> list[Block]:
    if report.previous is None:
        return [Heading("Change since last time"),
                Paragraph(report.comparison_note or "This is the first submission of this self-assessment from this organisation.")]
    rows = tuple((c.title, _percent(c.before), _percent(c.now), _signed(c.difference)) for c in report.previous.changes)
    return [
        Heading("Change since last time"),
        Paragraph(f"Compared with the submission of {report.previous.submitted_at}."),
        Table(("Section", "Then", "Now", "Change"), rows),
    ]


def _answers(report: Report) -> Table:
    """Every item with everything typed for it: the record a trainer or inspector reads.
    Columns no item filled in (e.g. a part the instrument does not ask for) are left out."""
    columns: list[tuple[str, float, Callable[[ItemNote], str]]] = [
        ("Item", 3, lambda n: n.text),
        (report.scale_name, 2, lambda n: n.level or "left blank"),
        ("Degree of participation used today", 2.5, lambda n: n.degree),
        ("Evidence", 4, lambda n: n.evidence),
        ("What children and young people say", 4, lambda n: n.children_say),
    ]
    used = [column for column in columns if any(column[2](n) for n in report.answers)]
    return Table(tuple(title for title, _, _ in used), tuple(tuple(cell(n) for _, _, cell in used) for n in report.answers),
                 widths=tuple(width for _, width, _ in used))


def _points(section: SectionScore) -> str:
    return f"{section.score:g} of {section.max_score:g}" if section.max_score else "-"


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:g}%"


def _signed(value: float | None) -> str:
    if value is None:
        return "-"
    return "no change" if value == 0 else f"{value:+g} percentage points"
