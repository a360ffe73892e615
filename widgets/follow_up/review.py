"""The impact review's rules: when a learner is due it, what a complete answer is, and its rows.

Rows (kind ``follow_up``, instrument ``impact-review``): one per learning outcome (a confidence
rating 1-5, as in the confidence rounds), one per framework (``framework.<id>``: yes or no),
and ``example`` with the learner's example in ``evidence``. See the README's results format.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime

from widgets.assessment.model import MAX_TEXT
from widgets.content import Content
from widgets.emodule.confidence import SCALE, learning_outcomes
from widgets.emodule.learner import Learner
from widgets.emodule.progress import LearnerRecord
from widgets.errors import Refused
from widgets.results import ItemResponse, Submission

KIND = "follow_up"
INSTRUMENT = "impact-review"
VERSION = "1"
EXAMPLE_ITEM = "example"
FRAMEWORK_PREFIX = "framework."
PAGE_NAME = "follow_up.ipynb"  # the page in notebooks/staff that a due list links to
USED = {"yes": "Yes, I have used it", "no": "No, not yet"}


def framework_item(framework_id: str) -> str:
    return FRAMEWORK_PREFIX + framework_id


def due_on(last_pass: date, months: int) -> date:
    """The one rule: the review is due ``months`` calendar months after the last module was
    passed (31 March + 11 months is 29 February in a leap year, else 28 February)."""
    month0 = last_pass.month - 1 + months
    year, month = last_pass.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(last_pass.day, calendar.monthrange(year, month)[1]))


def last_pass(record: LearnerRecord, module_ids: list[str]) -> datetime | None:
    """When the learner passed the last of their modules (each module's first passing attempt);
    None until every module is passed."""
    if not record.all_passed(module_ids):
        return None
    passes = [record.modules[m].first_pass for m in module_ids]
    return max(datetime.fromisoformat(p.submitted_at) for p in passes if p is not None)


def review_submission(content: Content, learner: Learner, ratings: dict[str, int], used: dict[str, str],
                      example: str) -> Submission:
    """The review as rows, once every outcome is rated, every framework answered and an example
    given (within the box's limit); otherwise Refused says what is missing."""
    outcomes = learning_outcomes(content)
    frameworks = content.site.follow_up.frameworks
    unrated = [o for o in outcomes if ratings.get(o.id) not in SCALE]
    unanswered = [f for f in frameworks if used.get(f.id) not in USED]
    text = example.strip()
    missing = []
    if unrated:
        missing.append(f"rate {len(unrated)} more statement{'s' if len(unrated) != 1 else ''}")
    if unanswered:
        missing.append("say whether you have used " + ", ".join(f.name for f in unanswered))
    if not text:
        missing.append("give one example")
    if missing:
        raise Refused("Please " + "; ".join(missing) + ".")
    if len(example) > MAX_TEXT:
        raise Refused(f"Your example is {len(example):,} characters; please shorten it to {MAX_TEXT:,} or fewer "
                      "(it stays in the box).")
    items = (
        *(ItemResponse(item_id=o.id, response=str(ratings[o.id])) for o in outcomes),
        *(ItemResponse(item_id=framework_item(f.id), response=used[f.id]) for f in frameworks),
        ItemResponse(item_id=EXAMPLE_ITEM, response="", evidence=example),
    )
    return Submission(KIND, INSTRUMENT, VERSION, learner.organisation, learner.team, learner.name, learner.role, items)
