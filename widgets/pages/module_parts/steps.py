"""A module's steps one at a time, with Back and Next and "Step 3 of 7"; the quiz is the last
step. The step reached is saved, so a reload reopens it."""

from __future__ import annotations

import html
from typing import Callable

import ipywidgets as ipw

from widgets.content import Content
from widgets.content.module import Module, Step
from widgets.ui.focus import move_focus_to
from widgets.ui.markdown import to_html
from widgets.ui.messages import StatusMessage
from widgets.ui.pictures import picture_source, readable_width, smallest_text
from widgets.ui.safe import safe_callback

class StepsView(ipw.VBox):
    """``on_step(number)`` is told each step shown (1-based); the quiz widget is the last step."""

    def __init__(self, module: Module, content: Content, quiz: ipw.Widget, start: int, on_step: Callable[[int], None]):
        self.module = module
        self.content = content
        self._quiz = quiz
        self._on_step = on_step
        self.total = len(module.steps) + 1
        self.status = StatusMessage()
        self.counter = ipw.HTML()  # the new step is told by its heading, which takes the focus
        self.counter.add_class("viw-step-counter")
        self.body = ipw.VBox()
        self.back = ipw.Button(description="Back", tooltip="Previous step")
        self.next = ipw.Button(description="Next", tooltip="Next step", button_style="primary")
        self.back.add_class("viw-back")
        self.next.add_class("viw-next")
        self.back.on_click(safe_callback(self.status)(lambda _: self.step_by(-1)))
        self.next.on_click(safe_callback(self.status)(lambda _: self.step_by(1)))
        super().__init__([self.counter, self.body, ipw.HBox([self.back, self.next]), self.status])
        self.add_class("viw-steps")
        self.number = 0
        self.show(min(max(start, 1), self.total))

    def step_by(self, change: int) -> None:
        """Back or Next: the new step's heading takes the focus, which brings the top of the step
        into view (on a phone the buttons are a long way below it) and has it read out."""
        self.show(self.number + change)
        self.take_focus()

    def show(self, number: int) -> None:
        number = min(max(number, 1), self.total)
        self.number = number
        title = "Quiz" if number == self.total else self.module.steps[number - 1].title
        self.counter.value = f"<p><strong>Step {number} of {self.total}</strong>: {html.escape(title)}</p>"
        if number == self.total:
            self.page = ipw.HTML(f"<h2>Quiz: {html.escape(self.module.title)}</h2>")
            self.body.children = [self.page, self._quiz]
        else:
            self.page = ipw.HTML(self.step_html(self.module.steps[number - 1]))
            self.body.children = [self.page]
        self.back.disabled = number == 1
        self.next.disabled = number == self.total
        self._on_step(number)

    def take_focus(self) -> None:
        """Focus the heading of the step shown."""
        move_focus_to(self.page)

    def step_html(self, step: Step) -> str:
        parts = [f"<h2>{html.escape(step.title)}</h2>", to_html(step.body)]
        if step.picture:
            parts.append(picture_html(step.picture.file, step.picture.alt))
        if step.sources:
            cited = "".join(f"<li>{html.escape(self.content.sources[s].citation)}</li>" for s in step.sources)
            parts.append(f"<div class='viw-sources'><strong>Sources</strong><ul>{cited}</ul></div>")
        return "".join(parts)


def picture_html(file: str, alt: str) -> str:
    """The picture inline, at least as wide as its smallest text needs (its box scrolls sideways
    on a narrow screen, and can take the focus so the keyboard scrolls it too); its text
    alternative as ``alt`` and also in words anyone can open."""
    width, share = readable_width(file), smallest_text(file)
    size = f"min-width:{width}px;" if width else ""
    text = f" data-viw-smallest-text='{share:.6f}'" if share else ""  # for the layout test to measure
    return (
        "<figure class='viw-picture'><div class='viw-picture-scroll' tabindex='0' role='group' "
        f"aria-label='The picture: scroll sideways to see all of it'><img src='{picture_source(file)}' "
        f"alt='{html.escape(alt, quote=True)}'{text} style='{size}width:100%;height:auto'></div>"
        f"<details><summary>The picture in words</summary><p>{html.escape(alt)}</p></details></figure>"
    )
