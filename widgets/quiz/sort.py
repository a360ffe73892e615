"""Scenario sorting: each situation is shown in words with a labelled drop-down of categories."""

from __future__ import annotations

import html

import ipywidgets as ipw

from widgets.quiz.base import QuestionView
from widgets.errors import Refused

UNPLACED = ""


class SortView(QuestionView):
    blank = UNPLACED

    def build_input(self) -> ipw.Widget:
        choices = [("Choose...", UNPLACED)] + [(category.label, category.id) for category in self.item.categories]
        rows = []
        self._places: dict[str, ipw.Dropdown] = {}
        for number, scenario in enumerate(self.item.scenarios, start=1):
            text = ipw.HTML(f"<p><strong>Situation {number}:</strong> {html.escape(scenario.text)}</p>")
            place = ipw.Dropdown(
                options=choices,
                value=UNPLACED,
                description=f"Situation {number} belongs under",
                style={"description_width": "initial"},
                layout=ipw.Layout(width="100%", max_width="42rem"),
            )
            self._places[scenario.id] = place
            rows.append(ipw.VBox([text, place]))
        self.controls = list(self._places.values())
        return ipw.VBox(rows)

    def read_response(self) -> dict[str, str]:
        unplaced = [key for key, place in self._places.items() if place.value == UNPLACED]
        if unplaced:
            raise Refused(f"Place every situation first: {len(unplaced)} still to place.")
        return {key: place.value for key, place in self._places.items()}
