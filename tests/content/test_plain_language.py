"""Content checks on the shipped content/: plain words and any council's voice.

- Every content file's running text reaches Flesch reading ease 60 (textstat), per file.
- No sentence states one council's practice as the reader's own ("our service...").
- Each abbreviation in the glossary is spelled out at its first use in each module.

They fail only on a real problem in the text, and the message names the file and the item
(the hardest sentences, the step, the abbreviation), so a trainer knows what to rewrite.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.content.running_text import TARGET, file_text, hardest_sentences, reading_ease, strings
from tests.session_env import SHIPPED_CONTENT
from widgets.content import load_content

CONTENT = load_content(SHIPPED_CONTENT)
FILES = [p for p in sorted(SHIPPED_CONTENT.rglob("*.yaml")) if file_text(p).strip()]

# Phrases that speak as one service: the modules are used by many councils and IV services.
OWN_VOICE = re.compile(r"\b(our|my) (service|council|county|strategy|department|authority|team)\b|\bin our\b", re.IGNORECASE)


def name(path: Path) -> str:
    return f"content/{path.relative_to(SHIPPED_CONTENT).as_posix()}"


@pytest.mark.parametrize("path", FILES, ids=name)
def test_every_content_file_reads_at_flesch_60_or_more(path: Path) -> None:
    text = file_text(path)
    score = reading_ease(text)
    hardest = "\n".join(f"  - ({reading_ease(s):.0f}) {s}" for s in hardest_sentences(text))
    assert score >= TARGET, (
        f"{name(path)}: Flesch reading ease is {score:.1f}; it needs {TARGET:.0f} or more. "
        f"Shorter sentences and everyday words help; start with:\n{hardest}")


@pytest.mark.parametrize("module", CONTENT.modules, ids=lambda m: m.id)
def test_no_module_speaks_as_one_council(module) -> None:
    for number, step in enumerate(module.steps, start=1):
        found = OWN_VOICE.search(step.body) or OWN_VOICE.search(step.title)
        assert not found, (
            f"content/modules/{module.id}.yaml: item step {number}: '{found.group(0)}' speaks as one service. "
            "Name the example ('Leicestershire's strategy, for example...') or use {organisation}.")


def spelled_out(term, text: str) -> bool:
    """Whether the abbreviation's first use in ``text`` comes with its full words: before it,
    or straight after it ("IRO (independent reviewing officer)", "an IRO is an independent
    reviewing officer")."""
    first = re.search(rf"(?<![\w#]){re.escape(term.abbreviation)}(?!\w)", text)
    if not first:
        return True
    names = [term.term, *term.also]
    return any(name.lower() in text[: first.end() + len(name) + 15].lower() for name in names)


@pytest.mark.parametrize("module", CONTENT.modules, ids=lambda m: m.id)
def test_abbreviations_are_spelled_out_at_first_use(module) -> None:
    steps = [(f"step {n}", f"{s.title}\n{s.body}") for n, s in enumerate(module.steps, start=1)]
    text = "\n".join(part for _, part in steps)
    for term in (t for t in CONTENT.glossary if t.abbreviation):
        if not spelled_out(term, text):
            used = re.compile(rf"(?<![\w#]){re.escape(term.abbreviation)}(?!\w)")
            step = next(label for label, part in steps if used.search(part))
            pytest.fail(f"content/modules/{module.id}.yaml: item {step}: {term.abbreviation} is used before it is "
                        f"spelled out: write '{term.term} ({term.abbreviation})' where it first appears.")


def item_text(item) -> str:
    """An item's text in the order a learner meets it (a draw may show any item first): the
    question and its choices, then the feedback shown once it is checked."""
    data = item.model_dump()
    feedback = data.pop("feedback")
    return "\n".join([*strings(data), feedback])


@pytest.mark.parametrize("quiz", CONTENT.quizzes.values(), ids=lambda q: q.id)
def test_abbreviations_are_spelled_out_in_each_quiz_item(quiz) -> None:
    for item in quiz.items:
        text = item_text(item)
        for term in (t for t in CONTENT.glossary if t.abbreviation):
            assert spelled_out(term, text), (
                f"content/quizzes/{quiz.id}.yaml: item {item.id}: {term.abbreviation} is used before it is "
                f"spelled out: write '{term.term} ({term.abbreviation})' where it first appears.")
