"""Rate confidence (1-5) on each learning outcome, before starting and after finishing."""

from __future__ import annotations

from typing import Callable

import ipywidgets as ipw

from widgets.content import Content
from widgets.emodule.confidence import SCALE, learning_outcomes
from widgets.ui.choices import SingleChoice
from widgets.ui.messages import StatusMessage
from widgets.ui.safe import safe_callback

INTRO = {
    "before": "<h2>Before you start: how confident are you?</h2><p>Rate each statement from 1 "
              "(not at all confident) to 5 (very confident). There are no wrong answers: at the end "
              "you rate them again, so you and your trainer can see what changed.</p>",
    "after": "<h2>You passed every module: how confident are you now?</h2><p>Rate the same statements "
             "again, from 1 (not at all confident) to 5 (very confident). Then your certificate is ready.</p>",
}


class ConfidenceForm(ipw.VBox):
    """Calls ``on_save(ratings)`` with {outcome id: 1-5}."""

    def __init__(self, content: Content, when: str, on_save: Callable[[dict[str, int]], None]):
        self._on_save = on_save
        self.status = StatusMessage()
        self.ratings: dict[str, SingleChoice] = {}
        rows = []
        for number, outcome in enumerate(learning_outcomes(content), start=1):
            # The legend is the statement itself, so a screen reader names each group by it.
            scale = SingleChoice([(label, value) for value, label in SCALE.items()],
                                 legend=f"Statement {number}: I can {outcome.text}", inline=True)
            scale.add_class("viw-scale")
            scale.add_class(f"viw-statement-{number}")
            self.ratings[outcome.id] = scale
            rows.append(scale)
        self.save = ipw.Button(description="Save my ratings", button_style="primary", layout=ipw.Layout(width="auto"))
        self.save.add_class("viw-save-confidence")
        self.save.on_click(safe_callback(self.status)(lambda _: self.submit()))
        super().__init__([ipw.HTML(INTRO[when]), *rows, self.save, self.status])
        self.add_class("viw-card")
        self.add_class(f"viw-confidence-{when}")

    def submit(self) -> None:
        self._on_save({key: scale.value for key, scale in self.ratings.items() if scale.value is not None})
