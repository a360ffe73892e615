"""How far a learner has got: the step reached in each module, every quiz attempt, and which
confidence rounds are done. Statuses are derived from these facts by one rule (``status``).
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

from widgets.emodule.drawing import AttemptPlan
from widgets.emodule.learner import Learner
from widgets.errors import Refused


log = logging.getLogger(__name__)


class Status(str, Enum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    PASSED = "passed"


@dataclass(frozen=True)
class Attempt:
    """One saved quiz attempt; ``submission_id`` is its id in results.csv."""

    submission_id: str
    submitted_at: str
    score: float
    max_score: float
    passed: bool

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.max_score) if self.max_score else 0


@dataclass
class ModuleProgress:
    """``step`` is the last step shown (0 = never opened); attempts are in the order made;
    ``plan`` names the attempt begun (its questions follow from its seed), so a reload or
    another tab shows the same questions until it is saved."""

    step: int = 0
    attempts: list[Attempt] = field(default_factory=list)
    plan: AttemptPlan | None = None

    def finished(self, plan: AttemptPlan) -> bool:
        return any(attempt.submission_id == plan.attempt_id for attempt in self.attempts)

    @property
    def status(self) -> Status:
        """Passed once any attempt passed (a later weaker retry does not undo it); in progress
        once the module was opened or tried; otherwise not started."""
        if self.first_pass is not None:
            return Status.PASSED
        if self.step or self.attempts:
            return Status.IN_PROGRESS
        return Status.NOT_STARTED

    @property
    def first_pass(self) -> Attempt | None:
        """The attempt that passed the module: its score goes on the certificate."""
        return next((a for a in self.attempts if a.passed), None)


@dataclass
class LearnerRecord:
    """Everything remembered about one learner, saved as a draft under their resume code."""

    learner: Learner
    modules: dict[str, ModuleProgress] = field(default_factory=dict)
    confidence: dict[str, str] = field(default_factory=dict)  # round ("before"/"after") -> submission id

    def module(self, module_id: str) -> ModuleProgress:
        return self.modules.setdefault(module_id, ModuleProgress())

    def status(self, module_id: str) -> Status:
        return self.modules[module_id].status if module_id in self.modules else Status.NOT_STARTED

    def all_passed(self, module_ids: list[str]) -> bool:
        return bool(module_ids) and all(self.status(m) is Status.PASSED for m in module_ids)

    def to_dict(self) -> dict[str, Any]:
        return {
            "learner": self.learner.to_dict(),
            "modules": {
                key: {"step": value.step, "attempts": {a.submission_id: asdict(a) for a in value.attempts},
                      **({"plan": asdict(value.plan)} if value.plan else {})}
                for key, value in self.modules.items()
            },
            "confidence": dict(self.confidence),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "LearnerRecord":
        """Read a saved record. A module or attempt that cannot be read (a damaged or very old
        record) is left out on its own and logged, so the rest of the progress is kept; a
        record without a learner cannot be used at all, and says so plainly."""
        try:
            learner = Learner.from_dict(data["learner"])
        except (KeyError, TypeError, AttributeError) as error:
            raise Refused("The progress saved under this code could not be read. Please tell your trainer.") from error
        record = cls(learner)
        modules: dict[str, Any] = data["modules"] if isinstance(data.get("modules"), dict) else {}
        for key, value in modules.items():
            try:
                progress = ModuleProgress(step=int(value.get("step", 0)))
            except (TypeError, ValueError, AttributeError):
                log.warning("Learner record: module %s could not be read and was left out", key)
                continue
            for saved in _listed(value.get("attempts", [])):
                try:
                    progress.attempts.append(Attempt(str(saved["submission_id"]), str(saved["submitted_at"]), float(saved["score"]),
                                                     float(saved["max_score"]), bool(saved["passed"])))
                except (KeyError, TypeError, ValueError):
                    log.warning("Learner record: an attempt at module %s could not be read and was left out", key)
            progress.attempts.sort(key=lambda attempt: attempt.submitted_at)
            progress.plan = AttemptPlan.from_dict(value.get("plan")) if value.get("plan") else None
            record.modules[str(key)] = progress
        confidence: dict[str, Any] = data["confidence"] if isinstance(data.get("confidence"), dict) else {}
        record.confidence = {str(k): str(v) for k, v in confidence.items()}
        return record


def _listed(attempts: Any) -> list[Any]:
    """Attempts as stored (by submission id, so two tabs' attempts never collide) or as older
    records listed them."""
    if isinstance(attempts, dict):
        return list(attempts.values())
    return list(attempts) if isinstance(attempts, list) else []
