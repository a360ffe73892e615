"""Known results from many services over two years, small enough to work out by hand.

Content: the known content (tests/aggregate/known_results.py) plus a second section of IV
Standard 4 ("4.2": iv-review), a second module and quiz ("treseder": one single-choice
question, pass mark 100%) and a second instrument ("lundy-check", item lc-space, scale 0-2).

Northshire has two teams that both self-assessed on 2 March 2026, five minutes apart, and both
did so in 2025 too (the 2025 rounds come as an upload, the 2026 ones are in the local store):

| team | round      | iv-leaflets | iv-voice | iv-review | actions                                          |
|------|------------|-------------|----------|-----------|--------------------------------------------------|
| East | 2025-03-03 | 1           | 2        | 2         | leaflets: "Print leaflets" (Eve, 2025-06-01)     |
| East | 2026-03-02 | 2           | 1        | 3         | review: "Plan the review" (Eve, 2026-05-22)      |
| West | 2025-03-04 | 0           | 3        | 0         | voice: "Hold a children's panel" (Wes, 2025-09-30) |
| West | 2026-03-02 | 3           | 2        | 1         | voice: "hold a children's  panel " (Wes, 2026-04-01) |

So East's section 4.1 stays at 50% while iv-voice drops by 1; West's 4.1 rises from 50% to
83.3% while iv-voice drops by 1. Learners at Northshire: Élodie Brun (East) passes both
modules; Tom Reed (West) tries the Lundy quiz (3 of 4) and nothing else.

Sixty services ("Service 01" to "Service 60") each send one file: a Lundy attempt by one
learner (q1 right for even numbers, everything else right, so even numbers pass) and a 2026
IV self-assessment rating every item n % 4. Services 01 to 05 also rate lundy-check
(lc-space n % 3). Service 01 has an action due 2099-12-31 (not yet due), Service 02 one with
no date.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.aggregate import known_results as known
from tests.builders import result_row, valid_content, write_content
from widgets.content import Content, load_content
from widgets.results import ResultsStore

TODAY = date(2026, 6, 1)
SERVICES = [f"Service {n:02d}" for n in range(1, 61)]
ELODIE = "Élodie Brun"


def content(folder: Path) -> Content:
    tree = valid_content()
    tree["modules/lundy.yaml"]["learning_outcomes"] = [{"id": "lo-space", "text": "Explain why Space comes first"}]
    iv = tree["instruments/iv.yaml"]
    iv["scale"]["levels"] = [{"value": n, "label": label} for n, label in enumerate(("Not in place", "Emerging", "Established", "Effective"))]
    iv["sections"][0]["items"].append({"id": "iv-voice", "text": "Children choose how they are heard"})
    iv["sections"].append({"id": "4-2", "title": "4.2", "items": [{"id": "iv-review", "text": "Children help review the service"}]})
    tree["modules/treseder.yaml"] = {**tree["modules/lundy.yaml"], "id": "treseder", "title": "Degrees of participation", "order": 2,
                                     "page": "treseder.ipynb", "quiz": "treseder", "learning_outcomes": []}
    tree["quizzes/treseder.yaml"] = {
        "schema_version": 1, "id": "treseder", "module": "treseder", "version": "1", "pass_mark": 1.0,
        "items": [{"id": "t-q1", "type": "single_choice", "prompt": "Who leads in degree 5?",
                   "options": [{"id": "a", "text": "Children and young people"}, {"id": "b", "text": "Adults"}],
                   "correct": "a", "feedback": "Children lead."}],
    }
    tree["instruments/lundy-check.yaml"] = {
        **tree["instruments/iv.yaml"], "id": "lundy-check", "title": "Lundy checklist", "page": "lundy-check.ipynb",
        "scale": {"name": "Answer", "levels": [{"value": 0, "label": "No"}, {"value": 1, "label": "Partly"}, {"value": 2, "label": "Yes"}]},
        "sections": [{"id": "space", "title": "Space", "items": [{"id": "lc-space", "text": "Children feel safe to speak"}]}],
    }
    return load_content(*write_content(folder, tree))


def iv_round(name: str, when: str, organisation: str, team: str, ratings: tuple[int, int, int],
             actions: dict[str, tuple[str, str, str]] | None = None) -> list[dict[str, str]]:
    """One IV self-assessment: ratings of iv-leaflets, iv-voice, iv-review; actions by item: (what, who, due)."""
    actions = actions or {}
    rows = []
    for item, rating in zip(("iv-leaflets", "iv-voice", "iv-review"), ratings):
        what, who, due = actions.get(item, ("", "", ""))
        rows.append(known.assessment(name, when, organisation, team, item, str(rating), action=what, action_owner=who, action_due=due))
    return rows


def treseder(name: str, when: str, organisation: str, team: str, who: str, answer: str) -> dict[str, str]:
    return result_row(submission_id=known._id(name), submitted_at=when, instrument="treseder", organisation=organisation,
                      team=team, respondent=who, item_id="t-q1", response=answer, score=str(int(answer == "a")), max_score="1")


def northshire_2026() -> list[dict[str, str]]:
    return [
        *iv_round("NE26", "2026-03-02T09:00:00Z", "Northshire", "Team East", (2, 1, 3),
                  {"iv-review": ("Plan the review", "Eve", "2026-05-22")}),
        *iv_round("NW26", "2026-03-02T09:05:00Z", "Northshire", "Team West", (3, 2, 1),
                  {"iv-voice": ("hold a children's  panel ", "Wes", "2026-04-01")}),
        *known.attempt("E1", "2026-02-01T09:00:00Z", "Northshire", "Team East", ELODIE, ("a", "a;b", "s1=space;s2=voice")),
        treseder("E2", "2026-02-02T09:00:00Z", "Northshire", "Team East", ELODIE, "a"),
        *known.attempt("T1", "2026-02-03T09:00:00Z", "Northshire", "Team West", "Tom Reed", ("a", "a;b", "s1=space;s2=space")),
    ]


def northshire_2025() -> bytes:
    return known.csv_bytes([
        *iv_round("NE25", "2025-03-03T09:00:00Z", "Northshire", "Team East", (1, 2, 2),
                  {"iv-leaflets": ("Print leaflets", "Eve", "2025-06-01")}),
        *iv_round("NW25", "2025-03-04T09:00:00Z", "Northshire", "Team West", (0, 3, 0),
                  {"iv-voice": ("Hold a children's panel", "Wes", "2025-09-30")}),
    ])


def service_file(n: int) -> bytes:
    organisation = SERVICES[n - 1]
    q1 = "a" if n % 2 == 0 else "b"
    actions = {1: {"iv-leaflets": ("Order leaflets", "Ola", "2099-12-31")}, 2: {"iv-voice": ("Ask the council", "Ben", "")}}
    rows = [
        *known.attempt(f"L{n}", "2026-04-01T09:00:00Z", organisation, "Team A", f"Learner {n:02d}", (q1, "a;b", "s1=space;s2=voice")),
        *iv_round(f"S{n}", "2026-04-02T09:00:00Z", organisation, "Team A", (n % 4, n % 4, n % 4), actions.get(n)),
    ]
    if n <= 5:
        rows.append(result_row(submission_id=known._id(f"LC{n}"), submitted_at="2026-04-03T09:00:00Z", kind="assessment",
                               instrument="lundy-check", organisation=organisation, team="Team A", respondent="Lead",
                               item_id="lc-space", response=str(n % 3), score=str(n % 3), max_score="2"))
    return known.csv_bytes(rows)


def uploads() -> list[tuple[str, bytes]]:
    return [("northshire-2025.csv", northshire_2025()), *((f"service-{n:02d}.csv", service_file(n)) for n in range(1, 61))]


def write_store(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    ResultsStore(folder).import_rows(northshire_2026(), origin="many services")
    return folder
