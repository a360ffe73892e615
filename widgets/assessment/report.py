"""The figures in a self-assessment report, worked out from stored rows by documented rules.

- A section's score is the sum of its rated items over the most they could score (the top of
  the scale for each rated item); items left blank count in neither, and are listed apart.
- A strength is an item rated at the top of the scale; a gap is an item rated at the bottom.
- The action plan is every item with a next action, earliest due date first, undated last; an
  action due before the day the report is made is marked overdue (in words).
- Last round's actions are listed as this round reported them (rows of kind action_review),
  with "Not reported" where nothing was chosen.
- The change is measured against the same organisation's latest earlier submission of the
  same instrument (the same organisation by ``widgets.results.keys.same_key``).

Both sides of a comparison are rows from the store, as text, and go through the same
``section_scores``, so they follow one rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Mapping, Sequence

from widgets.assessment.last_actions import reviewed_item, status_label
from widgets.content.instrument import Instrument
from widgets.errors import Refused
from widgets.results.columns import ACTION_REVIEW_KIND


@dataclass(frozen=True)
class SectionScore:
    section_id: str
    title: str
    answered: int
    total: int
    score: float
    max_score: float

    @property
    def percent(self) -> float | None:
        """Share of the possible score, or None when nothing in the section was rated."""
        return round(100 * self.score / self.max_score) if self.max_score else None


@dataclass(frozen=True)
class ItemNote:
    """One item's answer as the report shows it (every item, and again under strengths or gaps)."""

    item_id: str
    section: str
    text: str
    level: str
    evidence: str
    children_say: str
    degree: str = ""


@dataclass(frozen=True)
class ActionLine:
    """A next action; ``overdue`` when its due date is before the day the report was made."""

    item_id: str
    item_text: str
    action: str
    owner: str
    due: str
    overdue: bool = False


@dataclass(frozen=True)
class ReviewLine:
    """One of last round's actions with what this round reported about it."""

    item_text: str
    action: str
    owner: str
    due: str
    status: str  # in words: "Done", ..., "Not reported"
    note: str


@dataclass(frozen=True)
class Change:
    title: str
    before: float | None
    now: float | None

    @property
    def difference(self) -> float | None:
        return None if self.before is None or self.now is None else self.now - self.before


@dataclass(frozen=True)
class Previous:
    submission_id: str
    submitted_at: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Report:
    instrument_title: str
    scale_name: str
    organisation: str
    team: str
    respondent: str
    role: str
    submission_id: str
    submitted_at: str
    sections: tuple[SectionScore, ...]
    overall: SectionScore
    strengths: tuple[ItemNote, ...]
    gaps: tuple[ItemNote, ...]
    not_rated: tuple[ItemNote, ...]
    answers: tuple[ItemNote, ...]
    actions: tuple[ActionLine, ...]
    previous: Previous | None
    comparison_note: str = ""  # why there is no comparison, when there is none
    reviews: tuple[ReviewLine, ...] = ()  # last round's actions, as this round reported them


def section_scores(instrument: Instrument, ratings: Mapping[str, float | None]) -> tuple[SectionScore, ...]:
    """Score every section from item ratings (None or missing = not rated)."""
    top = instrument.scale.max_value
    scores = []
    for section in instrument.sections:
        rated = [rating for i in section.items if (rating := ratings.get(i.id)) is not None]
        scores.append(SectionScore(section.id, section.title, len(rated), len(section.items), float(sum(rated)), float(top * len(rated))))
    return tuple(scores)


def overall_score(sections: Sequence[SectionScore]) -> SectionScore:
    return SectionScore(
        "overall", "All sections",
        sum(s.answered for s in sections), sum(s.total for s in sections),
        sum(s.score for s in sections), sum(s.max_score for s in sections),
    )


def build_report(instrument: Instrument, rows: Sequence[Mapping[str, str]],
                 previous: Sequence[Mapping[str, str]] | None = None, today: date | None = None,
                 comparison_note: str = "") -> Report:
    """The report for one saved submission (its rows, as the store wrote them); ``previous``
    holds the rows of the submission it is compared with (``ResultsStore.previous``), if any."""
    if not rows:
        raise Refused("There is no submission to report on.")
    first = rows[0]
    by_item = {row["item_id"]: row for row in rows}
    ratings = {item_id: _number(row["score"]) for item_id, row in by_item.items()}
    sections = section_scores(instrument, ratings)
    levels = {level.value: level.label for level in instrument.scale.levels}
    bottom = min(levels)
    strengths, gaps, blank, answers, actions = [], [], [], [], []
    for section in instrument.sections:
        for item in section.items:
            row = by_item.get(item.id)
            if row is None:
                continue
            rating = ratings[item.id]
            note = ItemNote(item.id, section.title, item.text, levels.get(int(rating), "") if rating is not None else "",
                            row["evidence"], row["children_say"], row["participation_degree"])
            answers.append(note)
            if rating is None:
                blank.append(note)
            elif rating == instrument.scale.max_value:
                strengths.append(note)
            elif rating == bottom:
                gaps.append(note)
            if row["action"].strip():
                due = row["action_due"]
                overdue = bool(due) and date.fromisoformat(due) < (today or date.today())
                actions.append(ActionLine(item.id, item.text, row["action"], row["action_owner"], due, overdue))
    actions.sort(key=lambda a: (a.due == "", a.due))
    texts = {item.id: item.text for item in instrument.items}
    reviews = tuple(ReviewLine(texts.get(reviewed_item(row["item_id"]), reviewed_item(row["item_id"])), row["action"],
                               row["action_owner"], row["action_due"], status_label(row["response"]), row["evidence"])
                    for row in rows if row["kind"] == ACTION_REVIEW_KIND)
    return Report(
        instrument_title=instrument.title,
        scale_name=instrument.scale.name,
        organisation=first["organisation"],
        team=first["team"],
        respondent=first["respondent"],
        role=first["role"],
        submission_id=first["submission_id"],
        submitted_at=first["submitted_at"],
        sections=sections,
        overall=overall_score(sections),
        strengths=tuple(strengths),
        gaps=tuple(gaps),
        not_rated=tuple(blank),
        answers=tuple(answers),
        actions=tuple(actions),
        previous=_previous(instrument, sections, previous),
        comparison_note=comparison_note,
        reviews=reviews,
    )


def _previous(instrument: Instrument, now: Sequence[SectionScore], earlier: Sequence[Mapping[str, str]] | None) -> Previous | None:
    if not earlier:
        return None
    before = section_scores(instrument, {row["item_id"]: _number(row["score"]) for row in earlier
                                         if row["kind"] != ACTION_REVIEW_KIND})
    changes = [Change(b.title, b.percent, n.percent) for b, n in zip(before, now)]
    changes.append(Change("All sections", overall_score(before).percent, overall_score(now).percent))
    when = datetime.fromisoformat(earlier[0]["submitted_at"])
    when = when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when.astimezone(timezone.utc)
    return Previous(earlier[0]["submission_id"], when.strftime("%Y-%m-%d %H:%M UTC"), tuple(changes))


def _number(text: str) -> float | None:
    return float(text) if text != "" else None
