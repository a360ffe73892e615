"""Single choice: one radio button per option (each option's text is its label)."""

from __future__ import annotations

import ipywidgets as ipw

from widgets.quiz.base import QuestionView
from widgets.errors import Refused


class SingleChoiceView(QuestionView):
    def build_input(self) -> ipw.Widget:
        self._choice = ipw.RadioButtons(
            options=[(option.text, option.id) for option in self.item.options],
            value=None,
            description="Your answer",
            style={"description_width": "initial"},
            layout=ipw.Layout(width="100%"),
        )
        self.controls = [self._choice]
        return self._choice

    def read_response(self) -> str:
        if self._choice.value is None:
            raise Refused("Choose an answer first.")
        return self._choice.value
