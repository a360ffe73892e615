"""Every version of each quiz the service has loaded since it started, by fingerprint.

A page keeps the quiz its kernel loaded while the service reloads content when a trainer saves
a file, so an attempt begun before an edit is marked by the version it drew from (its plan's
``bank``), never by the edited one. A handful of versions per quiz, held in memory: a restart
forgets them (``judge.judge_attempt`` says what happens then).
"""

from __future__ import annotations

import threading

from widgets.content import Content
from widgets.content.quiz import Quiz
from widgets.emodule.drawing import bank_fingerprint


class QuizVersions:
    def __init__(self) -> None:
        self._known: dict[str, dict[str, Quiz]] = {}  # quiz id -> fingerprint -> that version, oldest first
        self._seen: Content | None = None  # the content last remembered (load_content gives the same object until a file changes)
        self._lock = threading.Lock()

    def remember(self, content: Content) -> Content:
        """Keep every quiz of ``content`` (the version pages load now); gives ``content`` back."""
        with self._lock:
            if content is not self._seen:
                self._seen = content
                for quiz in content.quizzes.values():
                    fingerprint = bank_fingerprint(quiz)
                    versions = self._known.setdefault(quiz.id, {})
                    versions.pop(fingerprint, None)  # an edit undone: that version is the newest again
                    versions[fingerprint] = quiz
        return content

    def versions(self, quiz_id: str) -> dict[str, Quiz]:
        """The versions of one quiz seen, by fingerprint, oldest first."""
        with self._lock:
            return dict(self._known.get(quiz_id, {}))
