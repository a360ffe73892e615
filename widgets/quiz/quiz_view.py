"""A whole quiz attempt on the page: the questions its plan drew, each checked on its own
("Check" says right or wrong and why, never which option is right); when the last one is
checked the attempt is saved, the result shown and, as the quiz's ``review`` setting allows,
every question with its right answers. A retry draws a new set. Every attempt is saved, once:
an attempt keeps its plan (and id) until it is saved, so pressing Check again after a failed
save never stores it twice.

Each question card carries its item id (class ``viw-question-<id>``) and the quiz lists the
ids drawn (``data-viw-items``), so tests can tell which questions an attempt asks."""

from __future__ import annotations

import html
from typing import Any, Callable

import ipywidgets as ipw

from widgets.content.quiz import Quiz
from widgets.emodule.drawing import AttemptPlan, attempt_items
from widgets.emodule.progress import Attempt
from widgets.emodule.review import ReviewedQuestion, review_open, reviewed
from widgets.quiz import QuestionView, question_view
from widgets.quiz.base import points
from widgets.ui.markdown import to_html
from widgets.ui.messages import StatusMessage
from widgets.ui.safe import safe_callback

SaveAttempt = Callable[[dict[str, Any], AttemptPlan], Attempt]
REVIEW_NOTE = {
    "after_attempt": "When every question is checked, you see the right answers to all of them.",
    "after_pass": "When you pass, you see the right answers to every question.",
    "never": "",
}
WRONG_NOTE = {  # after a wrong answer, which Check does not correct
    "after_attempt": "Think it through again: the right answer is shown when every question is checked.",
    "after_pass": "Think it through again, with the module's steps: the right answers are shown once you pass.",
    "never": "Think it through again, with the module's steps, before your next try.",
}


class QuizView(ipw.VBox):
    """``save_attempt(responses, plan)`` stores the responses and returns the judged attempt;
    ``next_plan()`` gives the plan of a new attempt (a new draw)."""

    def __init__(self, quiz: Quiz, plan: AttemptPlan, save_attempt: SaveAttempt,
                 next_plan: Callable[[], AttemptPlan] | None = None):
        self.quiz = quiz
        self._save_attempt = save_attempt
        self._next_plan = next_plan or (lambda: AttemptPlan.new(quiz))
        self.result = StatusMessage()
        self.result.add_class("viw-quiz-result")
        self.review = ipw.HTML()
        self.review.add_class("viw-quiz-review")
        self._intro = ipw.HTML()
        self._asked = ipw.VBox()
        self._retry = ipw.Button(description="Try the quiz again", layout=ipw.Layout(display="none", width="auto"))
        self._retry.add_class("viw-retry")
        self._retry.on_click(safe_callback(self.result)(lambda _: self.restart()))
        self.questions: list[QuestionView] = []
        self.begin(plan)
        super().__init__([self._intro, self._asked, self.result, self.review, self._retry])
        self.add_class("viw-quiz")

    @property
    def attempt_id(self) -> str:
        return self.plan.attempt_id

    def begin(self, plan: AttemptPlan) -> None:
        """Show the questions ``plan`` drew, unanswered."""
        self.plan = plan
        items = attempt_items(self.quiz, plan)
        self.questions = [question_view(item, number, len(items), self._checked, WRONG_NOTE[self.quiz.review])
                          for number, item in enumerate(items, start=1)]
        self._asked.children = self.questions
        self._intro.value = self._intro_html()
        self.result.clear()
        self.review.value = ""

    def _intro_html(self) -> str:
        quiz = self.quiz
        drawn = f", drawn from a bank of {len(quiz.items)}; each new try draws a new set" if quiz.per_attempt < len(quiz.items) else ""
        ids = " ".join(question.item.id for question in self.questions)
        return (
            f'<p class="viw-quiz-intro" data-viw-items="{html.escape(ids)}">{quiz.per_attempt} questions{drawn}. '
            "Check each answer to see whether it is right, and why. "
            f"To pass you need {round(quiz.pass_mark * 100)}% of the {quiz.max_score} points (one a question); "
            f"you can try as often as you like. {REVIEW_NOTE[quiz.review]}</p>"
        )

    def _checked(self, _: QuestionView) -> None:
        if all(question.answered for question in self.questions):
            self.finish()

    def finish(self) -> Attempt:
        responses = {q.item.id: q.response for q in self.questions}
        attempt = self._save_attempt(responses, self.plan)
        summary = (
            f"You scored {attempt.score:.3g} of {attempt.max_score:g} ({attempt.percent}%); "
            f"the pass mark is {round(self.quiz.pass_mark * 100)}%. "
        )
        if attempt.passed:
            self.result.show(summary + "You passed this module. Your attempt is saved.", "success")
        else:
            self.result.show(summary + "Not passed yet: read the feedback above, then try again. Your attempt is saved.", "info")
        if review_open(self.quiz.review, attempt.passed):
            marks = {q.item.id: q.marked for q in self.questions if q.marked is not None}
            self.review.value = review_html(reviewed([q.item for q in self.questions], responses, marks))
        self._retry.layout.display = None
        return attempt

    def restart(self) -> None:
        """A fresh attempt with a new draw. The retry button, which had the focus, is hidden:
        the focus goes to the first question."""
        self.begin(self._next_plan())
        self._retry.layout.display = "none"
        self.questions[0].take_focus()


def review_html(questions: list[ReviewedQuestion]) -> str:
    """Every question of the scored attempt: the learner's answer, its mark, the right answer and why."""
    blocks = []
    for number, question in enumerate(questions, start=1):
        mark = "✔ Right" if question.marked.correct else "✘ Not right"
        key = "".join(f"<li>{html.escape(line)}</li>" for line in question.key if line)
        blocks.append(
            f'<li class="viw-review-question"><h4>Question {number}</h4>{to_html(question.prompt)}'
            f"<p><strong>Your answer:</strong> {html.escape(question.yours)} ({mark}, {points(question.marked)})</p>"
            f"<ul>{key}</ul></li>"
        )
    return f'<section class="viw-card"><h3>Review: the right answers</h3><ol class="viw-review">{"".join(blocks)}</ol></section>'
