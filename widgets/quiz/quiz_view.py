"""A whole quiz attempt on the page: each question is checked on its own (feedback straight
away); when the last one is checked the attempt is saved and the result shown. Retries start
a fresh attempt; every attempt is saved, once: an attempt keeps its id until it is saved, so
pressing Check again after a failed save never stores it twice."""

from __future__ import annotations

import uuid
from typing import Any, Callable

import ipywidgets as ipw

from widgets.content.quiz import Quiz
from widgets.emodule.progress import Attempt
from widgets.quiz import QuestionView, question_view
from widgets.ui.messages import StatusMessage
from widgets.ui.safe import safe_callback


class QuizView(ipw.VBox):
    """``save_attempt(responses, attempt_id)`` stores the responses and returns the judged attempt."""

    def __init__(self, quiz: Quiz, save_attempt: Callable[[dict[str, Any], str], Attempt]):
        self.quiz = quiz
        self._save_attempt = save_attempt
        self.attempt_id = str(uuid.uuid4())
        self.result = StatusMessage()
        self.result.add_class("viw-quiz-result")
        self.questions = [
            question_view(item, number, len(quiz.items), self._checked)
            for number, item in enumerate(quiz.items, start=1)
        ]
        self._retry = ipw.Button(description="Try the quiz again", layout=ipw.Layout(display="none", width="auto"))
        self._retry.add_class("viw-retry")
        self._retry.on_click(safe_callback(self.result)(lambda _: self.restart()))
        intro = ipw.HTML(
            f"<p>{len(quiz.items)} questions. Check each answer to see why it is right or not. "
            f"To pass you need {round(quiz.pass_mark * 100)}% of the {quiz.max_score} points; "
            "you can try as often as you like.</p>"
        )
        super().__init__([intro, *self.questions, self.result, self._retry])
        self.add_class("viw-quiz")

    def _checked(self, _: QuestionView) -> None:
        if all(question.answered for question in self.questions):
            self.finish()

    def finish(self) -> Attempt:
        attempt = self._save_attempt({q.item.id: q.response for q in self.questions}, self.attempt_id)
        summary = (
            f"You scored {attempt.score:g} of {attempt.max_score:g} ({attempt.percent}%); "
            f"the pass mark is {round(self.quiz.pass_mark * 100)}%. "
        )
        if attempt.passed:
            self.result.show(summary + "You passed this module. Your attempt is saved.", "success")
        else:
            self.result.show(summary + "Not passed yet: read the feedback above, then try again. Your attempt is saved.", "info")
        self._retry.layout.display = None
        return attempt

    def restart(self) -> None:
        """A fresh attempt. The retry button, which had the focus, is hidden: the focus goes to
        the first question."""
        for question in self.questions:
            question.reset()
        self.attempt_id = str(uuid.uuid4())
        self.result.clear()
        self._retry.layout.display = "none"
        self.questions[0].take_focus()
