"""Scenario sorting: each situation is a radio group named by the situation, one option per
category (native controls: the text wraps, arrows choose, Tab goes to the next situation)."""

from __future__ import annotations

import ipywidgets as ipw

from widgets.errors import Refused
from widgets.quiz.base import QuestionView
from widgets.ui.choices import SingleChoice


class SortView(QuestionView):
    def build_input(self) -> ipw.Widget:
        categories = [(category.label, category.id) for category in self.item.categories]
        self._places: dict[str, SingleChoice] = {}
        for number, scenario in enumerate(self.item.scenarios, start=1):
            place = SingleChoice(categories, legend=f"Situation {number}: {scenario.text}")
            place.add_class(f"viw-situation-{number}")
            self._places[scenario.id] = place
        self.controls = list(self._places.values())
        hint = ipw.HTML("<p class='viw-hint'>Choose where each situation belongs.</p>")
        return ipw.VBox([hint, *self._places.values()])

    def read_response(self) -> dict[str, str]:
        unplaced = [key for key, place in self._places.items() if place.value is None]
        if unplaced:
            raise Refused(f"Place every situation first: {len(unplaced)} still to place.")
        return {key: str(place.value) for key, place in self._places.items()}
