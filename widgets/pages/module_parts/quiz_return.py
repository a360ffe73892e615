"""The quiz step for a learner coming back: their last result above the quiz ("Last attempt 5
of 9, you need 7 to pass"); a module already passed shows the pass instead of a blank quiz,
with a button to take the quiz again if they wish."""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets.quiz.quiz_view import QuizView
from widgets.ui.messages import StatusMessage
from widgets.ui.safe import safe_callback


class QuizReturn(ipw.VBox):
    def __init__(self, quiz_view: QuizView, last_result: str | None, passed: bool):
        self.quiz_view = quiz_view
        self.summary = ipw.HTML()
        self.summary.add_class("viw-last-result")
        self.status = StatusMessage()
        self.again = ipw.Button(description="Take the quiz again", layout=ipw.Layout(width="auto"))
        self.again.add_class("viw-quiz-again")
        self.again.on_click(safe_callback(self.status)(lambda _: self.open_quiz()))
        super().__init__([self.summary, self.again, self.status, quiz_view])
        self.show(last_result)
        if passed:
            quiz_view.layout.display = "none"
        else:
            self.again.layout.display = "none"

    def show(self, last_result: str | None) -> None:
        """The sentence on the last result (none before the first attempt)."""
        self.summary.value = f"<p class='viw-message viw-info'>{html.escape(last_result)}</p>" if last_result else ""

    def open_quiz(self) -> None:
        """A fresh quiz in place of the pass; the button, which had the focus, goes: the focus
        goes to the first question."""
        self.again.layout.display = "none"
        self.quiz_view.layout.display = None
        self.quiz_view.restart()
