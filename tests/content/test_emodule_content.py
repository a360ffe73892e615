"""The shipped e-module content is complete enough to teach and to test: six modules, at
least six questions each with feedback, every question type, cited steps, and pictures that
carry their meaning in words. These read the shipped content/ (not the session's fixture
content): they are how a trainer's broken edit is caught."""

from __future__ import annotations

import re

import pytest

from tests.session_env import SHIPPED_CONTENT
from widgets.content import load_content
from widgets.quiz_items import QUESTION_TYPES

MIN_ITEMS = 6
CONTENT = load_content(SHIPPED_CONTENT)


def test_six_modules_in_teaching_order() -> None:
    assert [m.id for m in CONTENT.modules] == ["why-voice", "lundy", "treseder", "co-production", "practice", "safe-participation"]


def test_the_safeguarding_module_covers_what_staff_must_know() -> None:
    """What the module promises (issue 14, item 3); a trainer's rewording keeps these words."""
    text = " ".join(f"{s.title} {s.body}" for s in CONTENT.module("safe-participation").steps).lower()
    for topic in ["confidential", "safeguarding procedures", "working together", "consent", "assent", "stop",
                  "anonymous", "benefits", "retell", "non-verbal"]:
        assert topic in text, f"content/modules/safe-participation.yaml: nothing says '{topic}'"


@pytest.mark.parametrize("module", CONTENT.modules, ids=lambda m: m.id)
def test_each_module_has_enough_questions_each_with_feedback(module) -> None:
    quiz = CONTENT.quiz_for(module)
    assert len(quiz.items) >= MIN_ITEMS, f"{module.id} has {len(quiz.items)} questions; it needs {MIN_ITEMS}"
    for item in quiz.items:
        assert item.feedback.strip(), f"{item.id} has no feedback"
        assert item.sources, f"{item.id} cites no source"
    assert 0 < quiz.pass_mark <= 1


@pytest.mark.parametrize("module", CONTENT.modules, ids=lambda m: m.id)
def test_each_module_uses_every_question_type_and_steps_cite_sources(module) -> None:
    assert {item.type for item in CONTENT.quiz_for(module).items} == set(QUESTION_TYPES)
    assert len(module.learning_outcomes) >= 1
    for step in module.steps:
        assert step.sources, f"{module.id}: step '{step.title}' cites no source"


def test_each_framework_has_a_picture_with_labels_in_it() -> None:
    pictures = {step.picture.file: step.picture.alt for m in CONTENT.modules for step in m.steps if step.picture}
    assert set(pictures) == {"lundy-four-elements.svg", "treseder-circle.svg", "coproduction-ladder.svg"}
    for file, alt in pictures.items():
        svg = (SHIPPED_CONTENT / "pictures" / file).read_text(encoding="utf-8")
        labels = " ".join(re.findall(r"<text[^>]*>([^<]+)</text>", svg))
        assert "<title" in svg and "<desc" in svg
        assert len(alt) > 80, f"{file}: the text alternative is too short to carry the picture's meaning"
        for word in {"lundy-four-elements.svg": ["SPACE", "VOICE", "AUDIENCE", "INFLUENCE"],
                     "treseder-circle.svg": ["Assigned but", "Consulted and", "Child-initiated"],
                     "coproduction-ladder.svg": ["Coercion", "Consultation", "Co-design", "Co-production"]}[file]:
            assert word in labels, f"{file}: '{word}' is not written in the picture"
