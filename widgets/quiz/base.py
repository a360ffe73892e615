"""What every question view shares: the prompt, a Check button, and feedback in words.

A type's view only builds its input and reads the response. The view holds no answer key:
scoring happens in Python (``item.score``) after the learner checks, and only then is the
feedback sent to the page.
"""

from __future__ import annotations

import html
from typing import Any, Callable

import ipywidgets as ipw

from widgets.quiz_items import Marked
from widgets.ui.choices import MultipleChoice, SingleChoice  # the controls every type's input is built from
from widgets.ui.focus import move_focus_to
from widgets.ui.markdown import to_html
from widgets.ui.messages import StatusMessage
from widgets.ui.safe import safe_callback


class QuestionView(ipw.VBox):
    """One question. ``submit()`` does what the Check button does (for code and tests)."""

    def __init__(self, item: Any, number: int, total: int, on_checked: Callable[["QuestionView"], None],
                 wrong_note: str = ""):
        self.item = item
        self._wrong_note = wrong_note  # said after a wrong answer: where the right one will be shown
        self.response: Any = None
        self.marked: Marked | None = None
        self._on_checked = on_checked
        self.controls: list[SingleChoice | MultipleChoice] = []
        self._status = StatusMessage()
        self._feedback = ipw.HTML()
        self._feedback.add_class("viw-feedback")
        self._check = ipw.Button(description="Check answer", tooltip="Check this answer and see why",
                                 layout=ipw.Layout(width="auto"))
        self._check.add_class("viw-check")
        self._check.on_click(safe_callback(self._status)(lambda _: self.submit()))
        self._prompt = ipw.HTML(f"<h3>Question {number} of {total}</h3>{to_html(item.prompt)}")
        self._input = self.build_input()
        super().__init__([self._prompt, self._input, self._check, self._status, self._feedback])
        self.add_class("viw-card")
        self.add_class("viw-question")
        self.add_class(f"viw-question-{item.id}")

    def build_input(self) -> ipw.Widget:
        """Build the input and fill ``self.controls`` with the widgets that hold the answer."""
        raise NotImplementedError

    def read_response(self) -> Any:
        """The learner's answer from the input; ValueError (in plain words) if not given."""
        raise NotImplementedError

    def set_enabled(self, enabled: bool) -> None:
        for control in self.controls:
            control.disabled = not enabled

    @property
    def answered(self) -> bool:
        return self.marked is not None

    def submit(self) -> None:
        """Mark the answer and show why. The Check button that had the focus is disabled, which
        drops the focus to the top of the page: it goes to the feedback, which is read out."""
        response = self.read_response()
        marked = self.item.score(response)
        self.response, self.marked = response, marked
        self._status.clear()
        self.set_enabled(False)
        self._check.disabled = True
        self._feedback.value = feedback_html(marked, "" if marked.correct else self._wrong_note)
        move_focus_to(self._feedback)
        self._on_checked(self)

    def take_focus(self) -> None:
        """Focus the question's heading ("Question 1 of 5"); its answer is the next Tab stop."""
        move_focus_to(self._prompt)


def feedback_html(marked: Marked, note: str = "") -> str:
    """The verdict in words with an icon (never colour alone), then each reason."""
    icon, tone = ("✔", "success") if marked.correct else ("✘", "error")
    verdict, *reasons = marked.feedback
    reasons.append(note)
    items = "".join(f"<li>{html.escape(reason)}</li>" for reason in reasons if reason)
    return (
        f'<div class="viw-message viw-{tone}">'
        f"<strong>{icon} {html.escape(verdict)}</strong> ({points(marked)})<ul>{items}</ul></div>"
    )


def points(marked: Marked) -> str:
    """"0.75 of 1 point": a sorting question shares its one point among its situations."""
    return f"{marked.score:.2g} of {marked.max_score:g} point{'s' if marked.max_score != 1 else ''}"
