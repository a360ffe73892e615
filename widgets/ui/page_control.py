"""What a control drawn by our own script (anywidget) takes from its page, and what it refuses.

A visitor's page can send anything: a message with any value, or a change to any trait by the
widgets' own protocol (its legend, its options). A control takes only the traits a person
changes (``page_parts``), and only values those traits allow; anything else is refused, logged
(shortened: a tampered page can send megabytes) and the page is told what the kernel holds.
A value taken is not sent back: the page shows it already, and on a slow connection an echo
arriving after the next keystroke or tick would undo that one.
"""

from __future__ import annotations

import logging
from typing import Any, Iterable

import anywidget
import traitlets

log = logging.getLogger(__name__)
LOGGED_CHARACTERS = 80


def is_one_of(value: Any, options: Iterable[Any]) -> bool:
    """Whether ``value`` is one of ``options`` as sent, type and all: Python counts ``True``
    equal to the option 1 (and 1.0 too), but a page sending ``true`` did not choose 1."""
    return any(value == option and type(value) is type(option) for option in options)


def shortened(thing: object) -> str:
    """``thing`` as a log line shows it, at most ``LOGGED_CHARACTERS`` characters."""
    text = str(thing)
    return text if len(text) <= LOGGED_CHARACTERS else text[:LOGGED_CHARACTERS] + "..."


class PageControl(anywidget.AnyWidget):
    """A control whose page sends each change as a message ``{"kind": "value", "part", "value"}``
    (in order with the clicks of the buttons beside it, unlike the widgets' own state updates)."""

    page_parts: tuple[str, ...] = ("value",)  # the traits a person changes on the page

    def take_from_page(self, part: str, value: Any) -> bool:
        """Set ``part`` to what the page sent, without echoing it; a value the trait refuses is
        logged and the page set right. Returns whether it was taken."""
        try:
            with self._lock_property(**{part: value}):  # ipywidgets' own guard against echoing a page's change
                setattr(self, part, value)
        except traitlets.TraitError as error:
            log.warning("%s refused a value%s from the page: %s", self.described(), "" if part == "value" else f" for {part}", shortened(error))
            self.send_state(part)
            return False
        return True

    def value_message(self, content: Any) -> tuple[str, Any] | None:
        """The part and value a message from the page carries, or None (logged) if it is not
        one this control takes."""
        if (not isinstance(content, dict) or content.get("kind") != "value" or content.get("part", "value") not in self.page_parts
                or "value" not in content):
            log.warning("%s ignored a message from the page it does not take: %s", self.described(), shortened(content))
            return None
        return content.get("part", "value"), content["value"]

    def set_state(self, sync_data: dict[str, Any]) -> None:
        """A change from the page by the widgets' own protocol: only ``page_parts``, and only
        values they allow; the rest is refused, logged and set right on the page."""
        refused = [key for key in sync_data if key not in self.page_parts]
        if refused:
            log.warning("%s refused a change to %s from the page", self.described(), ", ".join(refused))
        try:
            super().set_state({key: value for key, value in sync_data.items() if key in self.page_parts})
        except traitlets.TraitError as error:
            log.warning("%s refused a change from the page: %s", self.described(), shortened(error))
            refused.extend(key for key in sync_data if key in self.page_parts)
        if refused:
            self.send_state(refused)

    def described(self) -> str:
        """The control, as a log line names it."""
        return type(self).__name__
