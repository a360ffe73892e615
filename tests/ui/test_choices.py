"""Our choice controls: the value is one (or some) of the options, whatever a page sends; the
JavaScript and CSS come with the package, so nothing is fetched from outside."""

from __future__ import annotations

import pytest
import traitlets

from widgets.ui.choices import HERE, MultipleChoice, SingleChoice
from widgets.ui.style import page_style


def test_a_single_choice_holds_one_option_or_nothing() -> None:
    scale = SingleChoice([("Not in place", 0), ("In place", 2)], legend="Rating")
    assert scale.value is None and scale.get_state()["choices"] == [{"label": "Not in place", "value": 0}, {"label": "In place", "value": 2}]
    scale.value = 2
    with pytest.raises(traitlets.TraitError, match="not one of the options"):
        scale.value = 1
    for same_in_python in (True, 2.0):  # True == 1 and 2.0 == 2, but neither is what a page sent for an option
        with pytest.raises(traitlets.TraitError, match="not one of the options"):
            scale.value = same_in_python
    assert scale.value == 2


def test_a_value_sent_by_a_tampered_page_is_refused_and_the_page_set_right(caplog) -> None:
    choice = SingleChoice([("A", "a"), ("B", "b")], legend="Your answer")
    sent: list = []
    choice.send_state = lambda key=None: sent.append(key)  # what the page would be sent back
    choice.set_state({"value": "b"})
    choice.set_state({"value": "../../etc/passwd"})
    assert choice.value == "b" and sent == [["value"]] and "refused a change from the page" in caplog.text
    sent.clear()
    choice.set_state({"value": "a", "choices": [{"label": "Mine", "value": "mine"}], "legend": "x" * 10_000})  # only the value is a person's to change
    assert choice.value == "a" and choice.legend == "Your answer" and sent == [["choices", "legend"]]
    assert "refused a change to choices, legend" in caplog.text


def test_a_choice_sent_as_a_message_is_checked_the_same_way(caplog) -> None:
    """The page sends each click as a message (ipywidgets holds state changes back behind an
    unanswered one, which let a fast Check overtake the choice before it)."""
    choice = SingleChoice([("A", "a"), ("B", "b")], legend="Your answer")
    sent: list = []
    choice.send_state = lambda key=None: sent.append(key)
    choice._handle_custom_msg({"kind": "value", "value": "b"}, [])
    assert sent == []  # a value taken is not echoed: a late echo would undo the page's next click
    choice._handle_custom_msg({"kind": "value", "value": "z"}, [])
    choice._handle_custom_msg({"kind": "something else", "value": "a"}, [])
    assert choice.value == "b" and sent == ["value"] and "refused a value from the page" in caplog.text and "ignored a message" in caplog.text
    boxes = MultipleChoice([("A", "a"), ("B", "b"), ("C", "c")], legend="Your answer")
    boxes.send_state = lambda key=None: sent.append(key)
    sent.clear()
    boxes._handle_custom_msg({"kind": "value", "value": ["a"]}, [])
    assert boxes.value == ("a",) and sent == []
    boxes._handle_custom_msg({"kind": "value", "value": ["c", "a"]}, [])
    assert boxes.value == ("a", "c") and sent == ["value"]  # put in the shown order: the page is told
    boxes.disabled = True  # checked: a late or made-up message changes nothing
    boxes._handle_custom_msg({"kind": "value", "value": ["b"]}, [])
    assert boxes.value == ("a", "c")


def test_a_multiple_choice_holds_options_in_their_order_and_refuses_others() -> None:
    boxes = MultipleChoice([("A", "a"), ("B", "b"), ("C", "c")], legend="Your answer")
    assert boxes.get_state()["multiple"] is True and boxes.value == ()
    boxes.set_state({"value": ["c", "a", "c"]})
    assert boxes.value == ("a", "c")
    for bad in (["a", "z"], "a", 3):
        boxes.set_state({"value": bad})
        assert boxes.value == ("a", "c")


def test_the_front_end_is_packaged_beside_the_module() -> None:
    script, style = (HERE / "choices.js").read_text(), (HERE / "choices.css").read_text()
    esm = SingleChoice([("A", "a")]).get_state()["_esm"]
    assert esm.startswith((HERE / "choice_inputs.js").read_text()) and esm.endswith(script)
    script = esm
    assert "fieldset" in script and "legend" in script and "http" not in script + style


def test_the_groups_style_is_in_the_page_stylesheet_once_not_in_every_group() -> None:
    """anywidget writes a model's ``_css`` into the page again for each group it draws, and
    the browser restyles the whole page each time (twenty times on IV Standard 4)."""
    style = (HERE / "choices.css").read_text()
    assert "_css" not in SingleChoice([("A", "a")]).get_state()
    assert page_style().value.count(style) == 1
