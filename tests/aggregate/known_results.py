"""Known results for the trainer views: a local store and three uploads (one with bad rows,
one a copy of another), small enough that every figure is worked out by hand in the tests.

Quiz "lundy" (from the builders): q1 single choice, q2 multiple choice, q3 sorting with two
situations (1 point each, q3's shared by its situations): 3 points, pass mark here 0.9, so
only 3/3 passes.

| attempt | who (organisation / team)       | q1 | q2    | q3                 | total |
|---------|---------------------------------|----|-------|--------------------|-------|
| S1      | Sam (Org A / Team 1)            | a  | a;b   | s1=space;s2=voice  | 3 pass |
| A1      | Ann (Org A / Team 1)            | b  | a     | s1=space;s2=space  | 0.5   |
| A2      | Ann (Org A / Team 1)            | a  | a;b   | s1=space;s2=space  | 2.5   |
| B1      | Bo (Org B / Team 2)             | b  | a;b   | s1=space;s2=voice  | 2     |
| C1      | <script> name (Org C / no team) | a  | a;b   | s1=space;s2=voice  | 3 pass |

Self-assessments of instrument "iv" (items iv-leaflets, iv-voice; scale 0-3): Org B rated
(1, 2) in 2025 and (3, blank) in 2026; Org C rated (0, 3) in 2026.
"""

from __future__ import annotations

import csv
import io
import uuid
from pathlib import Path

from tests.builders import result_row, valid_content, write_content
from widgets.content import Content, load_content
from widgets.results import COLUMNS, ResultsStore
from widgets.results.columns import MOST_VALUE_CHARS

XSS_ACTION = "<img src=x onerror=alert(1)>"
XSS_NAME = "<script>alert(1)</script>"
FORMULA_ACTION = '=HYPERLINK("http://example.org","click")'


def content(folder: Path) -> Content:
    tree = valid_content()
    tree["quizzes/lundy.yaml"]["pass_mark"] = 0.9
    tree["modules/lundy.yaml"]["learning_outcomes"] = [{"id": "lo-space", "text": "Explain why Space comes first"}]
    instrument = tree["instruments/iv.yaml"]
    instrument["scale"]["levels"] = [
        {"value": 0, "label": "Not in place"}, {"value": 1, "label": "Emerging"},
        {"value": 2, "label": "Established"}, {"value": 3, "label": "Effective"},
    ]
    instrument["sections"][0]["items"].append({"id": "iv-voice", "text": "Children choose how they are heard"})
    return load_content(*write_content(folder, tree))


def _id(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, name))


def attempt(name: str, when: str, organisation: str, team: str, who: str, answers: tuple[str, str, str]) -> list[dict[str, str]]:
    q1, q2, q3 = answers
    q3_score = f'{sum(part in q3.split(";") for part in ("s1=space", "s2=voice")) / 2:g}'
    marks = [("lundy-q1", q1, str(int(q1 == "a")), "1"), ("lundy-q2", q2, str(int(q2 == "a;b")), "1"), ("lundy-q3", q3, q3_score, "1")]
    return [
        result_row(submission_id=_id(name), submitted_at=when, organisation=organisation, team=team, respondent=who,
                   item_id=item, response=response, score=score, max_score=most)
        for item, response, score, most in marks
    ]


def confidence(name: str, stage: str, when: str, organisation: str, team: str, who: str, rating: int) -> dict[str, str]:
    return result_row(submission_id=_id(name), submitted_at=when, kind="confidence", instrument=f"confidence-{stage}",
                      organisation=organisation, team=team, respondent=who, item_id="lo-space", response=str(rating),
                      score="", max_score="")


def assessment(name: str, when: str, organisation: str, team: str, item: str, rating: str, **text: str) -> dict[str, str]:
    return result_row(submission_id=_id(name), submitted_at=when, kind="assessment", instrument="iv",
                      organisation=organisation, team=team, respondent=f"Lead {organisation}", role="Manager",
                      item_id=item, response=rating, score=rating, max_score="3" if rating else "", **text)


def late_attempt() -> list[dict[str, str]]:
    """A quiz attempt from an organisation no other row has ("Org Late"): rows saved after a
    dashboard has read the store."""
    return attempt("late learner", "2026-11-20T09:00:00Z", "Org Late", "Team 9", "Late Learner", ("a", "a;b", "s1=space;s2=voice"))


