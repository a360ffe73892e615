"""Multiple choice: a group of labelled tick boxes, one per option, in this attempt's order."""

from __future__ import annotations

import ipywidgets as ipw

from widgets.errors import Refused
from widgets.quiz.base import QuestionView
from widgets.ui.choices import MultipleChoice


class MultipleChoiceView(QuestionView):
    def build_input(self) -> ipw.Widget:
        self._boxes = MultipleChoice([(option.text, option.id) for option in self.item.options],
                                     legend="Your answer", hint="Tick every answer that applies.")
        self.controls = [self._boxes]
        return self._boxes

    def read_response(self) -> frozenset[str]:
        ticked = frozenset(str(option_id) for option_id in self._boxes.value)
        if not ticked:
            raise Refused("Tick at least one answer first.")
        return ticked
