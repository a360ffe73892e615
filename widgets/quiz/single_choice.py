"""Single choice: a radio group, one labelled radio button per option, in this attempt's order."""

from __future__ import annotations

import ipywidgets as ipw

from widgets.errors import Refused
from widgets.quiz.base import QuestionView
from widgets.ui.choices import SingleChoice


class SingleChoiceView(QuestionView):
    def build_input(self) -> ipw.Widget:
        self._choice = SingleChoice([(option.text, option.id) for option in self.item.options], legend="Your answer")
        self.controls = [self._choice]
        return self._choice

    def read_response(self) -> str:
        if self._choice.value is None:
            raise Refused("Choose an answer first.")
        return str(self._choice.value)
