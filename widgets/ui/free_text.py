"""A labelled free-text box that reminds people not to identify a child, and shows how much
it holds before the limit is reached (the limit is never enforced by cutting: the model
refuses text over it with a message, and the text stays in the box to be shortened)."""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as ipw
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle

from widgets.content import load_content


@dataclass(frozen=True)
class SharedParts:
    """What the controls of a long form have alike, made once and shared by all of them.

    Every ipywidget brings a layout and most a style of its own unless handed one, and the
    browser builds each as a model before it shows anything: IV Standard 4's form held 430
    models, 220 of them layouts and styles that set nothing, and opened a fifth slower than a
    bare page. None of these changes after it is made (a widget that is hidden or resized on
    its own keeps a layout of its own)."""

    reminder: ipw.HTML
    reminder_html: str  # the same, for a widget that draws its own text boxes
    style: TextStyle  # labels as wide as their text
    layout: ipw.Layout  # text boxes: the whole width
    plain: ipw.Layout  # everything else: a layout that sets nothing
    html_style: HTMLStyle

    @classmethod
    def make(cls) -> "SharedParts":
        reminder = f'<div class="viw-hint"><strong>Privacy:</strong> {html.escape(load_content().site.free_text_reminder)}</div>'
        plain = ipw.Layout()
        html_style = HTMLStyle()
        return cls(
            ipw.HTML(reminder, layout=plain, style=html_style),
            reminder,
            TextStyle(description_width="initial"),
            ipw.Layout(width="100%"),
            plain,
            html_style,
        )

    def html(self, value: str = "") -> ipw.HTML:
        """Text or markup that does not change its own size or visibility."""
        return ipw.HTML(value, layout=self.plain, style=self.html_style)


class FreeText(ipw.VBox):
    """Textarea whose visible label is its accessible name, with a character count and the
    privacy reminder under it."""

    def __init__(self, label: str, value: str = "", rows: int = 3, max_length: int = 5000, shared: SharedParts | None = None):
        self.max_length = max_length
        shared = shared or SharedParts.make()
        self.box = ipw.Textarea(
            value=value,
            description=label,
            rows=rows,
            style=shared.style,
            layout=shared.layout,
        )
        self.box.add_class("viw-free-text")
        self.count = shared.html()
        self.count.add_class("viw-count")
        self.box.observe(lambda change: self._counted(change["new"]), "value")
        self._counted(value)
        super().__init__([self.box, self.count, shared.reminder], layout=shared.plain)
        self.add_class("viw-free-text-field")

    def _counted(self, text: str) -> None:
        self.count.value = count_html(text, self.max_length)


def count_html(text: str, max_length: int) -> str:
    """How much a box holds, shown from the start so the limit is known before it is reached;
    over it, in words."""
    used = len(text)
    if used > max_length:
        return (f'<p class="viw-count-over"><strong>{used:,} of {max_length:,} characters: '
                f'{used - max_length:,} too many.</strong> Shorten the text to save it.</p>')
    return f"<p>{used:,} of {max_length:,} characters</p>"
