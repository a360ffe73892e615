"""Builders for known test data: a small valid content tree and results rows."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import yaml

from widgets.results import ItemResponse, Submission


def valid_content() -> dict[str, Any]:
    """A minimal but complete content tree, as {relative path: data}."""
    return {
        "site.yaml": {
            "schema_version": 1,
            "title": "Test workbook",
            "tagline": "A tagline",
            "purpose": "A purpose.",
            "audiences": ["Staff"],
            "privacy_note": "Stored here.",
            "free_text_reminder": "Do not name a child.",
            "follow_up": {"months_after_last_pass": 12,
                          "frameworks": [{"id": "lundy", "name": "The Lundy model"}, {"id": "treseder", "name": "Treseder's degrees"}],
                          "example_prompt": "One time you used it."},
        },
        "sources.yaml": {"schema_version": 1, "sources": [{"id": "lundy-2007", "citation": "Lundy 2007"}]},
        "modules/lundy.yaml": {
            "schema_version": 1,
            "id": "lundy",
            "title": "The Lundy model",
            "order": 1,
            "page": "lundy.ipynb",
            "summary": "Space, Voice, Audience, Influence.",
            "minutes": 10,
            "quiz": "lundy",
            "steps": [{"title": "Space", "body": "A safe space.", "sources": ["lundy-2007"]}],
        },
        "quizzes/lundy.yaml": {
            "schema_version": 1,
            "id": "lundy",
            "module": "lundy",
            "version": "1",
            "pass_mark": 0.8,
            "items": [
                {
                    "id": "lundy-q1",
                    "type": "single_choice",
                    "prompt": "Which comes first?",
                    "options": [{"id": "a", "text": "Space"}, {"id": "b", "text": "Influence"}],
                    "correct": "a",
                    "feedback": "Space comes first.",
                },
                {
                    "id": "lundy-q2",
                    "type": "multiple_choice",
                    "prompt": "Which give due weight?",
                    "options": [
                        {"id": "a", "text": "Audience"},
                        {"id": "b", "text": "Influence"},
                        {"id": "c", "text": "Space"},
                    ],
                    "correct": ["a", "b"],
                    "feedback": "Audience and Influence.",
                },
                {
                    "id": "lundy-q3",
                    "type": "sort",
                    "prompt": "Sort these.",
                    "categories": [{"id": "space", "label": "Space"}, {"id": "voice", "label": "Voice"}],
                    "scenarios": [
                        {"id": "s1", "text": "A quiet room", "correct": "space"},
                        {"id": "s2", "text": "Drawing instead of talking", "correct": "voice"},
                    ],
                    "feedback": "Rooms are Space; ways of expressing are Voice.",
                },
            ],
        },
        "instruments/iv.yaml": {
            "schema_version": 1,
            "id": "iv",
            "title": "IV Standard 4",
            "version": "1",
            "page": "iv.ipynb",
            "summary": "Self-assessment.",
            "scale": {"name": "Standard", "levels": [{"value": 0, "label": "Not in place"}, {"value": 3, "label": "Effective"}]},
            "sections": [{"id": "4-1", "title": "4.1", "items": [{"id": "iv-leaflets", "text": "Leaflets"}]}],
        },
    }


def write_content(folder: Path, tree: dict[str, Any] | None = None) -> tuple[Path, Path]:
    """Write a content tree and the pages it names; returns (content folder, pages folder)."""
    tree = valid_content() if tree is None else tree
    content, pages = folder / "content", folder / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    for relative, data in tree.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        if isinstance(data, dict) and "page" in data:
            (pages / data["page"]).write_text("{}")
    return content, pages


def quiz_submission(respondent: str = "Sam", organisation: str = "Org A", items: int = 2, **text: str) -> Submission:
    return Submission(
        kind="quiz",
        instrument="lundy",
        instrument_version="1",
        organisation=organisation,
        team="Team 1",
        respondent=respondent,
        role="Social worker",
        items=tuple(ItemResponse(f"lundy-q{n}", "a", 1, 1, **text) for n in range(1, items + 1)),
    )


def result_row(**overrides: str) -> dict[str, str]:
    """One valid results row as text, for writing test CSV files by hand."""
    row = {
        "schema_version": "1",
        "submission_id": str(uuid.uuid4()),
        "submitted_at": "2026-11-23T10:00:00Z",
        "kind": "quiz",
        "instrument": "lundy",
        "instrument_version": "1",
        "organisation": "Org A",
        "team": "Team 1",
        "respondent": "Sam",
        "role": "Social worker",
        "item_id": "lundy-q1",
        "response": "a",
        "score": "1",
        "max_score": "1",
        "evidence": "",
        "action": "",
        "action_owner": "",
        "action_due": "",
        "children_say": "",
        "participation_degree": "",
    }
    row.update(overrides)
    return row
