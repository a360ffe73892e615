"""The staff e-module's state and rules, with no widget code: who the learner is, how far
they got, their quiz attempts, confidence ratings and certificate.

Views in ``widgets.pages`` and ``widgets.quiz`` drive a ``LearnerSession``; tests drive it
directly, without a browser.
"""

from widgets.emodule.learner import Learner
from widgets.emodule.progress import Attempt, LearnerRecord, ModuleProgress, Status
from widgets.emodule.session import LearnerSession

__all__ = ["Attempt", "Learner", "LearnerRecord", "LearnerSession", "ModuleProgress", "Status"]
