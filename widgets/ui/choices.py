"""Choice controls that are real form controls: a ``fieldset`` with its ``legend`` and one
``input`` (radio or tick box) inside its ``label`` per option, drawn by our own small widget.

ipywidgets' RadioButtons and Checkbox draw fixed-height rows, with radios that share no group
name (page scripts had to fix that), labels that do not wrap and circles that can slide under
the next option's. Here the browser's own controls and layout do the work: text wraps and
pushes the next option down, the whole label is the click target, the arrow keys move inside
a radio group and Tab moves between groups. anywidget loads ``choices.js`` (beside this file,
after ``choice_inputs.js``, which draws the inputs) from the kernel, so nothing is fetched from
outside; ``choices.css`` goes in the page's own
stylesheet (``widgets.ui.style``), once: anywidget would put a model's ``_css`` into the
page again for every group drawn, and each time the browser restyles the whole page.

A visitor's page can send any value to a trait: a value that is not one of the options (``True``
is not the option 1) is refused, logged, and the page is told the value the kernel holds
(``widgets.ui.page_control``).
"""

from __future__ import annotations

import pathlib
from typing import Any, Iterable, Sequence

import traitlets

from widgets.ui.page_control import PageControl, is_one_of, shortened

HERE = pathlib.Path(__file__).parent
CSS = (HERE / "choices.css").read_text(encoding="utf-8")


def with_choice_inputs(script: pathlib.Path) -> str:
    """A widget's script with ``choiceFieldset`` (choice_inputs.js) in front of it: the
    inputs of every choice group on a page are drawn by the same code."""
    return (HERE / "choice_inputs.js").read_text(encoding="utf-8") + "\n" + script.read_text(encoding="utf-8")

Options = Sequence[tuple[str, Any]]  # (label, value) pairs, as ipywidgets' own choice widgets take them


class _ChoiceGroup(PageControl):
    _esm = with_choice_inputs(HERE / "choices.js")
    legend = traitlets.Unicode("", help="The group's name, shown as its legend").tag(sync=True)
    hint = traitlets.Unicode("", help="A line under the legend, read with the group").tag(sync=True)
    multiple = traitlets.Bool(False, help="Tick boxes (any number) instead of radio buttons (one)").tag(sync=True)
    inline = traitlets.Bool(False, help="Options side by side where they fit (a short scale)").tag(sync=True)
    disabled = traitlets.Bool(False, help="No option can be changed").tag(sync=True)
    choices = traitlets.List(traitlets.Dict(), help="[{label, value}] in the order shown").tag(sync=True)

    def __init__(self, options: Options, **kwargs: Any):
        super().__init__(choices=[{"label": str(label), "value": value} for label, value in options], **kwargs)
        self.on_msg(self._chosen_on_page)

    def _chosen_on_page(self, _: Any, content: Any, __: Any) -> None:
        """The page sends each choice as a message (see choices.js), in order with the clicks
        of the buttons beside it. A value taken is not sent back (``PageControl``): on a slow
        connection the echo of one tick arrived after the next and unticked it on the page, so
        the tick after that sent a set without it (a right answer marked wrong). A value the
        kernel changes (the options' order) is still sent."""
        taken = self.value_message(content)
        if taken is None:
            return
        if self.disabled:  # checked already: a late or made-up message changes nothing
            self.send_state("value")
            return
        self.take_from_page("value", taken[1])

    @property
    def values(self) -> list[Any]:
        return [choice["value"] for choice in self.choices]

    def described(self) -> str:
        return f"A choice group ({shortened(self.legend)})"


class SingleChoice(_ChoiceGroup):
    """One of the options, or ``None`` before anything is chosen."""

    value = traitlets.Any(None, allow_none=True, help="The chosen option's value, or None").tag(sync=True)

    @traitlets.validate("value")
    def _one_of_the_options(self, proposal: dict[str, Any]) -> Any:
        value = proposal["value"]
        if value is not None and not is_one_of(value, self.values):
            raise traitlets.TraitError(f"{value!r} is not one of the options")
        return value


class MultipleChoice(_ChoiceGroup):
    """Any number of the options, as a tuple in the order they are shown."""

    value = traitlets.Any((), help="The ticked options' values, in the order shown").tag(sync=True)

    def __init__(self, options: Options, **kwargs: Any):
        super().__init__(options, multiple=True, **kwargs)

    @traitlets.validate("value")
    def _some_of_the_options(self, proposal: dict[str, Any]) -> tuple[Any, ...]:
        value = proposal["value"]
        if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
            raise traitlets.TraitError(f"{value!r} is not a list of options")
        chosen = list(value)
        unknown = [v for v in chosen if not is_one_of(v, self.values)]
        if unknown:
            raise traitlets.TraitError(f"{unknown[0]!r} is not one of the options")
        return tuple(v for v in self.values if is_one_of(v, chosen))