def csv_bytes(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def store_rows() -> list[dict[str, str]]:
    return [
        *attempt("S1", "2026-01-10T09:00:00Z", "Org A", "Team 1", "Sam", ("a", "a;b", "s1=space;s2=voice")),
        *attempt("A1", "2026-01-11T09:00:00Z", "Org A", "Team 1", "Ann", ("b", "a", "s1=space;s2=space")),
        *attempt("A2", "2026-01-12T09:00:00Z", "Org A", "Team 1", "Ann", ("a", "a;b", "s1=space;s2=space")),
        confidence("S-before", "before", "2026-01-10T08:00:00Z", "Org A", "Team 1", "Sam", 2),
        confidence("S-after", "after", "2026-01-10T10:00:00Z", "Org A", "Team 1", "Sam", 4),
        confidence("A-before", "before", "2026-01-11T08:00:00Z", "Org A", "Team 1", "Ann", 3),
    ]


def service_b() -> bytes:
    """Org B: one quiz attempt, a confidence rating, and two years of self-assessment."""
    return csv_bytes([
        *attempt("B1", "2026-02-01T09:00:00Z", "Org B", "Team 2", "Bo", ("b", "a;b", "s1=space;s2=voice")),
        confidence("B-after", "after", "2026-02-01T10:00:00Z", "Org B", "Team 2", "Bo", 5),
        assessment("AS1", "2025-03-01T09:00:00Z", "Org B", "Team 2", "iv-leaflets", "1"),
        assessment("AS1", "2025-03-01T09:00:00Z", "Org B", "Team 2", "iv-voice", "2"),
        assessment("AS2", "2026-03-01T09:00:00Z", "Org B", "Team 2", "iv-leaflets", "3",
                   action=XSS_ACTION, action_owner="Bo", action_due="2026-06-30", evidence="<b>bold</b> claim"),
        assessment("AS2", "2026-03-01T09:00:00Z", "Org B", "Team 2", "iv-voice", "", action=FORMULA_ACTION),
    ])


def service_c_with_bad_rows() -> bytes:
    """Org C: a self-assessment, a quiz attempt by someone whose 'name' is a script, and two
    bad rows (lines 4 and 5)."""
    return csv_bytes([
        assessment("AC1", "2026-04-01T09:00:00Z", "Org C", "", "iv-leaflets", "0"),  # line 2
        assessment("AC1", "2026-04-01T09:00:00Z", "Org C", "", "iv-voice", "3",  # line 3
                   action="Ask the children's council", action_owner="Cat", action_due="2026-05-01"),
        result_row(kind="exam", organisation="Org C"),  # line 4
        result_row(score="5", max_score="1", organisation="Org C"),  # line 5
        *attempt("C1", "2026-04-02T09:00:00Z", "Org C", "", XSS_NAME, ("a", "a;b", "s1=space;s2=voice")),  # lines 6-8
    ])


def uploads() -> list[tuple[str, bytes]]:
    """Three uploads: Org B, Org C (with bad rows), and Org B's file sent again."""
    return [("service-b.csv", service_b()), ("service-c.csv", service_c_with_bad_rows()), ("service-b-again.csv", service_b())]


def broken_uploads() -> dict[str, tuple[bytes, str]]:
    """Files a trainer may be sent that cannot be read as results, by kind, each with what the
    reader says is wrong with it (a file's problem, never a stop for the others)."""
    rows = [result_row() for _ in range(4)]
    lines = csv_bytes(rows).split(b"\r\n")
    lines[2] = lines[2].replace(b",Org A,", b',"Org A,')  # line 3 opens a quote; no later quote closes it
    not_utf8 = "the file is not UTF-8 text (see line 1): save it as 'CSV UTF-8'"
    return {
        # The blank line at the end has it read row by row, where the csv module meets the long value.
        "value-too-long": (csv_bytes([result_row(), result_row(evidence="x" * (MOST_VALUE_CHARS + 1))]) + b"\r\n",
                           "a value on line 3 is longer than 1,000,000 characters, the most the results format allows"),
        "quote-never-closed": (b"\r\n".join(lines), "line 3 has a quote that is never closed"),
        "picture": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), not_utf8),
        "utf-16": (csv_bytes(rows).decode().encode("utf-16"), not_utf8),
        "empty": (b"", "the file is empty"),
        "header-only": (csv_bytes([]), "the file has a header but no rows"),
    }


def write_store(folder: Path) -> Path:
    """The local store with the known rows in it (its database, and results.csv in step)."""
    folder.mkdir(parents=True, exist_ok=True)
    ResultsStore(folder).import_rows(store_rows(), origin="known results")
    return folder
