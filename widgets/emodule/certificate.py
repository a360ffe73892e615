"""The certificate a learner downloads once every module is passed: what it says.

Its verification id is the submission id of the attempt that completed the e-module (the last
module passed). The results store knows whose attempt that is, so a trainer's "Verify a
certificate" box (``widgets.dashboard.verify``) finds the learner from the id alone, and the
certificate it rebuilds says the same as the one the learner holds: nothing on it depends on
the day it was downloaded.
"""

from __future__ import annotations

from dataclasses import dataclass

from widgets.assessment.model import spoken_date
from widgets.content import Content
from widgets.emodule.progress import LearnerRecord
from widgets.errors import Refused

CHECK_HOW = "To check this certificate, a trainer types the verification id into \"Verify a certificate\" on the workbook's trainer dashboard."


@dataclass(frozen=True)
class PassedModule:
    title: str
    outcomes: tuple[str, ...]
    minutes: int
    score: float
    max_score: float
    percent: int
    passed_on: str  # "1 December 2026"


@dataclass(frozen=True)
class Certificate:
    name: str
    organisation: str
    course: str
    awarded_by: str | None  # the organisation that runs the workbook (site.yaml's local_routes)
    modules: tuple[PassedModule, ...]
    completed_on: str  # "1 December 2026": the day the last module was passed
    verification_id: str

    @property
    def minutes(self) -> int:
        return sum(module.minutes for module in self.modules)

    @property
    def filename(self) -> str:
        """The file's name, with the learner's name as they wrote it (accents and all)."""
        return f"Certificate {self.name}.pdf"


def certificate_for(record: LearnerRecord, content: Content) -> Certificate:
    """What the certificate says; raises Refused while any module is not yet passed."""
    passes = [(module, record.modules[module.id].first_pass) for module in content.modules if module.id in record.modules]
    passed = [(module, attempt) for module, attempt in passes if attempt is not None]
    if not content.modules or len(passed) < len(content.modules):
        left = len(content.modules) - len(passed)
        raise Refused(f"The certificate is ready when every module is passed: {left} still to pass.")
    last = max((attempt for _, attempt in passed), key=lambda a: a.submitted_at)
    return Certificate(
        name=record.learner.name,
        organisation=record.learner.organisation,
        course=content.site.title,
        awarded_by=content.site.brand.organisation or content.site.local_routes.organisation or None,
        modules=tuple(
            PassedModule(module.title, tuple(o.text for o in module.learning_outcomes), module.minutes,
                         attempt.score, attempt.max_score, attempt.percent, spoken_date(attempt.submitted_at))
            for module, attempt in passed
        ),
        completed_on=spoken_date(last.submitted_at),
        verification_id=last.submission_id,
    )


def issued_certificate(record: LearnerRecord, content: Content) -> Certificate:
    """The certificate a learner may download: every module passed and the after-ratings in
    (the page and the results service both ask this)."""
    if "after" not in record.confidence and record.all_passed([module.id for module in content.modules]):
        raise Refused("Rate your confidence once more, then your certificate is ready.")
    return certificate_for(record, content)
