"""Answer cues in a quiz bank: patterns that let a test-wise learner score without knowing
the subject, and feedback that gives a wrong answer's right option away.

Plain functions over a loaded ``Quiz``, so the content tests can run them on the shipped
banks and on small hand-made banks alike. Each problem names the file and, where it is one
item's, the item. The thresholds are below, with why:

- Longest option (single choice). A learner who always picks the longest option scores at
  chance, 1/k on a k-option item, if length carries no signal. A bank may have the key longest
  in at most ``LONGEST_KEY_SHARE`` of its single-choice items, or chance plus
  ``LONGEST_KEY_MARGIN`` when its items have so few options that chance is higher. Checked from
  ``MIN_SINGLE_FOR_LONGEST`` items, below which one item swings the share too far.
- Key position (single choice). Options are shuffled per attempt, but the file order is what a
  learner sees when shuffling is off and what a trainer reads. From ``MIN_SINGLE_FOR_POSITION``
  items, no position may hold more than ``KEY_POSITION_SHARE`` of the keys, and the last
  position must hold at least one (the review found it held none).
- Multiple choice: no item may have every option correct ("tick everything" wins), and from
  ``MIN_MULTIPLE_FOR_POSITION`` items the last option may be a distractor in at most
  ``LAST_DISTRACTOR_SHARE`` of them (the review found the lone distractor last in 7 of 9).
- Sort: if every category is used by exactly one situation, the last one can be placed by
  elimination; a category must be used twice, or one must be needed by no situation.
- Feedback shown on "Check" for a wrong choice (a wrong option's feedback, a situation's
  feedback) must not name the right option or category.

Command, for a trainer after editing a bank (run ``python -m widgets.content.validate`` first):

    python -m widgets.content.cue_check [CONTENT_FOLDER]
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import yaml
from pydantic import ValidationError

from widgets.content.errors import Problem
from widgets.content.quiz import Quiz
from widgets.quiz_items import MultipleChoiceItem, SingleChoiceItem, SortItem
from widgets.settings import content_dir

LONGEST_KEY_SHARE = 0.40
LONGEST_KEY_MARGIN = 0.10
MIN_SINGLE_FOR_LONGEST = 4
KEY_POSITION_SHARE = 0.50
MIN_SINGLE_FOR_POSITION = 6
LAST_DISTRACTOR_SHARE = 0.60
MIN_MULTIPLE_FOR_POSITION = 4


def cue_problems(quiz: Quiz, file: str) -> list[Problem]:
    """Every cue found in one bank; an empty list means the bank passes."""
    singles = [item for item in quiz.items if isinstance(item, SingleChoiceItem)]
    multiples = [item for item in quiz.items if isinstance(item, MultipleChoiceItem)]
    sorts = [item for item in quiz.items if isinstance(item, SortItem)]
    problems = _longest_key(singles, file) + _key_positions(singles, file) + _multiple_choice(multiples, file)
    problems += [p for item in sorts for p in _sort_by_elimination(item, file)]
    problems += [p for item in quiz.items for p in _feedback_reveals(item, file)]
    return problems


def file_problems(path: Path) -> list[Problem]:
    """The cues in one quiz file, named as the content check names it (content/quizzes/...)."""
    name = f"content/quizzes/{path.name}"
    try:
        quiz = Quiz.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (yaml.YAMLError, UnicodeDecodeError, ValidationError):
        return [Problem(name, None, None, "this is not a valid quiz file; run python -m widgets.content.validate to see why.")]
    return cue_problems(quiz, name)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else content_dir()
    files = sorted((folder / "quizzes").glob("*.yaml"))
    problems = [p for path in files for p in file_problems(path)]
    for problem in problems:
        print(f"- {problem}")
    print(f"{len(problems)} cue problem(s) in {len(files)} quiz file(s)." if problems
          else f"No answer cues in {len(files)} quiz file(s).")
    return 1 if problems else 0


def key_is_longest(item: SingleChoiceItem) -> bool:
    """True when the key is strictly longer (in characters) than every other option."""
    key = len(item.option(item.correct).text)
    return all(key > len(o.text) for o in item.options if o.id != item.correct)


def longest_key_limit(singles: Sequence[SingleChoiceItem]) -> float:
    """The share of longest keys a bank may have: the fixed limit, or chance plus the margin."""
    chance = sum(1 / len(item.options) for item in singles) / len(singles)
    return max(LONGEST_KEY_SHARE, chance + LONGEST_KEY_MARGIN)


def _longest_key(singles: list[SingleChoiceItem], file: str) -> list[Problem]:
    if len(singles) < MIN_SINGLE_FOR_LONGEST:
        return []
    longest = [item.id for item in singles if key_is_longest(item)]
    limit = longest_key_limit(singles)
    if len(longest) / len(singles) <= limit:
        return []
    return [Problem(file, None, "correct", (
        f"the right option is the longest in {len(longest)} of {len(singles)} single-choice items "
        f"({', '.join(longest)}); at most {limit:.0%} may be, so shorten a key or lengthen a wrong option."
    ))]


def _key_positions(singles: list[SingleChoiceItem], file: str) -> list[Problem]:
    if len(singles) < MIN_SINGLE_FOR_POSITION:
        return []
    positions = Counter(_position(item) for item in singles)
    problems = []
    for position, count in sorted(positions.items()):
        if count / len(singles) > KEY_POSITION_SHARE:
            problems.append(Problem(file, None, "correct", (
                f"the right option is option {position + 1} in {count} of {len(singles)} single-choice items; "
                f"no position may hold more than {KEY_POSITION_SHARE:.0%} of them, so move some keys."
            )))
    if not any(item.options[-1].id == item.correct for item in singles):
        problems.append(Problem(file, None, "correct", (
            f"the right option is never the last one in the {len(singles)} single-choice items; "
            "make it the last option in some of them."
        )))
    return problems


def _position(item: SingleChoiceItem) -> int:
    return [o.id for o in item.options].index(item.correct)


def _multiple_choice(multiples: list[MultipleChoiceItem], file: str) -> list[Problem]:
    problems = [
        Problem(file, item.id, "correct", "every option is correct, so ticking everything wins; add a plausible wrong option.")
        for item in multiples
        if set(item.correct) == {o.id for o in item.options}
    ]
    with_distractor = [item for item in multiples if set(item.correct) != {o.id for o in item.options}]
    if len(with_distractor) >= MIN_MULTIPLE_FOR_POSITION:
        last_wrong = [item.id for item in with_distractor if item.options[-1].id not in item.correct]
        if len(last_wrong) / len(with_distractor) > LAST_DISTRACTOR_SHARE:
            problems.append(Problem(file, None, "options", (
                f"the last option is a wrong one in {len(last_wrong)} of {len(with_distractor)} multiple-choice items "
                f"({', '.join(last_wrong)}); at most {LAST_DISTRACTOR_SHARE:.0%} may be, so move some wrong options up."
            )))
    return problems


def _sort_by_elimination(item: SortItem, file: str) -> list[Problem]:
    used = Counter(s.correct for s in item.scenarios)
    if any(used[c.id] != 1 for c in item.categories):
        return []
    return [Problem(file, item.id, "scenarios", (
        "each category is the answer for exactly one situation, so the last can be placed by "
        "elimination; give one category a second situation, or add a category no situation needs."
    ))]


def _feedback_reveals(item: SingleChoiceItem | MultipleChoiceItem | SortItem, file: str) -> list[Problem]:
    """Feedback a learner sees on "Check" after a wrong choice, that names what is right."""
    if isinstance(item, SortItem):
        return [
            Problem(file, item.id, "scenarios", (
                f"situation '{s.id}': its feedback names the right category "
                f"'{item.label(s.correct)}'; teach why without naming it (the review after the attempt shows it)."
            ))
            for s in item.scenarios
            if _names(s.feedback, item.label(s.correct))
        ]
    keys = [item.correct] if isinstance(item, SingleChoiceItem) else item.correct
    key_texts = [item.option(k).text for k in keys]
    return [
        Problem(file, item.id, "options", (
            f"option '{o.id}': its feedback names the right option '{text}'; teach why without "
            "naming it (the review after the attempt shows it)."
        ))
        for o in item.options
        if o.id not in keys
        for text in key_texts
        if _names(o.feedback, text)
    ]


def _names(feedback: str, answer: str) -> bool:
    """Whether the feedback contains the answer's words as a phrase (case and spacing ignored)."""
    words = re.findall(r"[a-z0-9']+", answer.lower())
    if not words or not feedback:
        return False
    pattern = r"\b" + r"\W+".join(map(re.escape, words)) + r"\b"
    return re.search(pattern, feedback.lower()) is not None


if __name__ == "__main__":
    sys.exit(main())
