"""Multiple choice: a labelled tick box per option."""

from __future__ import annotations

import ipywidgets as ipw

from widgets.quiz.base import QuestionView
from widgets.errors import Refused


class MultipleChoiceView(QuestionView):
    blank = False

    def build_input(self) -> ipw.Widget:
        self._boxes = {
            option.id: ipw.Checkbox(value=False, description=option.text, indent=False, layout=ipw.Layout(width="100%"))
            for option in self.item.options
        }
        self.controls = list(self._boxes.values())
        hint = ipw.HTML("<p class='viw-hint'>Tick every answer that applies.</p>")
        return ipw.VBox([hint, *self._boxes.values()])

    def read_response(self) -> frozenset[str]:
        ticked = frozenset(option_id for option_id, box in self._boxes.items() if box.value)
        if not ticked:
            raise Refused("Tick at least one answer first.")
        return ticked
